/**
 * What crosses the IPC boundary. These are the contract's own wire types, deliberately separate from the engine's
 * internal types: an engine refactor shows up as a compile error in the main-process adapter instead of silently
 * changing what the renderer receives. Everything here is plain, structured-clone-safe data.
 */

import type { ExportPreset, ProjectDocument } from './project-document';

export type StudioErrorCode =
  /** The channel is not part of the contract. */
  | 'UNKNOWN_CHANNEL'
  /** The payload does not match the request schema. */
  | 'BAD_REQUEST'
  /** The message did not come from the app's own top-level page. */
  | 'FORBIDDEN'
  /** A face, voice or script id that the library does not hold. */
  | 'NOT_FOUND'
  /** The user gave us something we cannot use (unreadable file, no face in the picture, …). */
  | 'BAD_INPUT'
  /** The face on the stage is not marked as consenting to be animated; tick consent in the library first. */
  | 'NO_CONSENT'
  | 'CANCELLED'
  /** A part of the engine is not available in this build or failed to load. */
  | 'ENGINE_UNAVAILABLE'
  /** The engine failed for a reason of its own (ffmpeg missing, model corrupt, disk full, …). */
  | 'ENGINE_ERROR'
  /** This host cannot do that (e.g. open a file with the system's player from the browser bridge). */
  | 'UNSUPPORTED'
  /** The request makes no sense in the current state (e.g. retrying a render that is still running). */
  | 'CONFLICT'
  | 'INTERNAL';

export interface StudioError {
  code: StudioErrorCode;
  /** One sentence a user can read. */
  message: string;
}

/** Every response: a value or an error, never a thrown exception across the boundary. */
export type StudioResult<T> = { ok: true; value: T } | { ok: false; error: StudioError };

export interface EnginePathsSummary {
  userData: string;
  /** Folder holding the library database. */
  library: string;
  /** Content-addressed media folder; the only folder `mouthpiece-media://` serves from. */
  media: string;
  /** Generated ONNX face models. */
  models: string;
  /** The ffmpeg binary shipped with the app, or null when none was found (the engine then falls back to PATH). */
  ffmpeg: string | null;
  ffprobe: string | null;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  arch: string;
  versions: { electron: string; chrome: string; node: string };
  isPackaged: boolean;
  paths: EnginePathsSummary;
  /** Which engine parts this build could load. */
  engine: { library: boolean; face: boolean; render: boolean };
}

export type FaceKind = 'photo' | 'video';

export interface FaceSummary {
  id: number;
  name: string;
  kind: FaceKind;
  /** `mouthpiece-media://` URL of the stored original. */
  mediaUrl: string | null;
  /** A small PNG of the picture (a video's first frame), at most 256 px a side, made on first request. */
  thumbnailUrl: string | null;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  /** The user confirmed they may animate this likeness (always true for the public-domain sample). */
  consent: boolean;
  /** The bundled public-domain sample face: nobody's consent is needed to animate it. */
  publicDomain?: boolean;
  /** Number of detected subjects, or null before analysis. */
  subjectCount: number | null;
  /** Names the user gave subjects ("Anna"), keyed by subject index ("0" = largest face); unnamed subjects are absent. */
  subjectNames: Record<string, string>;
  /** A photo's personal mouth: the library video face of the same person talking whose lips, teeth and tongue renders show, or null. */
  mouthClipId: number | null;
  /** ISO 8601. */
  addedAt: string;
}

export interface VoiceSummary {
  id: number;
  name: string;
  /** Null for built-in (synthesised) voices, which have no recording. */
  mediaUrl: string | null;
  builtin: boolean;
  /** The bundled public-domain sample recording. */
  publicDomain?: boolean;
  durationSec: number | null;
  /** What the recording says, when known: it drives lip-sync alignment and the captions; null means no captions. */
  transcript: string | null;
  addedAt: string;
}

export interface ScriptSummary {
  id: number;
  name: string;
  /** The first line or so of the text. */
  preview: string;
  wordCount: number;
  addedAt: string;
}

export interface LibraryListing {
  faces: FaceSummary[];
  voices: VoiceSummary[];
  scripts: ScriptSummary[];
}

