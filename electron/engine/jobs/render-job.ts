import { z } from 'zod';
import type { Progress } from '../progress.js';
import { OUTPUT_PRESET_NAMES } from '../render/output-presets.js';

/*
 * What one render needs, resolved when it is queued: absolute paths of the stored media (the library's media store
 * is content-addressed, so the files cannot change under a queued job), the export preset and the timeline. It is
 * persisted as the render row's `spec`, so a queue restored after a restart runs exactly what the user asked for.
 */


const seconds = z.number().finite().min(0).max(6 * 3600);
const filePath = z.string().min(1).max(4096);

const audioClipSpec = z.object({
  kind: z.literal('audio'),
  start: seconds,
  path: filePath,
  trimStart: seconds,
  trimEnd: seconds,
  /** What the recording says: aligned to the sound for lip sync, and the captions' words. */
  transcript: z.string().max(100_000).optional(),
});
const scriptClipSpec = z.object({
  kind: z.literal('script'),
  start: seconds,
  text: z.string().min(1),
  voice: z.string().min(1),
  durationSec: seconds,
});

export const CAPTION_CHOICES = ['none', 'clean', 'reel'] as const;
export type CaptionChoice = (typeof CAPTION_CHOICES)[number];

/** What both kinds of job may ask of the export beyond the preset: a visible "AI-generated" label. */
const exportExtras = {
  /** Draw a small visible "AI-generated" label (the MP4 always carries the disclosure tags). */
  label: z.boolean().optional(),
  /** A custom preset's settings, copied when the job was queued so later edits of the preset do not change it. */
  customPreset: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  /** Queued in the studio "on farm" (a batch or one export): the studio's runner sends it to the render farm (not part of what is drawn). */
  farm: z.literal(true).optional(),
  /** A photo face's personal mouth: a clip of the same person talking whose lips, teeth and tongue it shows (`--mouth-from`). */
  mouthFrom: filePath.optional(),
};

/** A render made in the studio from a project: every track and clip of its timeline. */
export const studioRenderSpecSchema = z.object({
  version: z.literal(1),
  title: z.string().min(1).max(200),
  preset: z.enum(OUTPUT_PRESET_NAMES),
  fps: z.number().int().min(1).max(60),
  outputPath: filePath,
  face: z.object({
    path: filePath,
    kind: z.enum(['image', 'video']),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    /** Whether the library had the face marked as consenting when the render was queued; the runner refuses without. */
    consent: z.boolean().optional(),
  }),
  /** Length of the output: where the last clip ends. */
  durationSec: seconds.positive(),
  tracks: z.array(z.object({ subject: z.number().int().min(0), clips: z.array(z.discriminatedUnion('kind', [audioClipSpec, scriptClipSpec])) })),
  subjects: z.record(z.string(), z.object({ expressiveness: z.number(), headMotion: z.number(), blinkRate: z.number() })),
  captions: z.object({ enabled: z.boolean(), style: z.string() }),
  /** For a video face: keep the clip's whole length, and its own sound at this gain (dB) under the new voice. */
  footage: z.object({ keepClipLength: z.boolean().optional(), originalAudioDb: z.number().min(-60).max(0).optional() }).optional(),
  ...exportExtras,
});

/** One item of a batch (a manifest row, or one face × script of a batch built in the app). */
export const batchItemSpecSchema = z.object({
  version: z.literal(1),
  kind: z.literal('batch-item'),
  title: z.string().min(1).max(200),
  /** Where the item came from, for messages ("manifest.csv row 3"). */
  origin: z.string().min(1).max(4200),
  outputPath: filePath,
  face: z.object({ path: filePath, subject: z.number().int().min(0).max(99) }),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('audio'), path: filePath, transcript: z.string().max(100_000).optional() }),
    z.object({ kind: z.literal('say'), text: z.string().min(1).max(100_000), voice: z.string().min(1).max(100).optional() }),
  ]),
  /** A built-in preset's name, or the name of the custom preset in `customPreset`. */
  preset: z.string().min(1).max(100),
  fps: z.number().int().min(1).max(60).optional(),
  captions: z.enum(CAPTION_CHOICES),
  /** The consent attestation found for the face when the batch was planned; it goes into the signed credentials. */
  consent: z.object({ statement: z.string().min(1).max(2000), source: z.enum(['cli', 'manifest', 'library', 'sample']) }).optional(),
  ...exportExtras,
});

export const renderJobSpecSchema = z.union([batchItemSpecSchema, studioRenderSpecSchema]);

export type StudioRenderSpec = z.infer<typeof studioRenderSpecSchema>;
export type BatchItemSpec = z.infer<typeof batchItemSpecSchema>;
export type RenderJobSpec = StudioRenderSpec | BatchItemSpec;
export type RenderClipSpec = StudioRenderSpec['tracks'][number]['clips'][number];

export function isBatchItemSpec(spec: RenderJobSpec): spec is BatchItemSpec {
  return 'kind' in spec && spec.kind === 'batch-item';
}

export interface RenderJob {
  id: number;
  spec: RenderJobSpec;
}

/**
 * The one seam between the queue and whatever draws the video: given a job, write `spec.outputPath` (atomically:
 * nothing half-written on failure or cancel) and resolve with it. Throw `CancelledError` when the signal fires.
 */
export type RenderRunner = (job: RenderJob, options: RenderRunOptions) => Promise<{ outPath: string }>;

export interface RenderRunOptions {
  signal: AbortSignal;
  onProgress: (progress: Progress) => void;
  /** A library whose installation identity signs and watermarks this render instead of the runner's own (a farm job). */
  libraryDir?: string;
}
