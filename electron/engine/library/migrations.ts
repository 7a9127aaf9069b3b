import type { Database } from 'better-sqlite3';
import { EngineError } from '../errors.js';
import { describeDatabaseFailure, isDatabaseStateFailure } from './database-failure.js';
import { applySchemaV1 } from './schema-v1.js';
import { applySchemaV2 } from './schema-v2.js';
import { applySchemaV3 } from './schema-v3.js';
import { applySchemaV4 } from './schema-v4.js';
import { applySchemaV5 } from './schema-v5.js';
import { applySchemaV6 } from './schema-v6.js';

/**
 * One step of the schema. `up` runs inside a transaction together with the `user_version` bump, so a step is
 * either fully applied or not at all. Never edit a released step: add a new one.
 * (A step that rebuilds a table must not rely on `foreign_keys = OFF`: that pragma is a no-op inside a transaction.)
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/** Every schema step, oldest first; versions are 1, 2, 3, … without gaps. */
export const libraryMigrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: applySchemaV1 },
  { version: 2, name: 'export presets and batches', up: applySchemaV2 },
  { version: 3, name: 'queue order indexes', up: applySchemaV3 },
  { version: 4, name: 'subject names', up: applySchemaV4 },
  { version: 5, name: 'render lanes index', up: applySchemaV5 },
  { version: 6, name: 'mouth clips', up: applySchemaV6 },
];

export function readSchemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Latest version the given steps reach. */
export function findLatestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1].version;
}

/**
 * Refuses a database written by a newer Mouthpiece before anything touches it: an older app would not know the
 * newer tables' rules and could corrupt them.
 */
export function assertSchemaNotNewer({ db, migrations, dbPath }: { db: Database; migrations: readonly Migration[]; dbPath: string }): void {
  const found = readSchemaVersion(db);
  const known = findLatestVersion(migrations);
  if (found > known) {
    throw new EngineError(
      'LIBRARY_ERROR',
      `The library at ${dbPath} was written by a newer version of Mouthpiece (schema version ${found}; this version knows up to ${known}). ` +
        'Update Mouthpiece to open it; the library was left untouched.',
    );
  }
}

function assertMigrationsOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, i) => {
    if (migration.version !== i + 1) {
      throw new Error(`Library migrations must be numbered 1, 2, 3, … in order; found version ${migration.version} at position ${i + 1}.`);
    }
  });
}

/**
 * Brings the schema up to the latest step, one transaction per step. Each transaction is IMMEDIATE and re-reads the
 * version inside it, so two processes opening the same library at once cannot apply a step twice.
 * Returns the versions applied (empty when the schema was already current).
 */
export function applyMigrations({ db, migrations = libraryMigrations, dbPath }: { db: Database; migrations?: readonly Migration[]; dbPath: string }): number[] {
  assertMigrationsOrdered(migrations);
  const applied: number[] = [];
  for (const migration of migrations) {
    const step = db.transaction(() => {
      assertSchemaNotNewer({ db, migrations, dbPath });
      if (readSchemaVersion(db) >= migration.version) return false;
      migration.up(db);
      // user_version lives in the database header, which is written as part of this transaction.
      db.pragma(`user_version = ${migration.version}`);
      return true;
    });
    try {
      if (step.immediate()) applied.push(migration.version);
    } catch (error) {
      if (error instanceof EngineError) throw error;
      if (isDatabaseStateFailure(error)) throw new EngineError('LIBRARY_ERROR', describeDatabaseFailure(error, dbPath), error);
      throw new EngineError('LIBRARY_ERROR', `Could not upgrade the library at ${dbPath} to schema ${migration.version} (${migration.name}): ${String(error)}`, error);
    }
  }
  return applied;
}
