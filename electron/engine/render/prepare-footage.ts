/**
 * A video face made ready to dub: the clip probed, the speaking subject tracked through every frame while the mouth
 * bank is filled from the same decode, and the clip frame of each output frame chosen by the length rule. One pass
 * over the clip; what it keeps is the track (landmarks per frame) and a bounded bank, never the frames.
 */
import { InputError, throwIfAborted } from '../errors.js';
import type { FileAnalysis } from '../face/analyze-file.js';
import { FADE_FRAMES, type VideoTrack } from '../face/track-video.js';
import { probeMedia, type FfmpegTools } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import type { FootageSceneSource } from '../synth/frame-synthesiser.js';
import { sourceFrameOrder } from '../synth/footage-dub/frame-order.js';
import { trackMouthBank } from './track-mouth-bank.js';

/** A subject tracked in less than this share of the clip cannot be dubbed credibly. */
export const MIN_TRACKED_SHARE = 0.5;
/** Nor in fewer frames than this (a face seen for a moment). */
export const MIN_TRACKED_SEC = 1.5;

export interface FootageLength {
  /** Keep the clip's full length when the voice is shorter (the mouth rests after the voice ends). */
  keepClipLength?: boolean;
}

export interface PreparedFootage {
  source: Omit<FootageSceneSource, 'order' | 'view'>;
  clipFrames: number;
  clipDurationSec: number;
}

export async function prepareFootage(
  deps: { tools: FfmpegTools; pool: SessionPool },
  analysis: FileAnalysis,
  subjectIndex: number,
  options: { signal?: AbortSignal; onProgress?: (ratio: number) => void } = {},
): Promise<PreparedFootage> {
  const { signal } = options;
  const info = await probeMedia(deps.tools, analysis.path, { signal });
  const clipFps = info.fps ?? 25;
  const width = info.width ?? analysis.width;
  const height = info.height ?? analysis.height;
  const { track, bank } = await trackMouthBank(deps, { path: analysis.path, width, height, fps: clipFps, durationSec: info.durationSec ?? 1 }, subjectIndex, {
    signal,
    onProgress: options.onProgress,
  });
  throwIfAborted(signal);
  assertTrackable(analysis.path, track, subjectIndex);
  return { source: { kind: 'footage', tools: deps.tools, path: analysis.path, clipFps, track, bank }, clipFrames: track.frames.length, clipDurationSec: track.frames.length / clipFps };
}

function assertTrackable(facePath: string, track: VideoTrack, subjectIndex: number): void {
  const tracked = track.frames.filter((f) => f.landmarks && !f.skip).length;
  const seconds = tracked / track.fps;
  if (tracked < FADE_FRAMES || seconds < MIN_TRACKED_SEC || tracked < MIN_TRACKED_SHARE * track.frames.length) {
    throw new InputError(
      'NO_FACE',
      `${facePath}: the face of subject ${subjectIndex} is visible (and facing the camera) in only ${seconds.toFixed(1)} s of this ${(track.frames.length / track.fps).toFixed(1)} s clip; dubbing needs it in most of the clip.`,
      facePath,
    );
  }
}

/** The clip frame each of `outputFrames` shows (see sourceFrameOrder), and how many output frames there are. */
export function orderFootage(footage: PreparedFootage, voiceFrames: number, outputFps: number, length: FootageLength): { order: Int32Array; frameCount: number } {
  const clipFramesAtOutput = Math.max(1, Math.round((footage.clipFrames * outputFps) / footage.source.clipFps));
  const frameCount = length.keepClipLength ? Math.max(voiceFrames, clipFramesAtOutput) : voiceFrames;
  return { order: sourceFrameOrder({ outputFrames: frameCount, clipFrames: footage.clipFrames, outputFps, clipFps: footage.source.clipFps }), frameCount };
}
