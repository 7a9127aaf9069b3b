import type { Database } from 'better-sqlite3';
import { InputError } from '../errors.js';
import type { JsonValue } from './library-types.js';

/** Now, as the library stores it. */
export function formatNowIso(nowMs = Date.now()): string {
  return new Date(nowMs).toISOString();
}

const maxNameChars = 200;

/** A display name as stored: trimmed, inner whitespace collapsed, not empty, not absurdly long. */
export function normalizeEntryName(name: string): string {
  const cleaned = name.replace(/\s+/gu, ' ').trim();
  if (cleaned.length === 0) throw new InputError('BAD_ARGUMENT', 'A name cannot be empty.');
  return [...cleaned].slice(0, maxNameChars).join('');
}

/** Serialises a JSON column; rejects values JSON cannot hold (undefined, functions, NaN would silently change). */
export function formatJsonColumn({ value, column }: { value: JsonValue; column: string }): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new InputError('BAD_ARGUMENT', `${column} must be a JSON value.`);
  return text;
}

export function parseJsonColumn<T = JsonValue>(text: string): T {
  return JSON.parse(text) as T;
}

/** The one error for an id that names nothing, so every query says it the same way. */
export function createMissingEntryError({ kind, id }: { kind: string; id: number }): InputError {
  return new InputError('BAD_ARGUMENT', `There is no ${kind} with id ${id} in the library.`);
}

/** Ids come over IPC: make sure they are what SQLite will match. */
export function assertEntryId({ kind, id }: { kind: string; id: number }): void {
  if (!Number.isSafeInteger(id) || id <= 0) throw new InputError('BAD_ARGUMENT', `${String(id)} is not a valid ${kind} id.`);
}

/** The id of the face, voice or script made from the stored content `sha256`, if there is one. */
export function findEntryIdByMedia({ db, table, sha256 }: { db: Database; table: 'faces' | 'voices' | 'scripts'; sha256: string }): number | null {
  const id = db.prepare(`SELECT id FROM ${table} WHERE media_sha256 = ?`).pluck().get(sha256) as number | undefined;
  return id ?? null;
}
