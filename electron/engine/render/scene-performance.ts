import type { SubjectPerformance } from '../animate/performance-types.js';
import type { FaceAnalysis, FaceSubject } from '../face/face-types.js';
import type { PreparedClip } from './clip-speech.js';
import type { TalkingVideoRequest } from './talking-video-request.js';
import { generatePerformance } from '../animate/index.js';

/**
 * The performance of every subject in view: speakers follow their clips (placed at their start frames), listeners
 * idle, each with its own style. The export and the preview both call this, so they show the same motion.
 * `clips[t]` are the prepared clips of `request.tracks[t]`.
 */
export function generateScenePerformances(input: {
  request: Pick<TalkingVideoRequest, 'fps' | 'seed' | 'tracks' | 'styles'>;
  analysis: FaceAnalysis;
  /** The subjects in view (their `index` as in the analysis). */
  subjects: FaceSubject[];
  clips: PreparedClip[][];
  frameCount: number;
}): SubjectPerformance[] {
  const { request, analysis, clips, frameCount } = input;
  return generatePerformance({
    fps: request.fps,
    frameCount,
    seed: request.seed,
    subjects: input.subjects.map((s) => {
      const trackIndex = request.tracks.findIndex((t) => t.subject === s.index);
      return {
        subjectIndex: s.index,
        face: analysis.subjects[s.index],
        style: request.styles?.[s.index],
        clips: trackIndex < 0 ? [] : clips[trackIndex].map((c) => ({ startFrame: Math.round(c.startSec * request.fps), speech: c.speech })),
      };
    }),
  });
}

/** Frames of a scene whose last clip ends at `durationSec`. */
export function sceneFrameCount(durationSec: number, fps: number): number {
  return Math.max(1, Math.ceil(durationSec * fps - 1e-6));
}
