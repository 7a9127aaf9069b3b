import { EngineError, InputError } from '../errors.js';
import { startFfmpeg, type FfmpegProcess } from './ffmpeg-adapter.js';
import { buildDecodeRgbaArgs } from './ffmpeg-args.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { fitWithinMaxSide, rgbaFrameBytes } from './frame-size.js';
import { readDisplayOrientation } from './media-info.js';
import { probeMedia } from './probe-media.js';
import { createFrameAssembler } from './rgba-frame-assembler.js';
import { openSocketFrameReader, socketFramesSupported } from './socket-frame-reader.js';
import type { RgbaImage } from './rgba-image.js';
import { sourceColourOf } from './source-colour.js';

/** A decoded video frame. `timeSec` is the nominal time: start + index / fps. */
export type VideoFrame = RgbaImage & { index: number; timeSec: number };

export interface ReadVideoFramesOptions {
  /** Resample to this rate; omitted = the file's frames as they are (timestamps then assume its average rate). */
  fps?: number;
  /** Downscale so neither side exceeds this (never enlarges). */
  maxSide?: number;
  startSec?: number;
  durationSec?: number;
  signal?: AbortSignal;
  /** Decode into two buffers used in turn (a frame is valid until the next is asked for) instead of a fresh one a frame. */
  reuseBuffer?: boolean;
}

/**
 * Streams the frames of a video (or the single frame of an image) as RGBA, upright (rotation applied).
 * Memory stays bounded: ffmpeg is read at most a frame ahead of the consumer, so a slow consumer pauses the pipe
 * and ffmpeg blocks. Breaking out of the loop stops ffmpeg. Each frame is a fresh buffer, unless
 * `reuseBuffer` is set.
 */
export async function* readVideoFrames(tools: FfmpegTools, filePath: string, options: ReadVideoFramesOptions = {}): AsyncGenerator<VideoFrame> {
  const info = await probeMedia(tools, filePath, { signal: options.signal });
  if (!info.hasVideo || info.width === null || info.height === null) {
    throw new InputError('BAD_ARGUMENT', `${filePath}: has no picture to read frames from (it is ${info.kind}).`, filePath);
  }
  if (options.fps !== undefined && !(options.fps > 0)) throw new InputError('BAD_ARGUMENT', `fps must be positive, got ${options.fps}`);
  const size = fitWithinMaxSide({ width: info.width, height: info.height, maxSide: options.maxSide });
  const startSec = options.startSec ?? 0;
  const args = buildDecodeRgbaArgs({
    inputPath: filePath,
    startSec,
    durationSec: options.durationSec,
    fps: options.fps,
    scale: size.width !== info.width || size.height !== info.height ? size : undefined,
    orientation: readDisplayOrientation(info),
    colour: sourceColourOf(info),
  });
  const frameRate = options.fps ?? info.fps ?? 25;
  let index = 0;
  for await (const data of streamRgbaFrames({ tools, args, ...size, signal: options.signal, reuseBuffer: options.reuseBuffer })) {
    yield { width: size.width, height: size.height, data, index, timeSec: startSec + index / frameRate };
    index += 1;
  }
}

/**
 * Runs ffmpeg with rawvideo-RGBA-on-stdout arguments and yields whole frames of the given size.
 * Stops ffmpeg when the consumer stops early; surfaces ffmpeg's own error when it fails.
 */
export async function* streamRgbaFrames(input: {
  tools: FfmpegTools;
  args: string[];
  width: number;
  height: number;
  signal?: AbortSignal;
  /** ffmpeg's messages (at the level the args ask for), e.g. to notice a damaged file it decoded anyway. */
  onStderrLine?: (line: string) => void;
  /** Reused frame buffers (see ReadVideoFramesOptions.reuseBuffer). */
  reuseBuffer?: boolean;
}): AsyncGenerator<Uint8Array> {
  if (input.reuseBuffer && socketFramesSupported) {
    yield* streamFramesOverSocket(input);
    return;
  }
  const proc = startFfmpeg({ tools: input.tools, args: input.args, signal: input.signal, stdout: 'stream', onStderrLine: input.onStderrLine });
  const assembler = createFrameAssembler({ frameBytes: rgbaFrameBytes(input) });
  async function* chunksToFrames(): AsyncGenerator<Uint8Array> {
    for await (const chunk of proc.stdout) yield* input.reuseBuffer ? assembler.frames(chunk as Buffer) : assembler.push(chunk as Buffer);
  }
  yield* untilFfmpegEnds(proc, chunksToFrames(), () => assembler.pendingBytes);
}

/** As streamRgbaFrames with `reuseBuffer`, read through a local socket into two buffers used in turn (see socket-frame-reader.ts). */
async function* streamFramesOverSocket(input: Parameters<typeof streamRgbaFrames>[0]): AsyncGenerator<Uint8Array> {
  const reader = await openSocketFrameReader(rgbaFrameBytes(input));
  try {
    const proc = startFfmpeg({ tools: input.tools, args: input.args, signal: input.signal, stdoutTo: reader.childEnd, onStderrLine: input.onStderrLine });
    reader.releaseChildEnd();
    async function* socketFrames(): AsyncGenerator<Uint8Array> {
      for (let frame = await reader.next(); frame; frame = await reader.next()) yield frame;
    }
    yield* untilFfmpegEnds(proc, socketFrames(), () => reader.pendingBytes);
  } finally {
    reader.destroy();
  }
}

/**
 * Yields the frames read from ffmpeg's output until ffmpeg ends. A cancel or an ffmpeg failure explains a broken
 * stream better than the stream does; output that ends inside a frame is an error; a consumer that stops early
 * stops ffmpeg.
 */
async function* untilFfmpegEnds(proc: FfmpegProcess, frames: AsyncIterable<Uint8Array>, pendingBytes: () => number): AsyncGenerator<Uint8Array> {
  let finished = false;
  try {
    try {
      yield* frames;
    } catch (error) {
      await proc.completion;
      throw error;
    }
    await proc.completion;
    if (pendingBytes() > 0) throw new EngineError('FFMPEG_FAILED', `ffmpeg's output ended in the middle of a frame (${pendingBytes()} bytes over).`);
    finished = true;
  } finally {
    if (!finished) {
      proc.stop();
      await proc.completion.catch(() => {});
    }
  }
}
