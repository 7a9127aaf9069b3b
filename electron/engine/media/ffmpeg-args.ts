/**
 * Pure builders of ffmpeg/ffprobe argument lists. Nothing here runs a process: each function returns
 * the exact `string[]` handed to the binary, so tests can assert on commands as data.
 */
import type { SourceColour } from './source-colour.js';

/** How a picture must be turned for display: mirror (left-right) first, then rotate clockwise. */
export interface DisplayOrientation {
  rotationDeg: 0 | 90 | 180 | 270;
  mirrored: boolean;
}

export type ScaleRequest = { width: number; height: number } | { maxSide: number };

export interface DecodeRgbaArgsInput {
  inputPath: string;
  /** Fast input seek (accurate, since ffmpeg decodes from the previous keyframe). */
  startSec?: number;
  durationSec?: number;
  /** Resample to a constant frame rate; omitted = every decoded frame passes through. */
  fps?: number;
  /** Size of the frames after orientation is applied. */
  scale?: ScaleRequest;
  /**
   * When given, ffmpeg's own autorotation is switched off and this orientation is applied explicitly,
   * so the result does not depend on which ffmpeg build reads the display matrix (or EXIF) and how.
   */
  orientation?: DisplayOrientation;
  frameLimit?: number;
  /** Also report warnings (a decoder that conceals damage only warns); default errors only. */
  warnings?: boolean;
  /** The YUV matrix and range to convert from (see source-colour.ts); omitted = ffmpeg's default. */
  colour?: SourceColour;
}

const QUIET_ARGS = ['-hide_banner', '-nostdin', '-v', 'error'];

/** Decodes the first video stream of a file to raw RGBA frames on stdout. */
export function buildDecodeRgbaArgs(input: DecodeRgbaArgsInput): string[] {
  const args = input.warnings ? ['-hide_banner', '-nostdin', '-v', 'warning'] : [...QUIET_ARGS];
  if (input.orientation) args.push('-noautorotate');
  if (input.startSec !== undefined && input.startSec > 0) args.push('-ss', formatSeconds(input.startSec));
  args.push('-i', input.inputPath, '-map', '0:v:0', '-an', '-sn', '-dn');
  if (input.durationSec !== undefined) args.push('-t', formatSeconds(input.durationSec));

  const filters = [
    ...(input.orientation ? buildOrientationFilters(input.orientation) : []),
    ...(input.fps !== undefined ? [`fps=${formatNumber(input.fps)}`] : []),
    ...(input.scale ? [buildScaleFilter(input.scale)] : []),
    ...(input.colour ? [`scale=in_color_matrix=${input.colour.matrix}:in_range=${input.colour.range}`, 'format=rgba'] : []),
  ];
  if (filters.length > 0) args.push('-vf', filters.join(','));
  if (input.frameLimit !== undefined) args.push('-frames:v', String(input.frameLimit));
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1');
  return args;
}

/** The filters that put a stored picture upright; empty when nothing needs doing. */
export function buildOrientationFilters(orientation: DisplayOrientation): string[] {
  const { rotationDeg, mirrored } = orientation;
  if (!mirrored) {
    if (rotationDeg === 90) return ['transpose=clock'];
    if (rotationDeg === 180) return ['hflip', 'vflip'];
    if (rotationDeg === 270) return ['transpose=cclock'];
    return [];
  }
  // Mirror then rotate collapses to one filter each: EXIF orientations 2, 7, 4 and 5.
  if (rotationDeg === 90) return ['transpose=clock_flip'];
  if (rotationDeg === 180) return ['vflip'];
  if (rotationDeg === 270) return ['transpose=cclock_flip'];
  return ['hflip'];
}

function buildScaleFilter(scale: ScaleRequest): string {
  if ('maxSide' in scale) {
    const m = Math.floor(scale.maxSide);
    // Never upscale; keep aspect. Commas inside expressions must be escaped in a filter graph.
    return `scale=w='min(iw\\,${m})':h='min(ih\\,${m})':force_original_aspect_ratio=decrease:flags=area`;
  }
  return `scale=${Math.round(scale.width)}:${Math.round(scale.height)}:flags=area`;
}