export type ImportedKind = 'face' | 'voice' | 'script';

export type ImportFileResult =
  | {
      path: string;
      ok: true;
      kind: ImportedKind;
      id: number;
      /** The same content was already in the library; the existing entry is returned. */
      duplicate: boolean;
      /** Something the user should know about an import that still succeeded (e.g. no face was found). */
      notice: string | null;
    }
  | { path: string; ok: false; error: StudioError };

export interface ImportResponse {
  results: ImportFileResult[];
}

export type Point2 = [number, number];
export type Point3 = [number, number, number];
export type Polygon = Point2[];

export interface FaceSubjectView {
  /** 0 = largest face, 1 = next, … */
  index: number;
  /** [x, y, width, height] in source pixels. */
  box: [number, number, number, number];
  score: number;
  area: number;
  landmarks: Point3[];
  masks: { faceOval: Polygon; lips: Polygon; innerMouth: Polygon; leftEye: Polygon; rightEye: Polygon; head: Polygon };
}

/** `pending`: not analysed yet; `done`: subjects found; `no_face`: analysed, nothing found; `failed`: see `error`. */
export type FaceAnalysisStatus = 'pending' | 'done' | 'no_face' | 'failed';

/** A video face's own sound, as loudness peaks in time (what the reference lane under a dub draws). */
export interface FaceSoundView {
  /** Peaks per second of the clip. */
  peaksPerSec: number;
  /** Each the largest |sample| in its slice, 0–1; empty when the clip has no sound. */
  peaks: number[];
}

export interface FaceAnalysisView {
  faceId: number;
  status: FaceAnalysisStatus;
  error: string | null;
  /** Size of the analysed picture; null before analysis. */
  width: number | null;
  height: number | null;
  /** Largest first. */
  subjects: FaceSubjectView[];
}

export interface ProgressEvent {
  /** Identifies one long operation across its events. */
  taskId: string;
  /** What the user started, e.g. "Importing 3 files". */
  label: string;
  phase: string;
  /** 0..1 */
  ratio: number;
  etaMs?: number;
}

export interface LibraryChangedEvent {
  reason: 'import' | 'consent' | 'analysis' | 'rename' | 'delete' | 'script' | 'project' | 'transcript' | 'subject-name' | 'mouth-clip';
}

/** Library entry kinds the user can rename, delete and search. */
export type LibraryEntryKind = 'face' | 'voice' | 'script' | 'project';

export interface SearchHitView {
  kind: LibraryEntryKind;
  id: number;
  name: string;
  /** A short piece of the transcript or text around the match; null when the name matched. */
  excerpt: string | null;
}

/** A voice the built-in synthesiser can speak with. */
/** A built-in voice speaking a sample, in memory: WAV bytes the page decodes with Web Audio and plays in its timeline. */
export interface VoicePreviewView {
  mimeType: 'audio/wav';
  /** The WAV file's bytes (they cross the bridge as bytes, not base64 in JSON: see binary-result.ts). */
  bytes: Uint8Array;
  durationSec: number;
}

export interface BuiltinVoiceView {
  /** What a script clip's `voice` field holds, e.g. `en-us`. */
  name: string;
  label: string;
  language: string;
}

export interface ProjectSummary {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
}

/** A project with its document, as the editor loads and saves it. */
export interface ProjectView extends ProjectSummary {
  document: ProjectDocument;
}

export type RenderJobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One row of the render queue, as the queue panel shows it. */
/**
 * One frame of the project's saved state as the export would draw it: the whole stage picture (same aspect), scaled
 * down, with every subject's performance at `timeSec`.
 */
export interface PreviewFrameView {
  /** The picture's file bytes: PNG (a still, exact pixels) or JPEG (playback); nothing is written to disk. */
  bytes: Uint8Array;
  mimeType: 'image/png' | 'image/jpeg';
  /** The whole frame's size (also when `url` is only a patch). */
  width: number;
  height: number;
  /**
   * Frames with the same base differ only inside one rectangle (a photo's faces): send it back as the request's
   * `base` while this frame is shown, and playback frames come as `patch`es. Null when the whole picture moves.
   */
  base: string | null;
  /** `bytes` are only this part of the frame (pixels), to be drawn over a frame of the same `base`. */
  patch?: { x: number; y: number; width: number; height: number };
  /** The time of the frame drawn (on the export's frame grid). */
  timeSec: number;
  /** Where the last clip ends. */
  durationSec: number;
}

