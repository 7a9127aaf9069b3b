import { CancelledError, InputError } from '../errors.js';
import { estimateEtaMs, type RunOptions } from '../progress.js';
import { commitPartialFile, createPartialPath, ensureParentFolder, removePartialFile } from './atomic-file.js';
import { startFfmpeg } from './ffmpeg-adapter.js';
import { buildEncodeRgbaArgs, X264_PRESETS } from './ffmpeg-args.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { probeMedia } from './probe-media.js';
import type { RgbaImage } from './rgba-image.js';
import { assertValidImage } from './write-png.js';

export interface EncodeVideoInput {
  tools: FfmpegTools;
  outPath: string;
  /** Must be even (H.264 4:2:0). */
  width: number;
  height: number;
  /**
   * Size of the frames when it differs from the video's (any size, odd included): they are scaled to
   * width×height (keeping the aspect is the caller's job), or brought there by `videoFilter`.
   */
  frameWidth?: number;
  frameHeight?: number;
  /** Filter graph from the frames (as yuv420p BT.709) to the output picture; see EncodeRgbaArgsInput.videoFilter. */
  videoFilter?: string;
  fps: number;
  /**
   * The frames, in order. A frame's buffer may be reused by the producer as soon as the next one is
   * requested: each frame is fully handed to ffmpeg before that.
   */
  frames: AsyncIterable<RgbaImage> | Iterable<RgbaImage>;
  /** Expected number of frames, for progress. */
  frameCount?: number;
  /** Soundtrack; padded with silence or cut so the output lasts exactly as long as the frames. */
  audioPath?: string;
  /** x264 preset, default "medium". */
  preset?: string;
  /** x264 constant rate factor 0–51, default 20. */
  crf?: number;
  /** VBV cap on the video bitrate in kbit/s (see EncodeRgbaArgsInput.maxBitrateKbps); default uncapped. */
  maxBitrateKbps?: number;
  /** AAC bitrate in kbit/s, default 160. */
  audioBitrateKbps?: number;
  /** Container tags, e.g. { comment: 'AI-generated …' }. */
  metadata?: Record<string, string>;
  /**
   * Replace `outPath` if it exists when the encode finishes (default). False claims it exclusively: if another process
   * made it meanwhile, this encode fails with OUTPUT_EXISTS and leaves that file alone.
   */
  overwrite?: boolean;
}

export interface EncodeVideoResult {
  outPath: string;
  frames: number;
  durationSec: number;
}

/** Share of the work done once every frame is handed over; the rest is ffmpeg flushing and the rename. */
const ENCODE_RATIO_CAP = 0.99;
const PROGRESS_INTERVAL_MS = 100;

/**
 * Encodes RGBA frames (and optionally a soundtrack) to an H.264/AAC MP4 in yuv420p. Writes a hidden
 * temporary file next to `outPath` and renames it only on success: on failure or cancel nothing is left.
 * Progress (phase 'encode') counts frames handed to ffmpeg against `frameCount`: ffmpeg's own frame count
 * lags 40+ frames behind (x264 lookahead), while the producer — usually the renderer — is the slow side.
 */
export async function encodeVideo(input: EncodeVideoInput, options: RunOptions = {}): Promise<EncodeVideoResult> {
  const { signal, onProgress } = options;
  validateEncodeInput(input);
  if (input.audioPath !== undefined) {
    const audio = await probeMedia(input.tools, input.audioPath, { signal });
    if (!audio.hasAudio) throw new InputError('BAD_AUDIO', `${input.audioPath}: has no sound to use as a soundtrack.`, input.audioPath);
  }
  await ensureParentFolder(input.outPath);
  if (signal?.aborted) throw new CancelledError();

  const partialPath = createPartialPath(input.outPath);
  const frameWidth = input.frameWidth ?? input.width;
  const frameHeight = input.frameHeight ?? input.height;
  const startedAtMs = Date.now();
  let lastReportMs = 0;
  const report = (ratio: number, etaMs?: number) => {
    lastReportMs = Date.now();
    onProgress?.(etaMs === undefined ? { phase: 'encode', ratio } : { phase: 'encode', ratio, etaMs });
  };

  const proc = startFfmpeg({
    tools: input.tools,
    args: buildEncodeRgbaArgs({ ...input, outPath: partialPath }),
    signal,
    withStdin: true,
  });
  let frames = 0;
  try {
    report(0);
    for await (const frame of iterateUntilAborted(input.frames, signal)) {
      assertValidImage(frame, `frame ${frames}`);
      if (frame.width !== frameWidth || frame.height !== frameHeight) {
        throw new InputError('BAD_ARGUMENT', `frame ${frames} is ${frame.width}×${frame.height}; expected ${frameWidth}×${frameHeight}.`);
      }
      await proc.writeStdin(frame.data);
      frames += 1;
      if (input.frameCount && Date.now() - lastReportMs >= PROGRESS_INTERVAL_MS) {
        const ratio = Math.min(ENCODE_RATIO_CAP, frames / input.frameCount);
        report(ratio, estimateEtaMs(startedAtMs, ratio));
      }
    }
    if (frames === 0) throw new InputError('BAD_ARGUMENT', `no frames to encode into ${input.outPath}.`);
    proc.endStdin();
    await proc.completion;
    await commitPartialFile({ partialPath, outPath: input.outPath, overwrite: input.overwrite });
  } catch (error) {
    proc.stop();
    const verdict = await proc.completion.then(
      () => null,
      (e: unknown) => e,
    );
    await removePartialFile(partialPath);
    if (signal?.aborted) throw new CancelledError();
    // ffmpeg's own failure (e.g. DISK_FULL) explains a broken pipe better than the pipe error does.
    if (verdict && !(verdict instanceof CancelledError) && !(error instanceof InputError)) throw verdict;
    throw error;
  }
  report(1, 0);
  return { outPath: input.outPath, frames, durationSec: frames / input.fps };
}

