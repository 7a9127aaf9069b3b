/**
 * Export presets: output size, frame rate and encoder settings of a finished video, built in or saved by the user.
 * The picture's framing (where the face sits) comes from render/output-presets.ts; a preset names which rule it uses.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { X264_PRESETS, type X264Preset } from '../media/ffmpeg-args.js';
import { OUTPUT_PRESETS, type OutputPreset, type OutputPresetName } from '../render/output-presets.js';

export type ExportFraming = OutputPresetName;

export interface ExportPreset {
  /** What the CLI, manifests and `{preset}` in output names use; unique, case-insensitive. */
  name: string;
  /** What the app shows. */
  label: string;
  builtin: boolean;
  /** Output size; none = the picture's own size (`sourcePresetSize`). */
  size?: { width: number; height: number };
  fps: number;
  /** x264 constant rate factor. */
  crf: number;
  x264Preset: X264Preset;
  /** VBV cap on the video bitrate at the preset's size; `source` scales it with the size (see `encodeSettingsFor`). */
  maxBitrateKbps: number;
  /** AAC-LC, 48 kHz stereo. */
  audioBitrateKbps: number;
  /** Which framing rule of render/output-presets.ts places the face. */
  framing: ExportFraming;
}

/*
 * Why these numbers. Every platform re-encodes uploads, so an export is an upload master: its quality is the ceiling
 * of what viewers get. CRF 20 keeps a talking face on a still photo clean (fine hair and skin texture survive) at a
 * few Mbit/s, since little but the face moves. The VBV cap only binds on bursts (fast head motion, noisy photos): at
 * 12 Mbit/s for 1080×1920 / 1920×1080 it sits above YouTube's ~8 Mbit/s upload guidance for 1080p30 yet keeps a 60 s
 * reel under ~90 MB, well inside the size limits of the short-video apps; square has 56 % of those pixels, hence
 * 8 Mbit/s. `veryfast` matches the renderer's x264 setting: on a 2–4 core machine a slower preset, not the renderer,
 * would become the bottleneck. Audio: the speech track is delivered as stereo (mono spread at −3 dB a side, same
 * loudness), because scenes with several speakers are mixed to stereo and one layout keeps every export alike; AAC at
 * 192 kbit/s (not 128) because the bundled ffmpeg's native AAC encoder needs the margin to stay clean through the
 * platform's own second encode.
 */
const SHARED_ENCODE = { fps: 30, crf: 20, x264Preset: 'veryfast', audioBitrateKbps: 192 } as const;

export const BUILTIN_EXPORT_PRESETS: readonly ExportPreset[] = [
  { name: 'reel', label: 'Reels / TikTok / Shorts (1080×1920)', builtin: true, size: { width: 1080, height: 1920 }, ...SHARED_ENCODE, maxBitrateKbps: 12_000, framing: 'reel' },
  { name: 'square', label: 'Square (1080×1080)', builtin: true, size: { width: 1080, height: 1080 }, ...SHARED_ENCODE, maxBitrateKbps: 8_000, framing: 'square' },
  { name: 'landscape', label: 'Landscape (1920×1080)', builtin: true, size: { width: 1920, height: 1080 }, ...SHARED_ENCODE, maxBitrateKbps: 12_000, framing: 'landscape' },
  // For `source` the cap is given at the 1080p pixel rate and scaled to the picture's size.
  { name: 'source', label: 'Source size', builtin: true, ...SHARED_ENCODE, maxBitrateKbps: 12_000, framing: 'source' },
];

const BUILTIN_NAMES = BUILTIN_EXPORT_PRESETS.map((preset) => preset.name);

/** Bits per pixel per frame the built-in caps allow (12 Mbit/s at 1080×1920×30); defaults custom presets' caps. */
const CAP_BITS_PER_PIXEL = 12_000_000 / (1080 * 1920 * 30);
const CAP_RANGE_KBPS = { min: 1_000, max: 60_000 } as const;

/** A VBV cap for any size and rate, at the built-in presets' bits per pixel. */
export function maxBitrateForSize(width: number, height: number, fps: number): number {
  const kbps = Math.round((width * height * fps * CAP_BITS_PER_PIXEL) / 1000);
  return Math.min(CAP_RANGE_KBPS.max, Math.max(CAP_RANGE_KBPS.min, kbps));
}

/**
 * The framing rule for an output shape: clearly tall (height/width ≥ 1.4, e.g. 4:5 is not, 9:16 is) frames like a
 * reel, clearly wide (≤ 0.72, e.g. 4:3 is not, 16:9 is) like landscape, anything near square like square.
 */
export function framingForSize(width: number, height: number): Exclude<ExportFraming, 'source'> {
  const tallness = height / width;
  if (tallness >= 1.4) return 'reel';
  if (tallness <= 0.72) return 'landscape';
  return 'square';
}

