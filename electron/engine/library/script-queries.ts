import type { Database } from 'better-sqlite3';
import { InputError } from '../errors.js';
import type { ScriptEntry } from './library-types.js';
import { assertEntryId, createMissingEntryError, normalizeEntryName } from './row-helpers.js';

interface ScriptRow {
  id: number;
  name: string;
  text: string;
  voice_id: number | null;
  media_sha256: string | null;
  created_at: string;
  updated_at: string;
}

function mapScriptRow(row: ScriptRow): ScriptEntry {
  return {
    id: row.id,
    name: row.name,
    text: row.text,
    voiceId: row.voice_id,
    mediaSha256: row.media_sha256,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Script text as stored: line endings unified, outer blank space trimmed; empty text is refused. */
export function normalizeScriptText(text: string): string {
  const cleaned = text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n').trim();
  if (cleaned.length === 0) throw new InputError('BAD_ARGUMENT', 'A script needs some text to speak.');
  return cleaned;
}

function assertVoiceExists({ db, voiceId }: { db: Database; voiceId: number | null }): void {
  if (voiceId === null) return;
  assertEntryId({ kind: 'voice', id: voiceId });
  if (db.prepare('SELECT 1 FROM voices WHERE id = ?').get(voiceId) === undefined) throw createMissingEntryError({ kind: 'voice', id: voiceId });
}

/** Every script, newest first. */
export function listScripts({ db }: { db: Database }): ScriptEntry[] {
  return (db.prepare('SELECT * FROM scripts ORDER BY id DESC').all() as ScriptRow[]).map(mapScriptRow);
}

export function getScript({ db, scriptId }: { db: Database; scriptId: number }): ScriptEntry | null {
  assertEntryId({ kind: 'script', id: scriptId });
  const row = db.prepare('SELECT * FROM scripts WHERE id = ?').get(scriptId) as ScriptRow | undefined;
  return row ? mapScriptRow(row) : null;
}


export interface InsertScriptInput {
  db: Database;
  name: string;
  text: string;
  voiceId?: number | null;
  sha256?: string | null;
  nowIso: string;
}

export function insertScript({ db, name, text, voiceId = null, sha256 = null, nowIso }: InsertScriptInput): number {
  assertVoiceExists({ db, voiceId });
  const result = db
    .prepare('INSERT INTO scripts (name, text, voice_id, media_sha256, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(normalizeEntryName(name), normalizeScriptText(text), voiceId, sha256, nowIso, nowIso);
  return Number(result.lastInsertRowid);
}

export interface UpdateScriptInput {
  db: Database;
  scriptId: number;
  text?: string;
  /** null clears the chosen voice. */
  voiceId?: number | null;
  nowIso: string;
}

/** Changes the text and/or the voice of a script; fields left out keep their value. */
export function updateScript({ db, scriptId, text, voiceId, nowIso }: UpdateScriptInput): void {
  assertEntryId({ kind: 'script', id: scriptId });
  if (voiceId !== undefined) assertVoiceExists({ db, voiceId });
  const result = db
    .prepare(
      `UPDATE scripts SET text = coalesce(?, text), voice_id = CASE WHEN ? THEN ? ELSE voice_id END, updated_at = ? WHERE id = ?`,
    )
    .run(text === undefined ? null : normalizeScriptText(text), voiceId === undefined ? 0 : 1, voiceId ?? null, nowIso, scriptId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'script', id: scriptId });
}
