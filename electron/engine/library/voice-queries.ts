import type { Database } from 'better-sqlite3';
import type { VoiceEntry, VoiceKind } from './library-types.js';
import { resolveMediaPath } from './media-store.js';
import { assertEntryId, createMissingEntryError, normalizeEntryName } from './row-helpers.js';

interface VoiceRow {
  id: number;
  name: string;
  kind: VoiceKind;
  media_sha256: string | null;
  ext: string | null;
  builtin_voice: string | null;
  transcript: string | null;
  duration_sec: number | null;
  created_at: string;
  updated_at: string;
}

const selectVoicesSql = 'SELECT v.*, m.ext FROM voices v LEFT JOIN media m ON m.sha256 = v.media_sha256';

function mapVoiceRow({ row, libraryDir }: { row: VoiceRow; libraryDir: string }): VoiceEntry {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    mediaSha256: row.media_sha256,
    mediaPath: row.media_sha256 === null ? null : resolveMediaPath({ libraryDir, sha256: row.media_sha256, ext: row.ext ?? '' }),
    builtinVoice: row.builtin_voice,
    transcript: row.transcript,
    durationSec: row.duration_sec,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every voice, newest first. */
export function listVoices({ db, libraryDir }: { db: Database; libraryDir: string }): VoiceEntry[] {
  const rows = db.prepare(`${selectVoicesSql} ORDER BY v.id DESC`).all() as VoiceRow[];
  return rows.map((row) => mapVoiceRow({ row, libraryDir }));
}

export function getVoice({ db, libraryDir, voiceId }: { db: Database; libraryDir: string; voiceId: number }): VoiceEntry | null {
  assertEntryId({ kind: 'voice', id: voiceId });
  const row = db.prepare(`${selectVoicesSql} WHERE v.id = ?`).get(voiceId) as VoiceRow | undefined;
  return row ? mapVoiceRow({ row, libraryDir }) : null;
}


export interface InsertRecordingInput {
  db: Database;
  name: string;
  sha256: string;
  transcript: string | null;
  durationSec: number | null;
  nowIso: string;
}

export function insertRecordingVoice({ db, name, sha256, transcript, durationSec, nowIso }: InsertRecordingInput): number {
  const result = db
    .prepare(
      `INSERT INTO voices (name, kind, media_sha256, transcript, duration_sec, created_at, updated_at)
       VALUES (?, 'recording', ?, ?, ?, ?, ?)`,
    )
    .run(name, sha256, transcript, durationSec, nowIso, nowIso);
  return Number(result.lastInsertRowid);
}

/** Adds a voice of the built-in synthesiser (e.g. `en-us`) under a name of the user's choosing. */
export function insertBuiltinVoice({ db, name, builtinVoice, nowIso }: { db: Database; name: string; builtinVoice: string; nowIso: string }): number {
  const voice = builtinVoice.trim();
  const result = db
    .prepare(`INSERT INTO voices (name, kind, builtin_voice, created_at, updated_at) VALUES (?, 'builtin', ?, ?, ?)`)
    .run(normalizeEntryName(name), normalizeEntryName(voice), nowIso, nowIso);
  return Number(result.lastInsertRowid);
}

/** Sets or clears (null / blank) the transcript of a voice. */
export function setVoiceTranscript({ db, voiceId, transcript, nowIso }: { db: Database; voiceId: number; transcript: string | null; nowIso: string }): void {
  assertEntryId({ kind: 'voice', id: voiceId });
  const text = transcript?.trim() ? transcript.trim() : null;
  const result = db.prepare('UPDATE voices SET transcript = ?, updated_at = ? WHERE id = ?').run(text, nowIso, voiceId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'voice', id: voiceId });
}
