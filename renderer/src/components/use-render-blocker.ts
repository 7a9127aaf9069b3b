import { useLibraryData } from '../library/library-context';
import { useEditor } from '../store/editor-store';

/** Why the project cannot be exported yet, in the words of the next step; null when it can. */
export function useRenderBlocker(): string | null {
  const faceId = useEditor((state) => state.doc.stage.faceId);
  const hasClips = useEditor((state) => state.doc.tracks.some((track) => track.clips.length > 0));
  const highestSubject = useEditor((state) => state.doc.tracks.reduce((highest, track) => Math.max(highest, track.subject), -1));
  const { faceById } = useLibraryData();
  const face = faceById(faceId);
  if (faceId === null || !face) return 'Put a face on the stage first';
  if (face.subjectCount === 0) return 'No face found in this photo';
  if (!face.consent) return 'Confirm consent on the face in the library';
  if (!hasClips) return 'Add a recording or a script line to the timeline';
  if (face.subjectCount !== null && highestSubject >= face.subjectCount) return `Subject ${highestSubject} is not in this picture: move or delete its clips`;
  return null;
}
