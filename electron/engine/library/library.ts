import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { RunOptions } from '../progress.js';
import { openLibraryDatabase } from './database.js';
import { deleteEntry, renameEntry } from './entry-commands.js';
import * as batches from './batch-queries.js';
import * as exportPresets from './export-preset-queries.js';
import * as faces from './face-queries.js';
import { importFile, type ImportContext } from './import-file.js';
import type {
  BatchEntry, EntryKind, ExportPresetEntry, FaceDetail, FaceEntry, ImportFileInput, ImportResult, JsonValue, OpenLibraryInput, ProjectEntry, RenderEntry,
  RepairReport, ScriptEntry, SearchHit, VoiceEntry,
} from './library-types.js';
import * as projects from './project-queries.js';
import { reanalyzeFace } from './reanalyze-face.js';
import * as renders from './render-queries.js';
import type { RenderLane } from './render-queries.js';
import { repairLibrary } from './repair-library.js';
import { formatJsonColumn, formatNowIso } from './row-helpers.js';
import * as scripts from './script-queries.js';
import { searchLibrary } from './search-queries.js';
import * as voices from './voice-queries.js';

/**
 * The user's library: faces, voices, scripts, projects and the render queue's rows, over one SQLite file
 * (`<libraryDir>/library.sqlite`) and a content-addressed media folder (`<libraryDir>/media/`).
 * Queries are synchronous (better-sqlite3, sub-millisecond); imports and analysis are async and cancellable.
 * Missing ids in commands throw `InputError('BAD_ARGUMENT')`; getters return null instead.
 */
export interface Library {
  readonly libraryDir: string;
  readonly dbPath: string;
  /** What the repair run on open found and fixed. */
  readonly repairReport: RepairReport;

  importFile(input: ImportFileInput, opts?: RunOptions): Promise<ImportResult>;
  /** Runs face analysis again on a stored face (e.g. a pending video face). */
  analyzeFace(input: { faceId: number }, opts?: RunOptions): Promise<FaceDetail>;

  listFaces(): FaceEntry[];
  getFace(input: { faceId: number }): FaceDetail | null;
  /** Records the depicted person's consent (or its withdrawal) with the current time. */
  setConsent(input: { faceId: number; consent: boolean }): FaceEntry;
  /** Names a subject of the face ("Anna"); an empty name clears it. */
  setSubjectName(input: { faceId: number; subject: number; name: string }): FaceEntry;
  /** Makes a video face the photo face's personal mouth (`clipId` null clears it). */
  setMouthClip(input: { faceId: number; clipId: number | null }): FaceEntry;

  listVoices(): VoiceEntry[];
  getVoice(input: { voiceId: number }): VoiceEntry | null;
  createBuiltinVoice(input: { name: string; builtinVoice: string }): VoiceEntry;
  setVoiceTranscript(input: { voiceId: number; transcript: string | null }): VoiceEntry;

  listScripts(): ScriptEntry[];
  getScript(input: { scriptId: number }): ScriptEntry | null;
  createScript(input: { name: string; text: string; voiceId?: number | null }): ScriptEntry;
  updateScript(input: { scriptId: number; text?: string; voiceId?: number | null }): ScriptEntry;

  listProjects(): ProjectEntry[];
  getProject(input: { projectId: number }): ProjectEntry | null;
  createProject(input: { name: string; stage?: JsonValue; timeline?: JsonValue; settings?: JsonValue }): ProjectEntry;
  /** Replaces the parts given (each whole); others are kept. */
  updateProject(input: { projectId: number; name?: string; stage?: JsonValue; timeline?: JsonValue; settings?: JsonValue }): ProjectEntry;

  renameEntry(input: { kind: EntryKind; id: number; name: string }): void;
  /** Deletes the entry; its media file goes only when no other entry uses the same content. */
  deleteEntry(input: { kind: EntryKind; id: number }): void;
  /** Case- and accent-insensitive substring search over names, transcripts and script text; name matches first. */
  search(input: { query: string; kinds?: EntryKind[]; limit?: number }): SearchHit[];

