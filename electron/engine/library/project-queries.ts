import type { Database } from 'better-sqlite3';
import type { JsonValue, ProjectEntry } from './library-types.js';
import { assertEntryId, createMissingEntryError, formatJsonColumn, normalizeEntryName, parseJsonColumn } from './row-helpers.js';

interface ProjectRow {
  id: number;
  name: string;
  stage: string;
  timeline: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

function mapProjectRow(row: ProjectRow): ProjectEntry {
  return {
    id: row.id,
    name: row.name,
    stage: parseJsonColumn(row.stage),
    timeline: parseJsonColumn(row.timeline),
    settings: parseJsonColumn(row.settings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every project, most recently changed first. */
export function listProjects({ db }: { db: Database }): ProjectEntry[] {
  return (db.prepare('SELECT * FROM projects ORDER BY updated_at DESC, id DESC').all() as ProjectRow[]).map(mapProjectRow);
}

export function getProject({ db, projectId }: { db: Database; projectId: number }): ProjectEntry | null {
  assertEntryId({ kind: 'project', id: projectId });
  const row = db.prepare('SELECT * FROM projects WHERE id = ?').get(projectId) as ProjectRow | undefined;
  return row ? mapProjectRow(row) : null;
}

export interface ProjectFields {
  stage?: JsonValue;
  timeline?: JsonValue;
  settings?: JsonValue;
}

export function insertProject({ db, name, stage = null, timeline = null, settings = null, nowIso }: { db: Database; name: string; nowIso: string } & ProjectFields): number {
  const result = db
    .prepare('INSERT INTO projects (name, stage, timeline, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(
      normalizeEntryName(name),
      formatJsonColumn({ value: stage, column: 'stage' }),
      formatJsonColumn({ value: timeline, column: 'timeline' }),
      formatJsonColumn({ value: settings, column: 'settings' }),
      nowIso,
      nowIso,
    );
  return Number(result.lastInsertRowid);
}

/** Replaces the given parts of a project (each part whole); parts left out keep their value. */
export function updateProject({ db, projectId, name, stage, timeline, settings, nowIso }: { db: Database; projectId: number; name?: string; nowIso: string } & ProjectFields): void {
  assertEntryId({ kind: 'project', id: projectId });
  const encode = (value: JsonValue | undefined, column: string): string | null => (value === undefined ? null : formatJsonColumn({ value, column }));
  const result = db
    .prepare(
      `UPDATE projects SET name = coalesce(?, name), stage = coalesce(?, stage), timeline = coalesce(?, timeline),
              settings = coalesce(?, settings), updated_at = ? WHERE id = ?`,
    )
    .run(
      name === undefined ? null : normalizeEntryName(name),
      encode(stage, 'stage'),
      encode(timeline, 'timeline'),
      encode(settings, 'settings'),
      nowIso,
      projectId,
    );
  if (result.changes === 0) throw createMissingEntryError({ kind: 'project', id: projectId });
}
