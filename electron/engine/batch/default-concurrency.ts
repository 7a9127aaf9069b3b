import os from 'node:os';

/**
 * Renders a batch runs at once unless told otherwise. One render keeps about one core busy with the face warp while
 * ffmpeg's x264 threads take the rest, so two renders overlap well on two cores and more gain little
 * (`npm run bench batch` measures it).
 */
export function defaultBatchConcurrency(cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, Math.ceil(cores / 2)));
}
