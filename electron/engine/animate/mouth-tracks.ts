/**
 * Mouth channels: each clip's articulation curves copied frame for frame at the clip's offset (never shifted),
 * faded in and out over a few frames at the clip's edges inside the video, zero where the subject has no clip.
 * An edge at the video's first or last frame is not faded: nothing is shown before or after it, and a fade there
 * weakened a b/p/m on the first or last frames (lipPress 0.25 on frame 0).
 */
import { ARTICULATION_CHANNELS, type ArticulationChannel } from '../speech/speech-types.js';
import type { SpeechClip } from './performance-spec.js';

/** Length of the fade at each end of a clip, seconds (only matters when a clip is cut mid-sound). */
const EDGE_FADE_SEC = 0.08;

export type MouthTracks = Record<ArticulationChannel, Float64Array>;

export function renderMouthTracks(clips: SpeechClip[], fps: number, frameCount: number): MouthTracks {
  const tracks = Object.fromEntries(ARTICULATION_CHANNELS.map((c) => [c, new Float64Array(frameCount)])) as MouthTracks;
  const fadeFrames = Math.max(1, Math.round(EDGE_FADE_SEC * fps));
  for (const clip of clips) {
    const { curves } = clip.speech;
    const length = curves.frameCount;
    const last = Math.min(length, frameCount - clip.startFrame);
    const fadeIn = clip.startFrame > 0;
    const fadeOut = clip.startFrame + length < frameCount;
    for (let i = 0; i < last; i++) {
      const weight = Math.min(1, fadeIn ? (i + 1) / (fadeFrames + 1) : 1, fadeOut ? (length - i) / (fadeFrames + 1) : 1);
      const f = clip.startFrame + i;
      for (const channel of ARTICULATION_CHANNELS) {
        // Overlapping clips of one subject: the stronger articulation wins, so a closure is never averaged away.
        tracks[channel][f] = Math.max(tracks[channel][f], weight * curves[channel][i]);
      }
    }
  }
  return tracks;
}
