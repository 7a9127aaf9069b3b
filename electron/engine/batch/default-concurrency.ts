import os from 'node:os';

/**
 * Renders a batch runs at once unless told otherwise: as many as the machine has hardware threads, at most 4. A render
 * is mostly ffmpeg's x264 (which already spreads over every core) plus single-threaded stretches (speech, face warp,
 * loudness passes, muxing) that a second render can fill; a third gains nothing more. On 2 cores, 5 × 15.5 s captioned
 * reels took 30.6 s one at a time, 26.4 s two at once and 27.2 s three at once (`npm run bench batch`); each render
 * holds ~130 MB.
 */
export function defaultBatchConcurrency(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, cores));
}
