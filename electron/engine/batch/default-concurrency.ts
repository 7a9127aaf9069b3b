import os from 'node:os';

/**
 * Renders a batch runs at once unless told otherwise: one more than the machine's hardware threads, at most 4. A
 * render is mostly ffmpeg's x264 (which already spreads over every core) plus single-threaded stretches (speech,
 * face warp, loudness passes, muxing) that another render can fill. On 2 cores, 5 × 12 s reels took 38.9 s one at a
 * time, 34.7 s two at once and 25.9 s three at once (`npm run bench batch`); each render holds ~130 MB.
 */
export function defaultBatchConcurrency(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores + 1));
}
