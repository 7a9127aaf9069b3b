import type { Clip, ProjectDocument, Track } from '../../../../electron/contract/project-document';

/** Where a clip sits in the document. */
export interface ClipLocation {
  clip: Clip;
  subject: number;
  trackIndex: number;
  clipIndex: number;
}

export function findClip(doc: ProjectDocument, clipId: string): ClipLocation | null {
  for (let trackIndex = 0; trackIndex < doc.tracks.length; trackIndex++) {
    const track = doc.tracks[trackIndex];
    const clipIndex = track.clips.findIndex((clip) => clip.id === clipId);
    if (clipIndex >= 0) return { clip: track.clips[clipIndex], subject: track.subject, trackIndex, clipIndex };
  }
  return null;
}

export function requireClip(doc: ProjectDocument, clipId: string): ClipLocation {
  const location = findClip(doc, clipId);
  if (!location) throw new Error(`No clip ${clipId} in the project.`);
  return location;
}

const byStart = (a: Clip, b: Clip) => a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const bySubject = (a: Track, b: Track) => a.subject - b.subject;

/** Adds a clip to a subject's track (creating the track when needed); clips stay ordered by start. */
export function insertClip(doc: ProjectDocument, subject: number, clip: Clip): ProjectDocument {
  const existing = doc.tracks.find((track) => track.subject === subject);
  const tracks = existing
    ? doc.tracks.map((track) => (track === existing ? { ...track, clips: [...track.clips, clip].sort(byStart) } : track))
    : [...doc.tracks, { subject, clips: [clip] }].sort(bySubject);
  return { ...doc, tracks };
}

/**
 * Removes a clip. A track left empty goes too: the document holds tracks only for subjects that speak (the timeline
 * still shows a row for every subject), which keeps undo exact without bookkeeping about who created a track.
 */
export function removeClip(doc: ProjectDocument, clipId: string): ProjectDocument {
  const { trackIndex } = requireClip(doc, clipId);
  const tracks = doc.tracks
    .map((track, index) => (index === trackIndex ? { ...track, clips: track.clips.filter((clip) => clip.id !== clipId) } : track))
    .filter((track) => track.clips.length > 0);
  return { ...doc, tracks };
}

/** The same document with empty tracks dropped and clips in start order, as the edits keep it. */
export function normalizeTracks(doc: ProjectDocument): ProjectDocument {
  const tracks = doc.tracks
    .filter((track) => track.clips.length > 0)
    .map((track) => ({ ...track, clips: [...track.clips].sort(byStart) }))
    .sort(bySubject);
  return { ...doc, tracks };
}

/** Replaces a clip in place (same track), keeping the start order. */
export function replaceClip(doc: ProjectDocument, clip: Clip): ProjectDocument {
  const { trackIndex } = requireClip(doc, clip.id);
  return {
    ...doc,
    tracks: doc.tracks.map((track, index) =>
      index === trackIndex ? { ...track, clips: track.clips.map((old) => (old.id === clip.id ? clip : old)).sort(byStart) } : track,
    ),
  };
}
