import { z } from 'zod';
import type { StudioMethod } from './channels';
import { DEFAULT_NAME_TEMPLATE } from './batch-names';
import { exportPresets, projectDocumentSchema, SUBJECT_NAME_MAX_CHARS } from './project-document';
import type {
  AppInfo, BatchPlanView, BatchView, BuiltinVoiceView, ExportPresetView, FaceAnalysisView, FaceSoundView, FaceSummary, ImportFileResult, ImportResponse, LibraryChangedEvent,
  LibraryListing, MenuEvent, ProgressEvent, PreviewFrameView, ProjectSummary, ProjectView, RenderJobView, RenderSettingsView, ScriptSummary,
  SearchHitView, VideoVerdictView, VoicePreviewView, VoiceSummary,
} from './types';

/** Library ids are the library's positive integer row ids. Anything else is refused before it reaches SQL. */
export const libraryIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** POSIX `/…`, Windows `C:\…` or `C:/…`, UNC `\\server\share…`. */
const ABSOLUTE_PATH = /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/;

export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((value) => !value.includes('\0'), 'must not contain NUL')
  .refine((value) => ABSOLUTE_PATH.test(value), 'must be an absolute path');

/** A request that takes no argument: the renderer calls it with nothing. */
const noPayload = z.undefined();

const entryName = z.string().trim().min(1).max(200);
const entryKindSchema = z.enum(['face', 'voice', 'script', 'project']);
const entryRef = z.strictObject({ kind: entryKindSchema, id: libraryIdSchema });
const scriptText = z.string().max(100_000).refine((text) => text.trim() !== '', 'must not be empty');
const renderRef = z.strictObject({ renderId: libraryIdSchema });
const batchRef = z.strictObject({ batchId: libraryIdSchema });

/** The most renders the app runs at once (a 1080p render already keeps a core or two busy). */
export const MAX_PARALLEL_RENDERS = 4;
/** The most videos one batch may make. */
export const MAX_BATCH_ITEMS = 200;
export const batchCaptionChoices = ['none', 'clean', 'reel'] as const;

const evenSide = z.number().int().min(144).max(4096).refine((value) => value % 2 === 0, 'must be an even number of pixels');

/** A custom export preset's settings, as the app saves them in the library (the engine fills in the encoder's rest). */
export const customPresetSettingsSchema = z.strictObject({
  width: evenSide,
  height: evenSide,
  fps: z.number().int().min(1).max(60),
  /** x264 constant rate factor: 14 (best, biggest) … 35 (smallest). */
  crf: z.number().int().min(14).max(35),
});

/** Preset names go into file names (`{preset}`): letters, digits, "-" and "_", starting with a letter or digit. */
export const presetNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'may hold letters, digits, "-" and "_" only');

/**
 * A render farm's Redis URL (docs/farm.md): redis:// or rediss:// (TLS) with a host. A password may be in it or come
 * from $MOUTHPIECE_REDIS_PASSWORD where the studio runs; the page is only ever shown the URL with its password hidden.
 */
export const farmUrlSchema = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be a Redis URL such as redis://:PASSWORD@HOST:6379 (or rediss:// for TLS)');

/** Where farm workers reach this computer: HOST or HOST:PORT (checked further where it is used). */
export const farmMediaAddressSchema = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .regex(/^\S+$/, 'must be HOST or HOST:PORT, e.g. 192.168.1.20:7700');

/**
 * A batch built in the app: every face × every script (the builder offers "many scripts × one face" and "one script ×
 * many faces"), each script spoken by one built-in voice.
 */
export const batchRequestSchema = z
  .strictObject({
    name: entryName,
    faces: z.array(z.strictObject({ faceId: libraryIdSchema, subject: z.number().int().min(0).max(31) })).min(1).max(MAX_BATCH_ITEMS),
    scriptIds: z.array(libraryIdSchema).min(1).max(MAX_BATCH_ITEMS),
    voice: z.string().min(1).max(100),
    preset: z.enum(exportPresets),
    /** A custom preset of the library; when given it decides size, frame rate and quality instead of `preset`. */
    customPresetId: libraryIdSchema.optional(),
    captions: z.enum(batchCaptionChoices),
    label: z.boolean(),
    /** Defaults to the renders folder. */
    outDir: absolutePathSchema.optional(),
    nameTemplate: z.string().trim().min(1).max(200).default(DEFAULT_NAME_TEMPLATE),
    /** Render the items on the render farm set in the render settings instead of this computer. */
    farm: z.boolean().optional(),
  })
  .refine((request) => request.faces.length * request.scriptIds.length <= MAX_BATCH_ITEMS, {
    message: `a batch makes at most ${MAX_BATCH_ITEMS} videos`,
    path: ['scriptIds'],
  });