function validateEncodeInput(input: EncodeVideoInput): void {
  const { width, height, fps, crf, preset } = input;
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0 || value % 2 !== 0) {
      throw new InputError('BAD_ARGUMENT', `${name} must be a positive even number of pixels for H.264 (yuv420p), got ${value}.`);
    }
  }
  for (const [name, value] of [
    ['frameWidth', input.frameWidth],
    ['frameHeight', input.frameHeight],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value <= 0)) throw new InputError('BAD_ARGUMENT', `${name} must be a positive whole number of pixels, got ${value}.`);
  }
  if (!(fps > 0) || fps > 240) throw new InputError('BAD_ARGUMENT', `fps must be between 0 and 240, got ${fps}.`);
  if (crf !== undefined && !(crf >= 0 && crf <= 51)) throw new InputError('BAD_ARGUMENT', `crf must be between 0 and 51, got ${crf}.`);
  for (const [name, value, max] of [
    ['maxBitrateKbps', input.maxBitrateKbps, 200_000],
    ['audioBitrateKbps', input.audioBitrateKbps, 512],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 8 && value <= max)) {
      throw new InputError('BAD_ARGUMENT', `${name} must be a whole number of kbit/s between 8 and ${max}, got ${value}.`);
    }
  }
  if (preset !== undefined && !(X264_PRESETS as readonly string[]).includes(preset)) {
    throw new InputError('BAD_ARGUMENT', `preset must be one of ${X264_PRESETS.join(', ')}; got "${preset}".`);
  }
  for (const [key, value] of Object.entries(input.metadata ?? {})) {
    if (!/^[A-Za-z0-9_.-]+$/.test(key) || /[\r\n\0]/.test(value)) {
      throw new InputError('BAD_ARGUMENT', `metadata "${key}" must have a simple key and a single-line value.`);
    }
  }
}

/**
 * Iterates frames, but gives up as soon as the signal fires even while the producer is busy, so a
 * cancel is prompt; the producer is told to stop (`return()`) either way.
 */
async function* iterateUntilAborted<T>(source: AsyncIterable<T> | Iterable<T>, signal?: AbortSignal): AsyncGenerator<T> {
  const iterator: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<T>)[Symbol.asyncIterator]() : (source as Iterable<T>)[Symbol.iterator]();
  // A cancel fails the pending `next()` through this one listener; racing every `next()` against one long-lived
  // promise would leave a reaction behind per frame until the signal fires (never, in a finished render).
  let failPending: ((error: unknown) => void) | undefined;
  let onAbort: (() => void) | undefined;
  if (signal) {
    onAbort = () => failPending?.(new CancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
  }
  let done = false;
  try {
    while (true) {
      if (signal?.aborted) throw new CancelledError();
      const next = Promise.resolve(iterator.next());
      const result = signal
        ? await new Promise<IteratorResult<T>>((resolve, reject) => {
            failPending = reject;
            next.then(resolve, reject);
          }).finally(() => (failPending = undefined))
        : await next;
      if (result.done) {
        done = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    if (!done) {
      const closing = Promise.resolve(iterator.return?.()).catch(() => {});
      // A producer stuck in next() would make return() wait for it; after a cancel, do not wait.
      if (!signal?.aborted) await closing;
    }
  }
}
