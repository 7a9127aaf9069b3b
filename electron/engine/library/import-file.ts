import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { InputError, throwIfAborted } from '../errors.js';
import { estimateEtaMs, type RunOptions } from '../progress.js';
import { analyzeFaceMedia, type FaceAnalysisOutcome } from './analyze-face-media.js';
import { getFace, insertFace, replaceSubjects } from './face-queries.js';
import { readScriptText, readSiblingTranscript } from './import-sources.js';
import type { AnalyzeImage, ImportFileInput, ImportResult, ProbeMedia } from './library-types.js';
import { planImport, type ImportPlan } from './media-kind.js';
import { clearPendingImport, registerPendingImport, removeMediaIfUnreferenced } from './media-references.js';
import { hashFile, normalizeExtension, storeMediaFile } from './media-store.js';
import { findEntryIdByMedia, formatNowIso, normalizeEntryName } from './row-helpers.js';
import { getScript, insertScript } from './script-queries.js';
import { getVoice, insertRecordingVoice, setVoiceTranscript } from './voice-queries.js';

/** What an import needs from the open library. */
export interface ImportContext {
  db: Database;
  libraryDir: string;
  analyzeImage?: AnalyzeImage;
  analyzeVideo?: AnalyzeImage;
  probe?: ProbeMedia;
}

/** Text read from the source before anything is stored, so a bad script or transcript fails with nothing to undo. */
interface PreparedText {
  scriptText: string | null;
  transcript: string | null;
}

/** Ranges of the overall ratio each phase covers; analysis dominates a face import. */
function createPhaseReporter({ plan, opts }: { plan: ImportPlan; opts: RunOptions }): (phase: string, ratio: number) => void {
  const startedAtMs = Date.now();
  const ranges: Record<string, [number, number]> =
    plan.entryKind === 'face'
      ? { hashing: [0, 0.15], copying: [0.15, 0.3], analysing: [0.3, 0.95], saving: [0.95, 1] }
      : { hashing: [0, 0.45], copying: [0.45, 0.95], analysing: [0.95, 0.95], saving: [0.95, 1] };
  return (phase, ratio) => {
    if (!opts.onProgress) return;
    const [from, to] = ranges[phase] ?? [0, 1];
    const overall = from + (to - from) * Math.min(1, Math.max(0, ratio));
    opts.onProgress({ phase, ratio: overall, etaMs: estimateEtaMs(startedAtMs, overall) });
  };
}

async function prepareText({ plan, filePath }: { plan: ImportPlan; filePath: string }): Promise<PreparedText> {
  if (plan.entryKind === 'script') return { scriptText: await readScriptText(filePath), transcript: null };
  if (plan.entryKind === 'voice') return { scriptText: null, transcript: await readSiblingTranscript(filePath) };
  return { scriptText: null, transcript: null };
}

function findExistingResult({ context, plan, sha256, transcript }: { context: ImportContext; plan: ImportPlan; sha256: string; transcript: string | null }): ImportResult | null {
  const { db, libraryDir } = context;
  if (plan.entryKind === 'face') {
    const faceId = findEntryIdByMedia({ db, table: 'faces', sha256 });
    const face = faceId === null ? null : getFace({ db, libraryDir, faceId });
    return face ? { kind: 'face', created: false, face, notice: null } : null;
  }
  if (plan.entryKind === 'voice') {
    const voiceId = findEntryIdByMedia({ db, table: 'voices', sha256 });
    if (voiceId === null) return null;
    // A transcript dropped in after the recording is picked up by importing the recording again.
    if (transcript !== null && getVoice({ db, libraryDir, voiceId })?.transcript === null) {
      setVoiceTranscript({ db, voiceId, transcript, nowIso: formatNowIso() });
    }
    const voice = getVoice({ db, libraryDir, voiceId });
    return voice ? { kind: 'voice', created: false, voice, notice: null } : null;
  }
  const scriptId = findEntryIdByMedia({ db, table: 'scripts', sha256 });
  const script = scriptId === null ? null : getScript({ db, scriptId });
  return script ? { kind: 'script', created: false, script, notice: null } : null;
}

interface CommitInput {
  context: ImportContext;
  plan: ImportPlan;
  name: string;
  sha256: string;
  ext: string;
  sizeBytes: number;
  text: PreparedText;
  analysis: FaceAnalysisOutcome | null;
  pendingId: number;
}