export interface RenderJobView {
  id: number;
  projectId: number | null;
  /** Name of the project when it was queued. */
  title: string;
  preset: ExportPreset;
  status: RenderJobStatus;
  /** 0..1 */
  progress: number;
  phase: string | null;
  /** Estimated time left while running; null when unknown. */
  etaMs: number | null;
  /** Where the MP4 goes (running, queued) or went (done). */
  outputPath: string;
  /** For a finished render whose file is still there: where the page can play or download it. */
  outputUrl?: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  /** The batch this render is an item of, and its place in it; null for a single export. */
  batchId: number | null;
  batchPosition: number | null;
  /** A custom preset's name when one was used ("Story 720"), else null. */
  presetName: string | null;
  /** Rendered on the render farm ("Render on farm"), not on this computer. */
  onFarm: boolean;
}

/** How many renders run at once; the default is what fits this machine. */
export interface RenderSettingsView {
  concurrency: number;
  defaultConcurrency: number;
  maxConcurrency: number;
  /** The render farm's URL with its password hidden (redis://:***@host:6379); null when no farm is set. */
  farmUrl: string | null;
  /** Where the farm's workers reach this computer's media (HOST or HOST:PORT); null: 127.0.0.1, this computer only. */
  farmMediaAddress: string | null;
  /** The CA certificate (PEM file) a rediss:// farm's certificate is checked against, as the CLI's --farm-ca; null: the system's. */
  farmCaPath: string | null;
}

/** A built-in export preset (`id` null, `key` its name) or a custom one saved in the library. */
export interface ExportPresetView {
  id: number | null;
  key: ExportPreset | null;
  name: string;
  builtin: boolean;
  /** Null for `source` (the picture's own size). */
  width: number | null;
  height: number | null;
  fps: number;
  /** x264 constant rate factor (lower is better quality and a bigger file); null when the built-in preset decides. */
  crf: number | null;
}

/** One video a batch will make, as the batch builder previews it. */
export interface BatchPlanItemView {
  faceId: number;
  faceName: string;
  subject: number;
  scriptId: number;
  scriptName: string;
  fileName: string;
  outputPath: string;
  /** A file of that name is already in the output folder. */
  exists: boolean;
}

export interface BatchPlanView {
  outDir: string;
  items: BatchPlanItemView[];
  /** Why the batch cannot be queued as it stands (no consent, no face found, …); empty when it can. */
  problems: string[];
}

/** A batch of renders with the progress of all its items. */
export interface BatchView {
  id: number;
  name: string;
  outDir: string;
  createdAt: string;
  finishedAt: string | null;
  counts: { total: number; queued: number; running: number; done: number; failed: number; cancelled: number };
  /** Share of the batch's work behind it, 0..1. */
  ratio: number;
  /** Estimated time until every item has ended; null while unknown. */
  etaMs: number | null;
}

/** Menu items whose work happens in the page. */
export type MenuCommand = 'open' | 'import' | 'save' | 'undo' | 'redo' | 'render';

export interface MenuEvent {
  command: MenuCommand;
}

/**
 * What `video.verify` found in a video, the same check as `mouthpiece verify`. `summary` is the one word the page
 * colours by: `signed` (valid credentials and this installation's watermark), `marked` (watermark only: the
 * credentials were stripped, e.g. by a re-encode or an upload), `tampered`, `none` (nothing of ours found).
 */
export interface VideoVerdictView {
  /** The file name as the user knows it. */
  name: string;
  /** The one-line verdict `mouthpiece verify` prints (without the path). */
  verdict: string;
  summary: 'signed' | 'marked' | 'tampered' | 'none';
  credentials:
    | { status: 'missing' }
    | { status: 'tampered'; reason: string }
    | { status: 'valid'; signer: { thisInstallation: boolean; certificateSha256: string; subject: string }; description: string | null };
  watermark: { found: boolean; score: number; framesAveraged: number };
}
