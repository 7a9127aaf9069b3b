import type { ProjectDocument } from '../../../electron/contract/project-document';
import type { LibraryListing } from '../../../electron/contract/types';
import { subjectName } from '../subject-label';

/**
 * Why the project cannot be exported yet, in the words of the next step; null when it can. Checked in the order the
 * user meets the steps: face, consent, clips, then what the clips point at.
 */
export function renderBlockerFor(doc: ProjectDocument, listing: LibraryListing | null): string | null {
  const face = listing?.faces.find((entry) => entry.id === doc.stage.faceId);
  if (doc.stage.faceId === null || !face) return 'Put a face on the stage first';
  if (face.subjectCount === 0) return `No face found in this ${face.kind === 'video' ? 'clip' : 'photo'}`;
  if (!face.consent) return 'Confirm consent on the face in the library';
  const clips = doc.tracks.flatMap((track) => track.clips.map((clip) => ({ clip, subject: track.subject })));
  if (clips.length === 0) return 'Add a recording or a script line to the timeline';
  const outside = clips.find(({ subject }) => face.subjectCount !== null && subject >= face.subjectCount);
  if (outside) return `${subjectName(outside.subject, face.subjectNames)} is not in this picture: move or delete its clips`;
  const speakers = [...new Set(clips.map(({ subject }) => subject))].sort((a, b) => a - b);
  if (face.kind === 'video' && speakers.length > 1) {
    return `A clip is dubbed for one speaker: ${speakers.map((subject) => subjectName(subject, face.subjectNames)).join(' and ')} both have lines; keep one`;
  }
  const voiceIds = new Set(listing?.voices.map((voice) => voice.id));
  const scriptIds = new Set(listing?.scripts.map((script) => script.id));
  const missing = clips.find(({ clip }) => (clip.kind === 'audio' ? !voiceIds.has(clip.voiceId) : clip.scriptId !== undefined && !scriptIds.has(clip.scriptId)));
  if (missing) return `A clip on ${subjectName(missing.subject, face.subjectNames)}'s track uses a ${missing.clip.kind === 'audio' ? 'recording' : 'script'} that was deleted`;
  return null;
}