export const X264_PRESETS = [
  'ultrafast',
  'superfast',
  'veryfast',
  'faster',
  'fast',
  'medium',
  'slow',
  'slower',
  'veryslow',
] as const;
export type X264Preset = (typeof X264_PRESETS)[number];

export interface EncodeRgbaArgsInput {
  outPath: string;
  /** Size of the output video. */
  width: number;
  height: number;
  /** Size of the raw frames on stdin when it differs from the output (then `videoFilter` must get there). */
  frameWidth?: number;
  frameHeight?: number;
  /**
   * A filter graph from the frames, already converted to yuv420p BT.709 at their own size (cheapest while
   * small), to the width×height output in yuv420p: one unlabelled input, one unlabelled output (e.g.
   * `split…overlay` for padding); labels inside it must not start with `enc_`. Without it, frames of
   * another size are scaled to the output in the same pass as the colour conversion.
   */
  videoFilter?: string;
  fps: number;
  audioPath?: string;
  preset?: string;
  crf?: number;
  /**
   * VBV cap on the video bitrate (`-maxrate`, with a buffer of two seconds' worth at that rate): CRF alone lets
   * bursts of motion spike far above what platforms accept without a harsh re-encode. Omitted = uncapped CRF.
   */
  maxBitrateKbps?: number;
  audioBitrateKbps?: number;
  metadata?: Record<string, string>;
}

/**
 * Tags the mp4 muxer writes as classic iTunes-style atoms. Any other key needs `use_metadata_tags`,
 * without which ffmpeg silently drops it (checked with the bundled 2018 build).
 */
const MP4_STANDARD_TAGS = new Set([
  'title',
  'artist',
  'album_artist',
  'composer',
  'album',
  'date',
  'comment',
  'genre',
  'copyright',
  'grouping',
  'lyrics',
  'description',
  'synopsis',
  'show',
  'episode_id',
  'network',
  'encoder',
]);

/**
 * Encodes raw RGBA frames read from stdin to H.264/AAC. Audio, when given, is padded with silence
 * and the output ends with the video (`apad` + `-shortest`), so a short voice never cuts frames.
 * ffmpeg's own progress goes to stdout as `-progress` key=value blocks (see ffmpeg-progress.ts) for
 * callers that want it; `encodeVideo` counts handed-over frames instead.
 */
export function buildEncodeRgbaArgs(input: EncodeRgbaArgsInput): string[] {
  const args = [
    ...QUIET_ARGS,
    ...rawRgbaInputFormatArgs({ width: input.frameWidth ?? input.width, height: input.frameHeight ?? input.height }),
    '-r',
    formatNumber(input.fps),
    '-i',
    'pipe:0',
  ];
  if (input.audioPath !== undefined) args.push('-i', input.audioPath);
  // RGB → BT.709 limited range, and say so in the stream, or players guess BT.601 for HD and shift colours.
  // Frames of another size are scaled in the same swscale pass: one pass instead of two at the output size.
  const resized = (input.frameWidth ?? input.width) !== input.width || (input.frameHeight ?? input.height) !== input.height;
  const colourConversion =
    resized && !input.videoFilter
      ? `scale=w=${input.width}:h=${input.height}:flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p`
      : 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p';
  if (input.videoFilter) {
    args.push('-filter_complex', `[0:v]${colourConversion},${input.videoFilter},format=yuv420p[enc_video]`, '-map', '[enc_video]');
  } else {
    args.push('-map', '0:v:0');
  }
  if (input.audioPath !== undefined) args.push('-map', '1:a:0');
  if (!input.videoFilter) args.push('-vf', colourConversion);
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    input.preset ?? 'medium',
    '-crf',
    String(input.crf ?? 20),
    // High is a ceiling, not a promise: x264 writes the profile its tools need (High from `veryfast` up,
    // Constrained Baseline for `ultrafast`) and picks the level from size, rate and VBV, so none is forced.
    '-profile:v',
    'high',
    ...(input.maxBitrateKbps !== undefined ? buildVbvArgs(input.maxBitrateKbps) : []),
    '-pix_fmt',
    'yuv420p',
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    '-color_range',
    'tv',
  );
  if (input.audioPath !== undefined) {
    args.push('-af', 'apad', '-c:a', 'aac', '-b:a', `${input.audioBitrateKbps ?? 160}k`, '-ar', '48000', '-shortest');
  } else {
    args.push('-an');
  }

  const metadata = Object.entries(input.metadata ?? {});
  const needsCustomTags = metadata.some(([key]) => !MP4_STANDARD_TAGS.has(key));
  args.push('-movflags', needsCustomTags ? '+faststart+use_metadata_tags' : '+faststart');
  for (const [key, value] of metadata) args.push('-metadata', `${key}=${value}`);

  args.push('-progress', 'pipe:1', '-nostats', '-y', input.outPath);
  return args;
}

