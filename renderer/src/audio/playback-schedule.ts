import type { ProjectDocument } from '../../../electron/contract/project-document';
import { clipEndSec } from '../../../electron/contract/project-document';

/** One piece of audio to start: `delaySec` after playback starts, from `offsetSec` into the recording, for `durationSec`. */
export interface ScheduledAudio {
  clipId: string;
  voiceId: number;
  delaySec: number;
  offsetSec: number;
  durationSec: number;
}

/** What to play when playback starts at `fromSec`: every audio clip (or its remaining part) still ahead. */
export function scheduleAudio(doc: ProjectDocument, fromSec: number): ScheduledAudio[] {
  const scheduled: ScheduledAudio[] = [];
  for (const track of doc.tracks) {
    for (const clip of track.clips) {
      if (clip.kind !== 'audio' || clipEndSec(clip) <= fromSec) continue;
      const skipSec = Math.max(0, fromSec - clip.start);
      scheduled.push({
        clipId: clip.id,
        voiceId: clip.voiceId,
        delaySec: Math.max(0, clip.start - fromSec),
        offsetSec: clip.trimStart + skipSec,
        durationSec: clip.trimEnd - clip.trimStart - skipSec,
      });
    }
  }
  return scheduled.sort((a, b) => a.delaySec - b.delaySec);
}

/** Subjects with a clip under the playhead: the ones speaking at that moment. */
export function subjectsSpeakingAt(doc: ProjectDocument, atSec: number): number[] {
  return doc.tracks.filter((track) => track.clips.some((clip) => clip.start <= atSec && atSec < clipEndSec(clip))).map((track) => track.subject);
}

/** Where the timeline ends: the end of its last clip. */
export function timelineEndSec(doc: ProjectDocument): number {
  return doc.tracks.reduce((end, track) => track.clips.reduce((trackEnd, clip) => Math.max(trackEnd, clipEndSec(clip)), end), 0);
}
