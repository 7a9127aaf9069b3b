import type { ProjectDocument } from '../../../electron/contract/project-document';
import { clipEndSec, clipLengthSec, projectEndSec } from '../../../electron/contract/project-document';

/** Where a clip's sound comes from: a library recording, or a built-in voice saying a typed line or a library script. */
export type AudioSource = { kind: 'recording'; voiceId: number } | { kind: 'speech'; voice: string; text?: string; scriptId?: number };

/**
 * One piece of audio to start: `delaySec` after playback starts, from `offsetSec` into the sound, for `durationSec`
 * (for speech an estimate until it is synthesised: the synthesised line plays to its end).
 */
export interface ScheduledAudio {
  clipId: string;
  source: AudioSource;
  delaySec: number;
  offsetSec: number;
  durationSec: number;
}

/** What to play when playback starts at `fromSec`: every clip (or its remaining part) still ahead, typed lines included. */
export function scheduleAudio(doc: ProjectDocument, fromSec: number): ScheduledAudio[] {
  const scheduled: ScheduledAudio[] = [];
  for (const track of doc.tracks) {
    for (const clip of track.clips) {
      if (clipEndSec(clip) <= fromSec) continue;
      const skipSec = Math.max(0, fromSec - clip.start);
      const delaySec = Math.max(0, clip.start - fromSec);
      if (clip.kind === 'audio') {
        scheduled.push({ clipId: clip.id, source: { kind: 'recording', voiceId: clip.voiceId }, delaySec, offsetSec: clip.trimStart + skipSec, durationSec: clip.trimEnd - clip.trimStart - skipSec });
      } else {
        const source: AudioSource = clip.scriptId !== undefined ? { kind: 'speech', voice: clip.voice, scriptId: clip.scriptId } : { kind: 'speech', voice: clip.voice, text: clip.text };
        scheduled.push({ clipId: clip.id, source, delaySec, offsetSec: skipSec, durationSec: clipLengthSec(clip) - skipSec });
      }
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
  return projectEndSec(doc);
}