/**
 * The runtime schema of every request, keyed by method. `satisfies` makes a method without a schema (or a schema
 * without a method) a compile error.
 */
export const requestSchemas = {
  'app.getInfo': noPayload,
  'app.getLastProject': noPayload,
  'library.list': noPayload,
  'library.search': z.strictObject({
    query: z.string().max(200),
    kinds: z.array(entryKindSchema).min(1).max(4).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  }),
  'library.import': z.strictObject({
    paths: z.array(absolutePathSchema).min(1).max(1000),
  }),
  'library.importFromDialog': noPayload,
  'library.rename': entryRef.extend({ name: entryName }),
  'library.delete': entryRef,
  'library.setConsent': z.strictObject({
    faceId: libraryIdSchema,
    consent: z.boolean(),
  }),
  /** The bundled public-domain sample face or voice, added to the library (once) for a first try. */
  'library.importSample': z.strictObject({
    kind: z.enum(['face', 'voice']),
  }),
  'face.getAnalysis': z.strictObject({
    faceId: libraryIdSchema,
  }),
  /** A video face's own sound as loudness peaks, for the reference lane under the dubbed subject's clips. */
  'face.getSound': z.strictObject({
    faceId: libraryIdSchema,
  }),
  /** Names a person in the picture ("Anna") wherever the studio shows them; an empty name goes back to "Subject N". */
  'face.setSubjectName': z.strictObject({
    faceId: libraryIdSchema,
    subject: z.number().int().min(0).max(31),
    name: z.string().max(SUBJECT_NAME_MAX_CHARS).refine((name) => !/[\p{Cc}]/u.test(name), 'must not contain control characters'),
  }),
  /** A photo face's personal mouth: a library video face of the same person talking (`clipId`), or null to clear it. */
  'face.setMouthClip': z.strictObject({
    faceId: libraryIdSchema,
    clipId: libraryIdSchema.nullable(),
  }),
  'voices.list': noPayload,
  /**
   * A built-in voice (a `voices.list` name) saying `text`, a library script (`scriptId`), or a short sample: how a
   * typed line sounds in preview, as the export will voice it.
   */
  'voices.preview': z
    .strictObject({ voice: z.string().min(1).max(100), text: z.string().trim().min(1).max(20_000).optional(), scriptId: libraryIdSchema.optional() })
    .refine((request) => request.text === undefined || request.scriptId === undefined, { message: 'give text or scriptId, not both', path: ['scriptId'] }),
  /** What a recording says (typed, pasted or from its .txt); empty clears it. */
  'voices.setTranscript': z.strictObject({ voiceId: libraryIdSchema, transcript: z.string().max(100_000) }),
  'scripts.create': z.strictObject({ name: entryName, text: scriptText }),
  'scripts.update': z.strictObject({ scriptId: libraryIdSchema, text: scriptText }),
  'projects.list': noPayload,
  'projects.create': z.strictObject({ name: entryName, document: projectDocumentSchema.optional() }),
  'projects.get': z.strictObject({ projectId: libraryIdSchema }),
  /** Continuous saves: the editor sends the whole document after each change (debounced). */
  'projects.save': z.strictObject({ projectId: libraryIdSchema, document: projectDocumentSchema, name: entryName.optional() }),
  'render.enqueue': z.strictObject({
    projectId: libraryIdSchema,
    /** Defaults to the project's own export preset. */
    preset: z.enum(exportPresets).optional(),
    /** Where the MP4 goes; chosen with `render.chooseOutput`. Defaults to the renders folder. */
    outputPath: absolutePathSchema.refine((value) => value.toLowerCase().endsWith('.mp4'), 'must end in .mp4').optional(),
    /** Render it on the render farm set in the render settings instead of on this computer. */
    farm: z.boolean().optional(),
  }),
  'render.list': noPayload,
  'render.cancel': renderRef,
  'render.retry': renderRef,
  'render.chooseOutput': z.strictObject({ suggestedName: entryName }),
  'render.openOutput': renderRef,
  'render.reveal': renderRef,
  'render.cancelAll': noPayload,
  'render.getSettings': noPayload,
  'render.setConcurrency': z.strictObject({ concurrency: z.number().int().min(1).max(MAX_PARALLEL_RENDERS) }),
  /**
   * The render farm batches may use ("Render on farm"); null forgets it. `mediaAddress` is where the farm's workers
   * reach this computer (HOST or HOST:PORT on the LAN); without it, 127.0.0.1 (workers on this computer only).
   */
  'render.setFarm': z
    .strictObject({ farmUrl: farmUrlSchema.nullable(), mediaAddress: farmMediaAddressSchema.nullable().optional(), caPath: absolutePathSchema.nullable().optional() })
    // As the CLI's --farm-ca: a private certificate authority is for a farm reached over TLS.
    .refine(({ farmUrl, caPath }) => !caPath || (farmUrl !== null && farmUrl.startsWith('rediss:')), { path: ['caPath'], message: 'goes with a rediss:// (TLS) farm URL' }),
  'presets.list': noPayload,
  'presets.save': z.strictObject({ name: presetNameSchema, settings: customPresetSettingsSchema }),
  'presets.delete': z.strictObject({ presetId: libraryIdSchema }),
  /** The native folder dialog for a batch's output folder; null when cancelled. */
  'batch.chooseFolder': noPayload,
  /** The names and folder a batch would use, which of them exist already, and what stops it; changes nothing. */
  'batch.plan': batchRequestSchema,
  'batch.create': z.strictObject({
    request: batchRequestSchema,
    /** What to do when an output file exists: refuse (CONFLICT, the default), overwrite it, or keep both (` (2)`). */
    existing: z.enum(['refuse', 'overwrite', 'keep-both']).default('refuse'),
  }),
  /** Newest first. */
  'batch.list': noPayload,
  'batch.cancel': batchRef,
  /** Queues the batch's failed and cancelled items again. */
  'batch.retryFailed': batchRef,
  'preview.frame': z.strictObject({
    projectId: libraryIdSchema,
    /** Seconds on the project timeline; past the last clip the last frame is shown. */
    timeSec: z.number().finite().min(0).max(6 * 3600),
    /** Longest side of the frame in pixels (never more than the picture's own); 360 unless told. */
    maxSide: z.number().int().min(64).max(1920).optional(),
    /** `still` (lossless PNG, unless told) for a paused stage; `playback`, a JPEG a tenth the size, while playing. */
    quality: z.enum(['still', 'playback']).optional(),
    /** The `base` of the frame the page shows: a playback frame then comes as the patch that changed, if it can. */
    base: z.string().max(2000).optional(),
  }),
  /** A video the user dropped or picked (its path on this computer; the bridge verifies uploads itself). */
  'video.verify': z.strictObject({ path: absolutePathSchema }),
} satisfies Record<StudioMethod, z.ZodType>;

