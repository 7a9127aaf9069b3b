import type { ExportPreset } from '../engine/export/export-presets.js';
import type { FaceAnalysis, FaceSubject } from '../engine/face/face-types';
import type { BatchCounts, JobPreview, RenderJobState, RenderQueue, RenderQueueDeps, RenderQueueLibrary, RenderRunner } from '../engine/jobs/index.js';
import type { RenderBackend } from '../engine/jobs/render-backend.js';
import type { FfmpegTools } from '../engine/media/index.js';
import { DEFAULT_FARM_WINDOW } from '../engine/library/batch-queries.js';
import type { SessionPool } from '../engine/models/session-pool.js';
import type { RunOptions } from '../engine/progress';
import { defaultRenderConcurrency, readRenderSettings } from './render-settings';
import { StudioFailure } from './studio-errors';

/*
 * The narrow view of the engine the studio shell needs, so the handlers are written and tested against only what
 * they use. The shapes are structural subsets of electron/engine/library (`openLibrary` → `Library`) and
 * electron/engine/engine-context (`createEngineContext` → `analyzeFile`); engine-loaders.ts checks the real modules against
 * them with `satisfies`, so a change in the engine that breaks the shell is a compile error there.
 */

export interface LibraryFace {
  id: number;
  name: string;
  kind: 'image' | 'video';
  /** Absolute path of the stored copy inside the media folder. */
  mediaPath: string;
  /** Content hash of the stored copy (names its thumbnail). */
  mediaSha256: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  consent: boolean;
  analysisStatus: 'pending' | 'done' | 'failed' | 'no_face';
  analysisError: string | null;
  subjectCount: number;
  /** Names the user gave subjects, keyed by subject index. */
  subjectNames: Record<string, string>;
  /** A photo's personal mouth: the video face of the same person talking, or null. */
  mouthClipId: number | null;
  createdAt: string;
}

export interface LibraryFaceDetail extends LibraryFace {
  subjects: FaceSubject[];
}

export interface LibraryVoice {
  id: number;
  name: string;
  kind: 'recording' | 'builtin';
  mediaPath: string | null;
  mediaSha256: string | null;
  durationSec: number | null;
  transcript: string | null;
  createdAt: string;
}

export interface LibraryScript {
  id: number;
  name: string;
  text: string;
  createdAt: string;
}

export interface LibraryNotice {
  code: string;
  message: string;
}

export type LibraryImport =
  | { kind: 'face'; created: boolean; face: { id: number }; notice: LibraryNotice | null }
  | { kind: 'voice'; created: boolean; voice: { id: number }; notice: LibraryNotice | null }
  | { kind: 'script'; created: boolean; script: { id: number }; notice: LibraryNotice | null };

export type LibraryEntryKind = 'face' | 'voice' | 'script' | 'project';

