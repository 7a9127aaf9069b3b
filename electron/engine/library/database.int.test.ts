import { writeFileSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { openLibraryDatabase } from './database.js';
import { findLatestVersion, libraryMigrations, readSchemaVersion, type Migration } from './migrations.js';
import { createTempDir } from './test-support/temp-library.js';

describe('openLibraryDatabase', () => {
  let temp: ReturnType<typeof createTempDir>;
  let dbPath: string;
  beforeEach(() => {
    temp = createTempDir();
    dbPath = path.join(temp.dir, 'nested', 'library.sqlite');
  });
  afterEach(() => temp.remove());

  it('applies every migration to a fresh file and sets the pragmas', () => {
    const db = openLibraryDatabase({ dbPath });
    try {
      expect(readSchemaVersion(db)).toBe(findLatestVersion(libraryMigrations));
      expect(readSchemaVersion(db)).toBeGreaterThanOrEqual(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['media', 'faces', 'subjects', 'voices', 'scripts', 'projects', 'renders', 'voices_fts']));
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  });

  it('reopening a current library changes nothing', () => {
    openLibraryDatabase({ dbPath }).close();
    const schemaBefore = new BetterSqlite3(dbPath, { readonly: true });
    const snapshot = schemaBefore.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
    schemaBefore.close();
    const db = openLibraryDatabase({ dbPath });
    try {
      expect(readSchemaVersion(db)).toBe(findLatestVersion(libraryMigrations));
      expect(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all()).toEqual(snapshot);
    } finally {
      db.close();
    }
  });

  it('enforces foreign keys', () => {
    const db = openLibraryDatabase({ dbPath });
    try {
      const now = new Date().toISOString();
      const insertFace = db.prepare("INSERT INTO faces (name, media_sha256, kind, created_at, updated_at) VALUES ('x', ?, 'image', ?, ?)");
      expect(() => insertFace.run('a'.repeat(64), now, now)).toThrow(/FOREIGN KEY/);
      db.prepare("INSERT INTO media (sha256, ext, size_bytes, kind, created_at) VALUES (?, '.png', 1, 'image', ?)").run('a'.repeat(64), now);
      const faceId = insertFace.run('a'.repeat(64), now, now).lastInsertRowid;
      db.prepare("INSERT INTO subjects (face_id, subject_index, box, score, area, landmarks, irises, masks, roll_rad, mesh_score) VALUES (?, 0, '[0,0,1,1]', 1, 1, '[]', '{}', '{}', 0, 1)").run(faceId);
      // Media in use cannot go; deleting the face cascades to its subjects.
      expect(() => db.prepare('DELETE FROM media').run()).toThrow(/FOREIGN KEY/);
      db.prepare('DELETE FROM faces WHERE id = ?').run(faceId);
      expect(db.prepare('SELECT count(*) FROM subjects').pluck().get()).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('refuses a library written by a newer version, without touching it', () => {
    const futurePath = path.join(temp.dir, 'future.sqlite');
    const newer = new BetterSqlite3(futurePath);
    newer.pragma('user_version = 999');
    newer.exec('CREATE TABLE future (x)');
    newer.close();
    const before = new BetterSqlite3(futurePath, { readonly: true });
    const journalBefore = before.pragma('journal_mode', { simple: true });
    before.close();

    let caught: unknown;
    try {
      openLibraryDatabase({ dbPath: futurePath });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EngineError);
    expect((caught as EngineError).code).toBe('LIBRARY_ERROR');
    expect((caught as EngineError).message).toMatch(/newer version of Mouthpiece.*schema version 999.*Update Mouthpiece/s);

    const after = new BetterSqlite3(futurePath, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(999);
    expect(after.pragma('journal_mode', { simple: true })).toBe(journalBefore);
    after.close();
  });

  it('rolls back a migration that fails halfway and keeps the previous version', () => {
    const broken: Migration[] = [
      ...libraryMigrations,
      {
        version: libraryMigrations.length + 1,
        name: 'broken step',
        up: (db) => {
          db.exec('CREATE TABLE half_done (x)');
          db.exec('THIS IS NOT SQL');
        },
      },
    ];
    expect(() => openLibraryDatabase({ dbPath, migrations: broken })).toThrow(/Could not upgrade the library.*broken step/);
    const db = openLibraryDatabase({ dbPath });
    try {
      expect(readSchemaVersion(db)).toBe(libraryMigrations.length);
      expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('says clearly when the file is not a database', () => {
    const bogusPath = path.join(temp.dir, 'bogus.sqlite');
    writeFileSync(bogusPath, 'this is a text file, not SQLite '.repeat(100));
    expect(() => openLibraryDatabase({ dbPath: bogusPath })).toThrow(EngineError);
    expect(() => openLibraryDatabase({ dbPath: bogusPath })).toThrow(/bogus\.sqlite/);
  });
});