  createRender(input: { projectId?: number | null; spec: JsonValue }): RenderEntry;
  /** False when the render had already ended (a late tick after a cancel changes nothing). */
  updateRenderProgress(input: { renderId: number; progress: number; phase?: string }): boolean;
  /** False when the render had already ended. */
  finishRender(input: { renderId: number; status: 'done' | 'failed' | 'cancelled'; outputPath?: string; error?: string }): boolean;
  /** Puts a failed or cancelled render back in the queue; false for other statuses. */
  requeueRender(input: { renderId: number }): boolean;
  listRenders(filter?: renders.ListRendersFilter): RenderEntry[];
  /** The queued render a queue of this scope runs next (a batch's lowest position, else the oldest), or null. */
  findNextQueuedRender(input: { batchId: number | null; lane?: RenderLane; exceptIds?: number[] }): RenderEntry | null;
  /** Exact counts by status of every render in a scope (as `listRenders`' `batchId`), with the mean finished time. */
  summarizeRenders(input?: { batchId?: number | null }): renders.RenderSummary;
  /** When the batch's last `limit` done or failed items ended (ms since the epoch), newest first. */
  listRecentRenderEnds(input: { batchId: number; limit: number }): number[];
  getRender(input: { renderId: number }): RenderEntry | null;
  deleteRender(input: { renderId: number }): void;

  /** The user's export presets (built-ins live in export/export-presets.ts), by name. */
  listExportPresets(): ExportPresetEntry[];
  /** Validates, then inserts, or replaces the settings of the preset with that name (any case). */
  saveExportPreset(input: { name: string; settings: unknown }): ExportPresetEntry;
  deleteExportPreset(input: { presetId: number }): void;

  /** Creates a batch and queues its items (render specs, in order) in one transaction. */
  createBatch(input: { name: string; sourceKey?: string | null; outDir: string; concurrency: number; items: { projectId?: number | null; spec: JsonValue }[] }): BatchEntry;
  getBatch(input: { batchId: number }): BatchEntry | null;
  listBatches(input?: { limit?: number }): BatchEntry[];
  /** The newest batch from this source key with items not done (interrupted, failed, cancelled), to resume it. */
  findResumableBatch(input: { sourceKey: string }): BatchEntry | null;
  setBatchConcurrency(input: { batchId: number; concurrency: number }): BatchEntry;
  /** Stamps the batch finished when none of its renders is queued or running; false otherwise. */
  finishBatch(input: { batchId: number }): boolean;
  reopenBatch(input: { batchId: number }): void;
  /** Queues a done item of the batch again (its output went missing); false unless it is the batch's and done. */
  redoBatchItem(input: { batchId: number; renderId: number }): boolean;

  /** Sweeps what crashed imports left behind; run on open, safe to run again at any time. */
  repairLibrary(): RepairReport;
  /** Closes the database; imports still running will fail. */
  close(): void;
}

function requireEntry<T>(entry: T | null, what: string): T {
  if (entry === null) throw new Error(`${what} vanished right after it was written.`);
  return entry;
}

/**
 * Opens the library in `libraryDir` (creating it when new): migrates the schema, then repairs what a crash may have
 * left. Dependencies are injected so the library stays free of models and ffmpeg: without `analyzeImage` photo faces
 * stay `pending`; without `probe` the kind comes from the file extension.
 */
