import { EngineError, InputError } from '../errors.js';
import { readStderrTail } from './ffmpeg-adapter.js';
import { buildDecodeRgbaArgs } from './ffmpeg-args.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { assertReasonableImageSize, fitWithinMaxSide } from './frame-size.js';
import { readDisplayOrientation, type MediaInfo } from './media-info.js';
import { probeMedia } from './probe-media.js';
import type { RgbaImage } from './rgba-image.js';
import { streamRgbaFrames } from './video-frames.js';
import { sourceColourOf } from './source-colour.js';

export interface DecodedImage {
  image: RgbaImage;
  /** Size of the original as displayed (EXIF/rotation applied). */
  originalWidth: number;
  originalHeight: number;
  /** Decoded pixels per original pixel: 1 unless downscaled to fit `maxSide`. */
  scale: number;
}

export interface DecodeImageOptions {
  /** Downscale (keeping aspect) so neither side exceeds this. */
  maxSide?: number;
  signal?: AbortSignal;
}

/**
 * Decodes a still image (png, jpg, webp, bmp, …) to RGBA, upright as viewers show it (EXIF orientation applied).
 * Throws InputError NOT_AN_IMAGE for audio and video files (use `decodeVideoFrame` for those),
 * IMAGE_TOO_LARGE beyond 20000 px a side or 200 MP, FILE_NOT_FOUND / UNREADABLE_MEDIA as `probeMedia` does.
 */
export async function decodeImage(tools: FfmpegTools, filePath: string, options: DecodeImageOptions = {}): Promise<DecodedImage> {
  const info = await probeMedia(tools, filePath, { signal: options.signal });
  if (info.kind !== 'image') {
    const hint = info.kind === 'video' ? ' Use a frame of it (decodeVideoFrame) or pick a photo.' : ' Pick a photo.';
    throw new InputError('NOT_AN_IMAGE', `${filePath}: this is ${info.kind === 'audio' ? 'an audio file' : 'a video'}, not an image.${hint}`, filePath);
  }
  return decodeOneFrame({ tools, info, maxSide: options.maxSide, signal: options.signal });
}

/** Decodes the frame of a video at `timeSec` (0 = first), upright, downscaled to `maxSide` when given. */
export async function decodeVideoFrame(
  tools: FfmpegTools,
  filePath: string,
  options: { timeSec?: number; maxSide?: number; signal?: AbortSignal } = {},
): Promise<DecodedImage & { timeSec: number }> {
  const info = await probeMedia(tools, filePath, { signal: options.signal });
  if (!info.hasVideo) throw new InputError('NOT_AN_IMAGE', `${filePath}: this is an audio file; it has no picture.`, filePath);
  const timeSec = options.timeSec ?? 0;
  const decoded = await decodeOneFrame({ tools, info, maxSide: options.maxSide, startSec: timeSec, signal: options.signal });
  return { ...decoded, timeSec };
}

async function decodeOneFrame(input: { tools: FfmpegTools; info: MediaInfo; maxSide?: number; startSec?: number; signal?: AbortSignal }): Promise<DecodedImage> {
  const { info } = input;
  const originalWidth = info.width ?? 0;
  const originalHeight = info.height ?? 0;
  assertReasonableImageSize({ filePath: info.path, width: originalWidth, height: originalHeight });
  if (input.maxSide !== undefined && !(input.maxSide >= 1)) throw new InputError('BAD_ARGUMENT', `maxSide must be at least 1, got ${input.maxSide}`);
  const size = fitWithinMaxSide({ width: originalWidth, height: originalHeight, maxSide: input.maxSide });
  const args = buildDecodeRgbaArgs({
    inputPath: info.path,
    startSec: input.startSec,
    scale: size.width !== originalWidth || size.height !== originalHeight ? size : undefined,
    orientation: readDisplayOrientation(info),
    frameLimit: 1,
    warnings: info.kind === 'image',
    colour: sourceColourOf(info),
  });

  let data: Uint8Array | undefined;
  const damage: string[] = [];
  const onStderrLine = (line: string) => {
    if (isDamageWarning(line)) damage.push(line);
  };
  try {
    for await (const frame of streamRgbaFrames({ tools: input.tools, args, ...size, signal: input.signal, onStderrLine })) data ??= frame;
  } catch (error) {
    // The file probed fine, so a decoder failure is about its content (truncated, corrupt), not about us.
    if (error instanceof EngineError && error.code === 'FFMPEG_FAILED') {
      if (damage.length > 0 || readStderrTail(error).some(isDamageWarning)) throw describeDamage(info.path, [...damage, ...readStderrTail(error)]);
      throw new InputError('UNREADABLE_MEDIA', `${info.path}: the picture cannot be read (the file is damaged, or in a form Mouthpiece cannot open).`, info.path);
    }
    throw error;
  }
  // A decoder conceals a damaged picture (grey or green blocks where data is missing) and only warns: refuse it.
  if (damage.length > 0) throw describeDamage(info.path, damage);
  if (!data) {
    const where = input.startSec ? ` at ${input.startSec} s (it is ${info.durationSec?.toFixed(2) ?? '?'} s long)` : '';
    throw new InputError(input.startSec ? 'BAD_ARGUMENT' : 'UNREADABLE_MEDIA', `${info.path}: no picture could be decoded${where}.`, info.path);
  }
  return {
    image: { width: size.width, height: size.height, data },
    originalWidth,
    originalHeight,
    scale: size.width / originalWidth,
  };
}

/** What decoders print when they conceal damage; swscaler's "deprecated pixel format" and the like are harmless. */
const DAMAGE_WARNING = /EOI missing|overread|truncat|premature|end of file|ran out of|not enough|corrupt|invalid|error while decoding|chunk too big|incomplete|damaged|mismatch|concealing|out of range/i;
/** The demuxer's notes about its own probing of a large picture ("not enough frames to estimate rate") are not damage. */
const PROBE_NOTE = /not enough frames to estimate rate|consider increasing probesize|analyzeduration/i;
const isDamageWarning = (line: string) => DAMAGE_WARNING.test(line) && !PROBE_NOTE.test(line);
const ENDS_EARLY = /EOI missing|overread|truncat|premature|end of file|ran out of|not enough|incomplete/i;

function describeDamage(filePath: string, warnings: string[]): InputError {
  const how = warnings.some((line) => ENDS_EARLY.test(line)) ? 'it ends early: the file was cut off while it was copied or downloaded' : 'part of its data is corrupt';
  return new InputError('UNREADABLE_MEDIA', `${filePath}: the picture is damaged (${how}); use a complete copy of it.`, filePath);
}