/** Writes every row of the import in one transaction, which also retires the import's intent. */
function commitImport({ context, plan, name, sha256, ext, sizeBytes, text, analysis, pendingId }: CommitInput): ImportResult {
  const { db, libraryDir } = context;
  const commit = db.transaction((): ImportResult => {
    const nowIso = formatNowIso();
    clearPendingImport({ db, pendingId });
    db.prepare('INSERT OR IGNORE INTO media (sha256, ext, size_bytes, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(sha256, ext, sizeBytes, plan.mediaKind, nowIso);
    // Another import of the same content may have committed while this one was analysing.
    const existing = findExistingResult({ context, plan, sha256, transcript: text.transcript });
    if (existing) return existing;
    if (plan.entryKind === 'face') {
      const outcome = analysis as FaceAnalysisOutcome;
      const faceId = insertFace({
        db,
        name,
        sha256,
        kind: plan.mediaKind === 'video' ? 'video' : 'image',
        width: plan.width ?? outcome.width,
        height: plan.height ?? outcome.height,
        durationSec: plan.durationSec,
        analysisStatus: outcome.status,
        analysisError: null,
        nowIso,
      });
      replaceSubjects({ db, faceId, subjects: outcome.subjects });
      return { kind: 'face', created: true, face: getFace({ db, libraryDir, faceId })!, notice: outcome.notice };
    }
    if (plan.entryKind === 'voice') {
      const voiceId = insertRecordingVoice({ db, name, sha256, transcript: text.transcript, durationSec: plan.durationSec, nowIso });
      return { kind: 'voice', created: true, voice: getVoice({ db, libraryDir, voiceId })!, notice: null };
    }
    const scriptId = insertScript({ db, name, text: text.scriptText as string, sha256, nowIso });
    return { kind: 'script', created: true, script: getScript({ db, scriptId })!, notice: null };
  });
  return commit.immediate();
}

/** Undoes what a failed import left: its intent, and its stored file if nothing else uses that content. */
function rollBackImport({ context, sha256, ext, pendingId }: { context: ImportContext; sha256: string; ext: string; pendingId: number }): void {
  const { db, libraryDir } = context;
  try {
    db.transaction(() => {
      clearPendingImport({ db, pendingId });
      removeMediaIfUnreferenced({ db, libraryDir, sha256, ext });
    }).immediate();
  } catch {
    // Leave it to repairLibrary() on the next open rather than hide the import's own error.
  }
}

/**
 * Imports one file: photos and videos become faces (analysed now), recordings become voices (with `name.txt` beside
 * them as transcript), `.txt` files become scripts. The file is copied into the store first; all rows are then written
 * in one transaction, so an import either lands completely or leaves nothing behind (a crash in between leaves at
 * most an unreferenced file, swept on the next open). Importing content that is already there returns the existing
 * entry with `created: false`.
 */
export async function importFile({ context, input, opts = {} }: { context: ImportContext; input: ImportFileInput; opts?: RunOptions }): Promise<ImportResult> {
  const filePath = path.resolve(input.filePath);
  const fileName = path.basename(filePath);
  try {
    if (!(await stat(filePath)).isFile()) throw new Error('not a file');
  } catch {
    throw new InputError('FILE_NOT_FOUND', `${filePath} does not exist or is not a file.`, filePath);
  }
  const plan = await planImport({ filePath, kind: input.kind, probe: context.probe });
  const name = normalizeEntryName(input.name ?? path.parse(filePath).name);
  const text = await prepareText({ plan, filePath });
  const report = createPhaseReporter({ plan, opts });

  const { sha256, sizeBytes } = await hashFile({ filePath, signal: opts.signal, onBytes: (done, total) => report('hashing', total > 0 ? done / total : 1) });
  const { db, libraryDir } = context;
  // Same content under another extension (photo.jpeg after photo.jpg) keeps the name it was first stored under.
  const recordedExt = db.prepare('SELECT ext FROM media WHERE sha256 = ?').pluck().get(sha256) as string | undefined;
  const ext = recordedExt ?? normalizeExtension(filePath);
  const pendingId = registerPendingImport({ db, sha256, nowIso: formatNowIso() });
  try {
    const { mediaPath } = await storeMediaFile({
      libraryDir, filePath, sha256, ext, signal: opts.signal,
      onBytes: (done, total) => report('copying', total > 0 ? done / total : 1),
    });
    report('copying', 1);
    const existing = findExistingResult({ context, plan, sha256, transcript: text.transcript });
    if (existing) {
      clearPendingImport({ db, pendingId });
      report('saving', 1);
      return existing;
    }
    const analysis =
      plan.entryKind === 'face'
        ? await analyzeFaceMedia({
            mediaPath, sourcePath: filePath, displayName: fileName,
            faceKind: plan.mediaKind === 'video' ? 'video' : 'image',
            analyzeImage: context.analyzeImage, analyzeVideo: context.analyzeVideo,
            opts: { signal: opts.signal, onProgress: (progress) => report('analysing', progress.ratio) },
          })
        : null;
    throwIfAborted(opts.signal);
    report('saving', 0);
    const result = commitImport({ context, plan, name, sha256, ext, sizeBytes, text, analysis, pendingId });
    report('saving', 1);
    return result;
  } catch (error) {
    rollBackImport({ context, sha256, ext, pendingId });
    throw error;
  }
}