function buildVbvArgs(maxBitrateKbps: number): string[] {
  if (!Number.isInteger(maxBitrateKbps) || maxBitrateKbps <= 0) throw new RangeError(`maxBitrateKbps must be a positive whole number, got ${maxBitrateKbps}`);
  return ['-maxrate', `${maxBitrateKbps}k`, '-bufsize', `${maxBitrateKbps * 2}k`];
}

/** Describes headerless RGBA frames on an input pipe: ffmpeg cannot guess their format or size. */
function rawRgbaInputFormatArgs(input: { width: number; height: number }): string[] {
  return ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${input.width}x${input.height}`];
}

/** Encodes one raw RGBA picture from stdin to PNG bytes on stdout (no file-name pattern pitfalls). */
export function buildPngFromRgbaArgs(input: { width: number; height: number }): string[] {
  return [
    ...QUIET_ARGS,
    ...rawRgbaInputFormatArgs(input),
    '-i',
    'pipe:0',
    '-frames:v',
    '1',
    '-c:v',
    'png',
    '-pix_fmt',
    'rgba',
    '-f',
    'image2pipe',
    'pipe:1',
  ];
}

/** ffprobe as JSON: container and every stream. */
export function buildProbeArgs(input: { inputPath: string }): string[] {
  return ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input.inputPath];
}

export function buildVersionArgs(): string[] {
  return ['-version'];
}

function formatSeconds(valueSec: number): string {
  return formatNumber(Math.max(0, valueSec));
}

/** Decimal without exponent or float noise (ffmpeg does not parse `1e-7`). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(Number(value.toFixed(6)));
}

/** Reads `inputPath` keeping only its first audio stream: no video, subtitle or data streams reach the output. */
export function firstAudioStreamInputArgs(inputPath: string): string[] {
  return ['-i', inputPath, '-map', '0:a:0', '-vn', '-sn', '-dn'];
}

/**
 * A file name as ffmpeg/ffprobe must see it to take it for a file: a relative name that begins with `-` would be read
 * as an option, and one with a `:` before any `/` (`take:2.wav`) as a protocol; `./` in front makes both plain files.
 * Absolute paths, pipes (`pipe:1`) and `-` (stdout) pass unchanged.
 */
export function toFfmpegFileArg(filePath: string): string {
  if (filePath === '-' || /^pipe:\d*$/.test(filePath) || filePath.startsWith('/') || /^[A-Za-z]:[\\/]/.test(filePath)) return filePath;
  if (filePath.startsWith('-') || /^[^/\\]*:/.test(filePath)) return `./${filePath}`;
  return filePath;
}

/** An input read by a device or filter rather than from a file (`-f lavfi -i color=…`). */
function isGeneratedInput(args: readonly string[], inputIndex: number): boolean {
  for (let j = inputIndex - 1; j > 0 && args[j] !== '-i'; j--) if (args[j - 1] === '-f' && args[j] === 'lavfi') return true;
  return false;
}

/**
 * The argument list with every file name made safe (`toFfmpegFileArg`): what follows `-i`, and the last argument of a
 * list longer than one (`-version` alone is not a file), which every builder here makes ffmpeg's output or ffprobe's
 * input. Done in one place, at the process boundary, so no builder can forget it.
 */
export function protectFileArgs(args: readonly string[]): string[] {
  const safe = [...args];
  for (let i = 0; i < safe.length - 1; i++) if (safe[i] === '-i' && !isGeneratedInput(safe, i)) safe[i + 1] = toFfmpegFileArg(safe[i + 1]);
  if (safe.length > 1 && safe[safe.length - 2] !== '-i') safe[safe.length - 1] = toFfmpegFileArg(safe[safe.length - 1]);
  return safe;
}
