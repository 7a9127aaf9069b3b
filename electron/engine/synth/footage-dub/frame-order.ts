/**
 * Which clip frame each output frame shows, and reading them in that order with memory bounded by a short chunk.
 * When the new voice is longer than the clip, the footage plays on forward and back (ping-pong): no jump, as a loop's
 * last-to-first cut would be. When it is shorter the video ends with the voice, unless the whole clip is kept.
 */
import { readVideoFrames, type FfmpegTools, type VideoFrame } from '../../media/index.js';
import type { RgbaImage } from '../../media/rgba-image.js';

/** Frames read at once to play a stretch backwards, at least (large frames)… */
export const BACKWARD_CHUNK_FRAMES = 12;
/** …and at most (small ones): the frames of one backward chunk are held together, up to this many bytes. */
const BACKWARD_CHUNK_BYTES = 192 * 1024 * 1024;
const MAX_BACKWARD_CHUNK_FRAMES = 120;

/**
 * How many frames of `width` × `height` RGBA a backward chunk reads. Each chunk is an ffmpeg of its own that seeks and
 * decodes from the keyframe before the chunk (up to 250 frames with x264's defaults), so small chunks cost many
 * processes and decode the same stretch many times over.
 */
export function backwardChunkFrames(width: number, height: number): number {
  const fit = Math.floor(BACKWARD_CHUNK_BYTES / Math.max(1, width * height * 4));
  return Math.min(MAX_BACKWARD_CHUNK_FRAMES, Math.max(BACKWARD_CHUNK_FRAMES, fit));
}

export function sourceFrameOrder(input: { outputFrames: number; clipFrames: number; outputFps: number; clipFps: number }): Int32Array {
  const { outputFrames, clipFrames } = input;
  const order = new Int32Array(outputFrames);
  const period = 2 * (clipFrames - 1);
  for (let t = 0; t < outputFrames; t++) {
    const p = Math.round((t * input.clipFps) / input.outputFps);
    if (p < clipFrames || period <= 0) {
      order[t] = Math.min(p, clipFrames - 1);
      continue;
    }
    const q = p % period;
    order[t] = q < clipFrames ? q : period - q;
  }
  return order;
}

/** Maximal stretches of `order` that never go back (forward runs) or always go back (backward runs). */
export function splitRuns(order: ArrayLike<number>): { from: number; to: number; forward: boolean }[] {
  const runs: { from: number; to: number; forward: boolean }[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    const forward = end >= order.length || order[end] >= order[start];
    while (end < order.length && (forward ? order[end] >= order[end - 1] : order[end] < order[end - 1])) end++;
    runs.push({ from: start, to: end, forward });
    start = end;
  }
  return runs;
}

/**
 * The clip's frames in `order` (clip frame indices at `fps`), upright, at full size. Forward stretches are one decode;
 * backward ones are read `backwardChunk` frames at a time (default BACKWARD_CHUNK_FRAMES) and played reversed. A
 * yielded frame's buffer is the caller's until the next is asked for.
 */
export async function* readFramesInOrder(input: { tools: FfmpegTools; path: string; fps: number; order: ArrayLike<number>; backwardChunk?: number; signal?: AbortSignal }): AsyncGenerator<RgbaImage & { clipIndex: number }> {
  const { tools, path, fps, order, signal } = input;
  const chunkFrames = input.backwardChunk ?? BACKWARD_CHUNK_FRAMES;
  const read = (first: number, count: number, reuseBuffer: boolean) => readVideoFrames(tools, path, { fps, startSec: Math.max(0, (first - 0.25) / fps), durationSec: count / fps, signal, reuseBuffer });
  for (const run of splitRuns(order)) {
    if (run.forward) {
      const first = order[run.from];
      const last = order[run.to - 1];
      let t = run.from;
      let latest: VideoFrame | undefined;
      for await (const frame of read(first, last - first + 1, true)) {
        latest = frame;
        const clipIndex = first + frame.index;
        while (t < run.to && order[t] === clipIndex) yield { ...frame, clipIndex: order[t++] };
        if (t >= run.to) break;
      }
      // a clip that ends a frame early (rounded durations): its last frame stands in
      while (t < run.to && latest) yield { ...latest, clipIndex: order[t++] };
      continue;
    }
    for (let t = run.from; t < run.to; ) {
      const chunkEnd = Math.min(run.to, t + chunkFrames);
      const high = order[t];
      const low = order[chunkEnd - 1];
      const frames: VideoFrame[] = [];
      for await (const frame of read(low, high - low + 1, false)) frames.push(frame);
      for (; t < chunkEnd; t++) {
        const frame = frames[Math.min(frames.length - 1, order[t] - low)];
        if (frame) yield { ...frame, clipIndex: order[t] };
      }
    }
  }
}
