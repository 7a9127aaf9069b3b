import { mkdirSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { EngineError } from '../errors.js';
import { describeDatabaseFailure } from './database-failure.js';
import { applyMigrations, assertSchemaNotNewer, libraryMigrations, type Migration } from './migrations.js';
import { foldSearchText } from './search-text.js';

export interface OpenLibraryDatabaseInput {
  dbPath: string;
  /** Schema steps; the library's own by default (tests pass others). */
  migrations?: readonly Migration[];
  /** How long a statement waits for another process's write lock before failing. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating if needed) the library database and brings its schema up to date.
 * Throws `EngineError('LIBRARY_ERROR')` when the file is not a database, is damaged, or comes from a newer app version
 * (in which case it is not modified at all).
 */
export function openLibraryDatabase({ dbPath, migrations = libraryMigrations, busyTimeoutMs = 5000 }: OpenLibraryDatabaseInput): Database {
  mkdirSync(path.dirname(dbPath), { recursive: true });
  let db: Database;
  try {
    db = new BetterSqlite3(dbPath);
  } catch (error) {
    throw new EngineError('LIBRARY_ERROR', describeDatabaseFailure(error, dbPath), error);
  }
  try {
    // Before anything else, so the checks below wait for another process (app + CLI) instead of failing at once.
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(busyTimeoutMs))}`);
    // Checked before switching to WAL: switching rewrites the header, and a newer library must stay untouched.
    assertSchemaNotNewer({ db, migrations, dbPath });
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new EngineError('LIBRARY_ERROR', `The library database ${dbPath} could not switch to WAL mode (got '${String(journalMode)}').`);
    }
    // In WAL mode NORMAL keeps the database consistent through any crash, and a killed process loses nothing
    // committed; only a power cut may lose the last commits, because the WAL is fsynced at checkpoints rather than
    // at every commit. FULL would fsync on every commit (each render-progress tick, each import) for little gain:
    // library edits are small and redoable, and a media file whose row was lost is swept as an orphan on open.
    db.pragma('synchronous = NORMAL');
    // SQLite leaves foreign keys off by default, per connection; the schema relies on them (cascades, set null).
    db.pragma('foreign_keys = ON');
    db.function('mp_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldSearchText(text) : ''));
    applyMigrations({ db, migrations, dbPath });
    return db;
  } catch (error) {
    db.close();
    if (error instanceof EngineError) throw error;
    throw new EngineError('LIBRARY_ERROR', describeDatabaseFailure(error, dbPath), error);
  }
}