/** Stage, timeline and settings are opaque JSON to the library; the handlers read them with the project schema. */
export interface LibraryProject {
  id: number;
  name: string;
  stage: unknown;
  timeline: unknown;
  settings: unknown;
  createdAt: string;
  updatedAt: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface LibraryBatch {
  id: number;
  name: string;
  sourceKey: string | null;
  outDir: string;
  concurrency: number;
  createdAt: string;
  finishedAt: string | null;
  counts: { total: number; queued: number; running: number; done: number; failed: number; cancelled: number };
}

/** A custom export preset as the library keeps it: what was saved, and the same with the encoder's defaults filled in. */
export interface LibraryExportPreset {
  id: number;
  name: string;
  settings: unknown;
  /** Null when the stored settings no longer validate (`problem` says why). */
  preset: ExportPreset | null;
  problem: string | null;
}

/** The part of the engine's `Library` the studio calls. */
export interface StudioLibrary extends RenderQueueLibrary {
  readonly libraryDir: string;
  importFile(input: { filePath: string; name?: string }, opts?: RunOptions): Promise<LibraryImport>;
  listFaces(): LibraryFace[];
  getFace(input: { faceId: number }): LibraryFaceDetail | null;
  setConsent(input: { faceId: number; consent: boolean }): LibraryFace;
  setSubjectName(input: { faceId: number; subject: number; name: string }): LibraryFace;
  setMouthClip(input: { faceId: number; clipId: number | null }): LibraryFace;
  listVoices(): LibraryVoice[];
  getVoice(input: { voiceId: number }): LibraryVoice | null;
  setVoiceTranscript(input: { voiceId: number; transcript: string | null }): LibraryVoice;
  listScripts(): LibraryScript[];
  getScript(input: { scriptId: number }): LibraryScript | null;
  createScript(input: { name: string; text: string }): LibraryScript;
  updateScript(input: { scriptId: number; text: string }): LibraryScript;
  search(input: { query: string; kinds?: LibraryEntryKind[]; limit?: number }): { kind: LibraryEntryKind; id: number; name: string; excerpt: string | null }[];
  renameEntry(input: { kind: LibraryEntryKind; id: number; name: string }): void;
  deleteEntry(input: { kind: LibraryEntryKind; id: number }): void;
  listProjects(): LibraryProject[];
  getProject(input: { projectId: number }): LibraryProject | null;
  createProject(input: { name: string; stage?: Json; timeline?: Json; settings?: Json }): LibraryProject;
  updateProject(input: { projectId: number; name?: string; stage?: Json; timeline?: Json; settings?: Json }): LibraryProject;
  createBatch(input: { name: string; outDir: string; concurrency: number; items: { projectId?: number | null; spec: Json }[] }): LibraryBatch;
  getBatch(input: { batchId: number }): LibraryBatch | null;
  listBatches(input?: { limit?: number }): LibraryBatch[];
  finishBatch(input: { batchId: number }): boolean;
  /** Exact counts by status of a batch's renders (no row limit), with the mean finished time. */
  summarizeRenders(input: { batchId: number }): BatchCounts;
  /** When the batch's latest done or failed items ended (ms since the epoch), newest first: its measured pace. */
  listRecentRenderEnds(input: { batchId: number; limit: number }): number[];
  reopenBatch(input: { batchId: number }): void;
  listExportPresets(): LibraryExportPreset[];
  /** Validates (InputError BAD_ARGUMENT), then inserts, or replaces the preset with that name (any case). */
  saveExportPreset(input: { name: string; settings: Json }): LibraryExportPreset;
  deleteExportPreset(input: { presetId: number }): void;
  close(): void;
}

/** Face analysis of a photo or video file, as the library wants it injected. */
export type AnalyzeFile = (filePath: string, opts: RunOptions) => Promise<FaceAnalysis>;
export type ProbeFile = (filePath: string) => Promise<{ kind: 'image' | 'video' | 'audio'; durationSec: number | null; width: number | null; height: number | null }>;

export interface LibraryModule {
  openLibrary(input: { libraryDir: string; analyzeImage?: AnalyzeFile; analyzeVideo?: AnalyzeFile; probe?: ProbeFile }): StudioLibrary;
}

export interface EngineContextModule {
  createEngineContext(config: { modelsDir: string; manifestPath: string; ffmpegPath?: string; ffprobePath?: string }): Promise<{
    tools: FfmpegTools;
    pool: SessionPool;
    analyzeFile(filePath: string, options?: RunOptions): Promise<FaceAnalysis>;
    close(): Promise<void>;
  }>;
}

export interface MediaModule {
  probeMedia(tools: FfmpegTools, filePath: string): ReturnType<ProbeFile>;
}

export interface JobsModule {
  createRenderQueue(deps: RenderQueueDeps): RenderQueue;
  createJobPreview(deps: { tools: FfmpegTools; pool: SessionPool }): JobPreview;
}

/** Lazy loaders of the engine modules; a missing one means this build does not contain that part. */
export interface EngineModuleLoaders {
  library?: () => Promise<LibraryModule>;
  context?: () => Promise<EngineContextModule>;
  media?: () => Promise<MediaModule>;
  jobs?: () => Promise<JobsModule>;
}

export interface EngineFacadeConfig {
  libraryDir: string;
  modelsDir: string;
  manifestPath: string;
  ffmpegPath?: string;
  ffprobePath?: string;
}

export interface EngineFacadeOptions {
  /**
   * What draws a queued render. The app runs it in a utility process; the bridge and the CLI in-process. It gets
   * the engine's resolved ffmpeg tools and model sessions for in-process runners.
   */
  createRunner?: (engine: { tools: FfmpegTools; pool: SessionPool }) => RenderRunner;
  onJobState?: (state: RenderJobState) => void;
  /** Connects to the render farm at `farmUrl` (items queued with `farm: true`); without it, this host has no farm. */
  openFarm?: (input: { farmUrl: string; mediaAddress?: string; caPath?: string; libraryDir: string }) => Promise<RenderBackend>;
}

/** The engine as the handlers see it: nothing is loaded or opened until first used. */
export interface EngineFacade {
  library(): Promise<StudioLibrary>;
  /** The resolved ffmpeg and ffprobe (loads the engine context). */
  tools(): Promise<FfmpegTools>;
  /** The render queue over the library's renders table, started (interrupted renders requeued) on first use. */
  renderQueue(): Promise<RenderQueue>;
  /** Preview frames drawn by the export's engine, in this process (loads the engine context). */
  preview(): Promise<JobPreview>;
  availability(): { library: boolean; face: boolean; render: boolean };
  /** The farm URL changed: closes the farm connection (farm items running on it stop), the next farm item connects anew. */
  farmChanged(): Promise<void>;
  /** Pauses running renders (they go back in the queue), then closes the library and the models. */
  close(): Promise<void>;
}

/** Caches a lazy async value; a failure is not cached, so the next call tries again (e.g. after a locked database is freed). */
function lazy<T>(create: () => Promise<T>): { get(): Promise<T>; peek(): Promise<T> | undefined; reset(): void } {
  let value: Promise<T> | undefined;
  return {
    get: () =>
      (value ??= create().catch((error: unknown) => {
        value = undefined;
        throw error;
      })),
    peek: () => value,
    reset: () => (value = undefined),
  };
}

export function createEngineFacade(config: EngineFacadeConfig, loaders: EngineModuleLoaders, options: EngineFacadeOptions = {}): EngineFacade {
  const context = lazy(async () => {
    if (!loaders.context) throw new StudioFailure('ENGINE_UNAVAILABLE', 'This build of Mouthpiece does not include the face engine.');
    return (await loaders.context()).createEngineContext(config);
  });

  const library = lazy(async (): Promise<StudioLibrary> => {
    if (!loaders.library) throw new StudioFailure('ENGINE_UNAVAILABLE', 'This build of Mouthpiece does not include the library.');
    const module = await loaders.library();
    const analyze: AnalyzeFile | undefined = loaders.context ? async (filePath, opts) => (await context.get()).analyzeFile(filePath, opts) : undefined;
    const loadMedia = loaders.media;
    const probe: ProbeFile | undefined =
      loaders.context && loadMedia ? async (filePath) => (await loadMedia()).probeMedia((await context.get()).tools, filePath) : undefined;
    return module.openLibrary({ libraryDir: config.libraryDir, analyzeImage: analyze, analyzeVideo: analyze, probe });
  });

  const farm = lazy(async (): Promise<RenderBackend> => {
    const { openFarm } = options;
    if (!openFarm) throw new StudioFailure('UNSUPPORTED', 'This host of Mouthpiece cannot render on a farm.');
    const { libraryDir } = await library.get();
    const { farmUrl, farmMediaAddress, farmCaPath } = await readRenderSettings(libraryDir);
    if (!farmUrl) throw new StudioFailure('BAD_INPUT', 'No render farm is set: give its Redis URL in the render settings, or render on this computer.');
    return openFarm({ farmUrl, mediaAddress: farmMediaAddress, caPath: farmCaPath, libraryDir });
  });

  const queue = lazy(async (): Promise<RenderQueue> => {
    if (!loaders.jobs || !options.createRunner) throw new StudioFailure('ENGINE_UNAVAILABLE', 'This build of Mouthpiece cannot render.');
    const [jobs, opened, engine] = await Promise.all([loaders.jobs(), library.get(), context.get()]);
    const { concurrency = defaultRenderConcurrency() } = await readRenderSettings(opened.libraryDir);
    const local = options.createRunner(engine);
    // Items queued with `farm: true` go to the farm; the render code behind each runner never learns which fed it.
    const runner: RenderRunner = async (job, runOptions) => {
      if (!('farm' in job.spec) || job.spec.farm !== true) return local(job, runOptions);
      const { farm: _onFarm, ...spec } = job.spec;
      return (await farm.get()).runner({ ...job, spec }, runOptions);
    };
    // Farm items have a lane of their own, as wide as `batch --farm`'s default window: this computer's slots stay its own.
    const created = jobs.createRenderQueue({ library: opened, runner, concurrency, farmWindow: DEFAULT_FARM_WINDOW, onJobState: options.onJobState });
    created.start();
    return created;
  });

  const preview = lazy(async (): Promise<JobPreview> => {
    if (!loaders.jobs || !loaders.context) throw new StudioFailure('ENGINE_UNAVAILABLE', 'This build of Mouthpiece cannot draw previews.');
    const [jobs, engine] = await Promise.all([loaders.jobs(), context.get()]);
    return jobs.createJobPreview(engine);
  });

  return {
    library: library.get,
    tools: async () => (await context.get()).tools,
    renderQueue: queue.get,
    preview: preview.get,
    availability: () => ({ library: !!loaders.library, face: !!loaders.context, render: !!loaders.jobs && !!options.createRunner }),
    async farmChanged() {
      const previous = farm.peek();
      farm.reset();
      const opened = await previous?.catch(() => null);
      await opened?.close();
    },
    async close() {
      const [openedQueue, openedPreview] = await Promise.all([queue.peek()?.catch(() => null), preview.peek()?.catch(() => null)]);
      await Promise.all([openedQueue?.pause(), openedPreview?.close()]);
      const openedFarm = await farm.peek()?.catch(() => null);
      farm.reset();
      await openedFarm?.close();
      preview.reset();
      const [openedLibrary, openedContext] = await Promise.all([library.peek()?.catch(() => null), context.peek()?.catch(() => null)]);
      queue.reset();
      library.reset();
      context.reset();
      openedLibrary?.close();
      await openedContext?.close();
    },
  };
}