export function openLibrary({ libraryDir, analyzeImage, analyzeVideo, probe }: OpenLibraryInput): Library {
  const dir = path.resolve(libraryDir);
  mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, 'library.sqlite');
  const db = openLibraryDatabase({ dbPath });
  const context: ImportContext = { db, libraryDir: dir, analyzeImage, analyzeVideo, probe };
  let repairReport: RepairReport;
  try {
    repairReport = repairLibrary({ db, libraryDir: dir });
  } catch (error) {
    db.close();
    throw error;
  }
  const dbAndDir = { db, libraryDir: dir };
  const now = formatNowIso;

  return {
    libraryDir: dir,
    dbPath,
    repairReport,
    importFile: (input, opts) => importFile({ context, input, opts }),
    analyzeFace: ({ faceId }, opts) => reanalyzeFace({ context, faceId, opts }),

    listFaces: () => faces.listFaces(dbAndDir),
    getFace: ({ faceId }) => faces.getFace({ ...dbAndDir, faceId }),
    setConsent: ({ faceId, consent }) => {
      faces.setFaceConsent({ db, faceId, consent, nowIso: now() });
      return requireEntry(faces.getFace({ ...dbAndDir, faceId }), 'The face');
    },
    setSubjectName: ({ faceId, subject, name }) => {
      faces.setSubjectName({ db, faceId, subject, name, nowIso: now() });
      return requireEntry(faces.getFace({ ...dbAndDir, faceId }), 'The face');
    },
    setMouthClip: ({ faceId, clipId }) => {
      faces.setMouthClip({ db, faceId, clipId, nowIso: now() });
      return requireEntry(faces.getFace({ ...dbAndDir, faceId }), 'The face');
    },

    listVoices: () => voices.listVoices(dbAndDir),
    getVoice: ({ voiceId }) => voices.getVoice({ ...dbAndDir, voiceId }),
    createBuiltinVoice: ({ name, builtinVoice }) => {
      const voiceId = voices.insertBuiltinVoice({ db, name, builtinVoice, nowIso: now() });
      return requireEntry(voices.getVoice({ ...dbAndDir, voiceId }), 'The voice');
    },
    setVoiceTranscript: ({ voiceId, transcript }) => {
      voices.setVoiceTranscript({ db, voiceId, transcript, nowIso: now() });
      return requireEntry(voices.getVoice({ ...dbAndDir, voiceId }), 'The voice');
    },

    listScripts: () => scripts.listScripts({ db }),
    getScript: ({ scriptId }) => scripts.getScript({ db, scriptId }),
    createScript: ({ name, text, voiceId }) => {
      const scriptId = scripts.insertScript({ db, name, text, voiceId, nowIso: now() });
      return requireEntry(scripts.getScript({ db, scriptId }), 'The script');
    },
    updateScript: ({ scriptId, text, voiceId }) => {
      scripts.updateScript({ db, scriptId, text, voiceId, nowIso: now() });
      return requireEntry(scripts.getScript({ db, scriptId }), 'The script');
    },

    listProjects: () => projects.listProjects({ db }),
    getProject: ({ projectId }) => projects.getProject({ db, projectId }),
    createProject: (input) => {
      const projectId = projects.insertProject({ db, ...input, nowIso: now() });
      return requireEntry(projects.getProject({ db, projectId }), 'The project');
    },
    updateProject: (input) => {
      projects.updateProject({ db, ...input, nowIso: now() });
      return requireEntry(projects.getProject({ db, projectId: input.projectId }), 'The project');
    },

    renameEntry: ({ kind, id, name }) => renameEntry({ db, kind, id, name }),
    deleteEntry: ({ kind, id }) => deleteEntry({ ...dbAndDir, kind, id }),
    search: ({ query, kinds, limit }) => searchLibrary({ db, query, kinds, limit }),

    createRender: ({ projectId, spec }) => {
      const renderId = renders.insertRender({ db, projectId, spec, nowIso: now() });
      return requireEntry(renders.getRender({ db, renderId }), 'The render');
    },
    updateRenderProgress: ({ renderId, progress, phase }) => renders.updateRenderProgress({ db, renderId, progress, phase, nowIso: now() }),
    finishRender: (input) => renders.finishRender({ db, ...input, nowMs: Date.now() }),
    requeueRender: ({ renderId }) => renders.requeueRender({ db, renderId }),
    listRenders: (filter = {}) => renders.listRenders({ db, ...filter }),
    findNextQueuedRender: ({ batchId, lane, exceptIds }) => renders.findNextQueuedRender({ db, batchId, lane, exceptIds }),
    summarizeRenders: ({ batchId } = {}) => renders.summarizeRenders({ db, batchId }),
    listRecentRenderEnds: ({ batchId, limit }) => renders.listRecentRenderEnds({ db, batchId, limit }),
    getRender: ({ renderId }) => renders.getRender({ db, renderId }),
    deleteRender: ({ renderId }) => renders.deleteRender({ db, renderId }),

    listExportPresets: () => exportPresets.listExportPresets({ db }),
    saveExportPreset: ({ name, settings }) => {
      const presetId = exportPresets.saveExportPreset({ db, name, settings, nowIso: now() });
      return requireEntry(exportPresets.getExportPreset({ db, presetId }), 'The export preset');
    },
    deleteExportPreset: ({ presetId }) => exportPresets.deleteExportPreset({ db, presetId }),

    createBatch: ({ items, ...batch }) => {
      const specs = items.map((item) => ({ projectId: item.projectId, spec: formatJsonColumn({ value: item.spec, column: 'spec' }) }));
      const batchId = batches.insertBatch({ db, ...batch, items: specs, nowIso: now() });
      return requireEntry(batches.getBatch({ db, batchId }), 'The batch');
    },
    getBatch: ({ batchId }) => batches.getBatch({ db, batchId }),
    listBatches: ({ limit } = {}) => batches.listBatches({ db, limit }),
    findResumableBatch: ({ sourceKey }) => batches.findResumableBatch({ db, sourceKey }),
    setBatchConcurrency: ({ batchId, concurrency }) => {
      batches.setBatchConcurrency({ db, batchId, concurrency });
      return requireEntry(batches.getBatch({ db, batchId }), 'The batch');
    },
    finishBatch: ({ batchId }) => batches.finishBatch({ db, batchId, nowIso: now() }),
    reopenBatch: ({ batchId }) => batches.reopenBatch({ db, batchId }),
    redoBatchItem: ({ batchId, renderId }) => batches.redoBatchItem({ db, batchId, renderId }),

    repairLibrary: () => repairLibrary({ db, libraryDir: dir }),
    close: () => db.close(),
  };
}