const evenSide = (what: string) =>
  z
    .number({ error: `${what} must be a number of pixels` })
    .int(`${what} must be a whole number of pixels`)
    .min(144, `${what} must be at least 144 pixels`)
    .max(4096, `${what} must be at most 4096 pixels`)
    .refine((value) => value % 2 === 0, `${what} must be even (H.264 4:2:0)`);

/** A user's preset as saved in the library (settings JSON plus its name). */
export const customExportPresetSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'a preset needs a name')
      .max(40, 'a preset name has at most 40 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'a preset name may hold letters, digits, "-" and "_" only (it goes into file names)')
      .refine((name) => !BUILTIN_NAMES.includes(name.toLowerCase()), { message: `a preset name cannot be a built-in one (${BUILTIN_NAMES.join(', ')})` }),
    label: z.string().trim().min(1).max(80).optional(),
    width: evenSide('width'),
    height: evenSide('height'),
    fps: z.number().min(1, 'fps must be at least 1').max(60, 'fps must be at most 60'),
    crf: z.number().int('crf must be a whole number').min(14, 'crf must be at least 14').max(35, 'crf must be at most 35').optional(),
    x264Preset: z.enum(X264_PRESETS).optional(),
    maxBitrateKbps: z.number().int().min(CAP_RANGE_KBPS.min).max(CAP_RANGE_KBPS.max).optional(),
    audioBitrateKbps: z.number().int().min(64).max(320).optional(),
    framing: z.enum(['reel', 'square', 'landscape']).optional(),
  })
  .strict();
export type CustomExportPresetInput = z.input<typeof customExportPresetSchema>;

export type CustomExportPresetSettings = z.output<typeof customExportPresetSchema>;

/** Validates a custom preset as given (strings trimmed). Throws InputError BAD_ARGUMENT naming the first problem. */
export function validateCustomExportPreset(value: unknown): CustomExportPresetSettings {
  const parsed = customExportPresetSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    throw new InputError('BAD_ARGUMENT', `export preset: ${where}${issue?.message ?? 'invalid settings'}.`);
  }
  return parsed.data;
}

/** Validates a custom preset and fills in what it leaves out. Throws InputError BAD_ARGUMENT naming the problem. */
export function parseCustomExportPreset(value: unknown): ExportPreset {
  const { name, label, width, height, fps, crf, x264Preset, maxBitrateKbps, audioBitrateKbps, framing } = validateCustomExportPreset(value);
  return {
    name,
    label: label ?? name,
    builtin: false,
    size: { width, height },
    fps,
    crf: crf ?? SHARED_ENCODE.crf,
    x264Preset: x264Preset ?? SHARED_ENCODE.x264Preset,
    maxBitrateKbps: maxBitrateKbps ?? maxBitrateForSize(width, height, fps),
    audioBitrateKbps: audioBitrateKbps ?? SHARED_ENCODE.audioBitrateKbps,
    framing: framing ?? framingForSize(width, height),
  };
}

/**
 * The preset called `name` (case-insensitive) among the built-ins and `customPresets`.
 * Throws InputError BAD_ARGUMENT listing every known name.
 */
export function resolveExportPreset(name: string, customPresets: readonly ExportPreset[] = []): ExportPreset {
  const wanted = name.trim().toLowerCase();
  const all = [...BUILTIN_EXPORT_PRESETS, ...customPresets];
  const found = all.find((preset) => preset.name.toLowerCase() === wanted);
  if (!found) {
    throw new InputError('BAD_ARGUMENT', `unknown export preset "${name}"; use one of ${all.map((preset) => preset.name).join(', ')}.`);
  }
  return found;
}

/** The framing the renderer uses for `preset`: its framing rule at the preset's own size. */
export function toOutputPreset(preset: ExportPreset): OutputPreset {
  const rule = OUTPUT_PRESETS[preset.framing];
  return preset.size && preset.framing !== 'source' ? { ...rule, size: { ...preset.size } } : rule;
}

/** Fields of `EncodeVideoInput`, so `encodeVideo({ ...encodeSettingsFor(preset, size), tools, outPath, frames, … })` works. */
export interface ExportEncodeSettings {
  width: number;
  height: number;
  fps: number;
  crf: number;
  /** x264 preset. */
  preset: X264Preset;
  maxBitrateKbps: number;
  audioBitrateKbps: number;
}

/** What the encoder gets for `preset` at the render's output size (for `source`, the picture's even size). */
export function encodeSettingsFor(preset: ExportPreset, outputSize: { width: number; height: number }): ExportEncodeSettings {
  const { width, height } = preset.size ?? outputSize;
  const scaled = Math.round((preset.maxBitrateKbps * width * height) / (1920 * 1080));
  const maxBitrateKbps = preset.size ? preset.maxBitrateKbps : Math.min(CAP_RANGE_KBPS.max, Math.max(CAP_RANGE_KBPS.min, scaled));
  return { width, height, fps: preset.fps, crf: preset.crf, preset: preset.x264Preset, maxBitrateKbps, audioBitrateKbps: preset.audioBitrateKbps };
}
