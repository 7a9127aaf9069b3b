import { useLibraryData } from '../library/library-context';
import { useEditor } from '../store/editor-store';

/** Why the project cannot be exported yet, in the words of the next step; null when it can. */
export function useRenderBlocker(): string | null {
  const faceId = useEditor((state) => state.doc.stage.faceId);
  const hasClips = useEditor((state) => state.doc.tracks.some((track) => track.clips.length > 0));
  const { faceById } = useLibraryData();
  const face = faceById(faceId);
  if (faceId === null || !face) return 'Put a face on the stage first';
  if (face.subjectCount === 0) return 'No face found in this photo';
  if (!face.consent) return 'Confirm you have the right to use this likeness (in the library)';
  if (!hasClips) return 'Add a recording or a script line to the timeline';
  return null;
}