/** What each method answers with (inside `StudioResult`). Keyed like `requestSchemas`, checked the same way. */
export interface StudioResponses extends Record<StudioMethod, unknown> {
  'app.getInfo': AppInfo;
  /** The project saved most recently, to reopen at start; null in a new library. */
  'app.getLastProject': ProjectView | null;
  'library.list': LibraryListing;
  'library.search': SearchHitView[];
  'library.import': ImportResponse;
  /** Empty results when the user closed the dialog without choosing. */
  'library.importFromDialog': ImportResponse;
  'library.rename': { ok: true };
  'library.delete': { ok: true };
  'library.setConsent': FaceSummary;
  'library.importSample': ImportFileResult;
  'face.getAnalysis': FaceAnalysisView;
  'face.getSound': FaceSoundView;
  'face.setSubjectName': FaceSummary;
  'face.setMouthClip': FaceSummary;
  'voices.list': BuiltinVoiceView[];
  'voices.preview': VoicePreviewView;
  'voices.setTranscript': VoiceSummary;
  'scripts.create': ScriptSummary;
  'scripts.update': ScriptSummary;
  'projects.list': ProjectSummary[];
  'projects.create': ProjectView;
  'projects.get': ProjectView;
  'projects.save': ProjectSummary;
  'render.enqueue': RenderJobView;
  /** Newest first. */
  'render.list': RenderJobView[];
  'render.cancel': RenderJobView;
  'render.retry': RenderJobView;
  /** The path the user chose in the save dialog, or null when cancelled (always null in the browser bridge). */
  'render.chooseOutput': { path: string | null };
  'render.openOutput': { ok: true };
  'render.reveal': { ok: true };
  /** How many renders were cancelled. */
  'render.cancelAll': { cancelled: number };
  'render.getSettings': RenderSettingsView;
  'render.setConcurrency': RenderSettingsView;
  'render.setFarm': RenderSettingsView;
  /** Built-in presets first, then custom ones by name. */
  'presets.list': ExportPresetView[];
  'presets.save': ExportPresetView;
  'presets.delete': { ok: true };
  'batch.chooseFolder': { path: string | null };
  'batch.plan': BatchPlanView;
  'batch.create': BatchView;
  'batch.list': BatchView[];
  'batch.cancel': BatchView;
  'batch.retryFailed': BatchView;
  'preview.frame': PreviewFrameView;
  'video.verify': VideoVerdictView;
}

/** Payload of each event, keyed by the short event name. */
export interface StudioEvents {
  progress: ProgressEvent;
  'job-state': RenderJobView;
  'library-changed': LibraryChangedEvent;
  menu: MenuEvent;
}
