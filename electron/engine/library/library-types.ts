import type { FaceAnalysis, FaceSubject } from '../face/face-types.js';
import type { CustomExportPresetInput, ExportPreset } from '../export/export-presets.js';
import type { RunOptions } from '../progress.js';

/** What a stored media file holds. */
export type MediaKind = 'image' | 'video' | 'audio' | 'text';
/** The kinds of entry the library lists; each import lands as exactly one of the first three. */
export type EntryKind = 'face' | 'voice' | 'script' | 'project';
export type FaceKind = 'image' | 'video';
/**
 * `pending`: not analysed yet (video faces until an analyser for them is wired in);
 * `done`: subjects stored; `no_face`: analysed, nothing found; `failed`: a re-analysis failed, see `analysisError`.
 */
export type AnalysisStatus = 'pending' | 'done' | 'failed' | 'no_face';
export type VoiceKind = 'recording' | 'builtin';
export type RenderStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** Any value that survives JSON.stringify/JSON.parse unchanged. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Timestamps are ISO 8601 strings in UTC (`2026-11-22T10:00:00.000Z`), as stored. */
export type IsoTimestamp = string;

/** One content-addressed file of the media store. */
export interface MediaEntry {
  sha256: string;
  /** Lower-case extension with its dot (`.png`), or '' when the source had none. */
  ext: string;
  sizeBytes: number;
  kind: MediaKind;
  createdAt: IsoTimestamp;
}

export interface FaceEntry {
  id: number;
  name: string;
  kind: FaceKind;
  mediaSha256: string;
  /** Absolute path of the stored copy; read it, never write it. */
  mediaPath: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  /** Whether the person shown agreed to be animated; false until the user says so. */
  consent: boolean;
  /** When the current `consent` value was recorded; null if it never was. */
  consentAt: IsoTimestamp | null;
  analysisStatus: AnalysisStatus;
  analysisError: string | null;
  /** How many subjects the analysis found (0 until it is done). */
  subjectCount: number;
  /** Names the user gave subjects, keyed by subject index ("0" = largest); unnamed subjects are absent. */
  subjectNames: Record<string, string>;
  /** A photo's personal mouth: the library video face of the same person talking, or null. */
  mouthClipId: number | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** A face with its subjects, largest first (subject 0 = largest face). */
export interface FaceDetail extends FaceEntry {
  subjects: FaceSubject[];
}

export interface VoiceEntry {
  id: number;
  name: string;
  kind: VoiceKind;
  /** Set for recordings, null for built-in voices. */
  mediaSha256: string | null;
  mediaPath: string | null;
  /** Built-in TTS voice name (e.g. `en-us`) for built-in voices, null for recordings. */
  builtinVoice: string | null;
  transcript: string | null;
  durationSec: number | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

export interface ScriptEntry {
  id: number;
  name: string;
  text: string;
  /** The voice chosen to speak it, if any; cleared when that voice is deleted. */
  voiceId: number | null;
  /** The imported `.txt`, when the script came from a file. */
  mediaSha256: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** Stage, timeline and settings are owned by the composer; the library stores them as opaque JSON. */
export interface ProjectEntry {
  id: number;
  name: string;
  stage: JsonValue;
  timeline: JsonValue;
  settings: JsonValue;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

export interface RenderEntry {
  id: number;
  projectId: number | null;
  status: RenderStatus;
  /** 0..1 */
  progress: number;
  phase: string | null;
  outputPath: string | null;
  error: string | null;
  /** Everything needed to run the render again (owned by jobs/). */
  spec: JsonValue;
  createdAt: IsoTimestamp;
  startedAt: IsoTimestamp | null;
  finishedAt: IsoTimestamp | null;
  durationMs: number | null;
  /** The batch this render belongs to, and its place in it (null for a single render). */
  batchId: number | null;
  batchPosition: number | null;
}

export interface BatchEntry {
  id: number;
  name: string;
  /** Identifies a re-run of the same batch source (a manifest into a folder); null for batches made in the app. */
  sourceKey: string | null;
  outDir: string;
  /** Renders of this batch run at once. */
  concurrency: number;
  createdAt: IsoTimestamp;
  finishedAt: IsoTimestamp | null;
  counts: { total: number; queued: number; running: number; done: number; failed: number; cancelled: number };
}

/** A user's export preset; `settings` is what was saved, `preset` the same with defaults filled in. */
export interface ExportPresetEntry {
  id: number;
  name: string;
  settings: Omit<CustomExportPresetInput, 'name'>;
  /** Null when the stored settings no longer pass validation (then `problem` says why). */
  preset: ExportPreset | null;
  problem: string | null;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** Face analysis as injected: throws `InputError('NO_FACE')` when the picture holds no face. */
export type AnalyzeImage = (filePath: string, opts: RunOptions) => Promise<FaceAnalysis>;

/** What media probing tells the library about a file. */
export interface ProbeResult {
  kind: 'image' | 'video' | 'audio';
  durationSec: number | null;
  width: number | null;
  height: number | null;
}
export type ProbeMedia = (filePath: string) => Promise<ProbeResult>;

export interface OpenLibraryInput {
  /** Folder holding `library.sqlite` and `media/`; created when missing. */
  libraryDir: string;
  /** Face analysis for photos; without it photo faces stay `pending`. */
  analyzeImage?: AnalyzeImage;
  /** Face analysis of a video (e.g. of a representative frame); without it video faces stay `pending`. */
  analyzeVideo?: AnalyzeImage;
  /** Media probing; without it the kind is taken from the extension and sizes/durations stay unknown. */
  probe?: ProbeMedia;
}

export interface ImportFileInput {
  filePath: string;
  /** Display name; defaults to the file name without its extension. */
  name?: string;
  /** Forces what the file becomes (e.g. `voice` for the soundtrack of a video); decided from the content otherwise. */
  kind?: 'face' | 'voice' | 'script';
}

/** Something the user should be told about an import that nevertheless succeeded. */
export interface ImportNotice {
  code: 'NO_FACE' | 'ANALYSIS_PENDING';
  message: string;
}

/** `created` is false when the same content was already in the library and the existing entry is returned. */
export type ImportResult =
  | { kind: 'face'; created: boolean; face: FaceDetail; notice: ImportNotice | null }
  | { kind: 'voice'; created: boolean; voice: VoiceEntry; notice: ImportNotice | null }
  | { kind: 'script'; created: boolean; script: ScriptEntry; notice: ImportNotice | null };

export interface SearchHit {
  kind: EntryKind;
  id: number;
  name: string;
  /** A short piece of the transcript or text around the first match; null when the match is in the name. */
  excerpt: string | null;
}

/** What `repairLibrary()` found and fixed. */
export interface RepairReport {
  /** Temp files of interrupted copies removed. */
  tempFilesRemoved: number;
  /** Media files nothing referenced (e.g. stored just before a crash) removed. */
  orphanFilesRemoved: number;
  /** `media` rows nothing referenced, removed. */
  orphanRowsRemoved: number;
  /** Import intents left by processes that no longer run, cleared. */
  staleImportsCleared: number;
  /** Referenced media whose file is missing from the store: cannot be repaired, reported so the UI can say so. */
  missingMedia: string[];
}
