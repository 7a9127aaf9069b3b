import type { Database } from 'better-sqlite3';
import { InputError } from '../errors.js';
import type { JsonValue, RenderEntry, RenderStatus } from './library-types.js';
import { assertEntryId, createMissingEntryError, formatJsonColumn, parseJsonColumn } from './row-helpers.js';

/*
 * Render rows are the queue's memory across restarts. The queue itself (jobs/) decides what runs; these functions
 * only make each state change atomic and refuse changes that make no sense (a late progress tick after a cancel
 * must not bring a render back to life).
 */

interface RenderRow {
  id: number;
  project_id: number | null;
  status: RenderStatus;
  progress: number;
  phase: string | null;
  output_path: string | null;
  error: string | null;
  spec: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  duration_ms: number | null;
  batch_id: number | null;
  batch_position: number | null;
}

function mapRenderRow(row: RenderRow): RenderEntry {
  return {
    id: row.id,
    projectId: row.project_id,
    status: row.status,
    progress: row.progress,
    phase: row.phase,
    outputPath: row.output_path,
    error: row.error,
    spec: parseJsonColumn(row.spec),
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    durationMs: row.duration_ms,
    batchId: row.batch_id,
    batchPosition: row.batch_position,
  };
}

export function getRender({ db, renderId }: { db: Database; renderId: number }): RenderEntry | null {
  assertEntryId({ kind: 'render', id: renderId });
  const row = db.prepare('SELECT * FROM renders WHERE id = ?').get(renderId) as RenderRow | undefined;
  return row ? mapRenderRow(row) : null;
}

export interface ListRendersFilter {
  status?: RenderStatus | RenderStatus[];
  projectId?: number;
  /** Only this batch's renders; `null` for renders outside any batch made from a manifest (what the app's queue runs). */
  batchId?: number | null;
  limit?: number;
}

/** Renders, newest first, optionally only some statuses or one project's. */
export function listRenders({ db, status, projectId, batchId, limit = 500 }: { db: Database } & ListRendersFilter): RenderEntry[] {
  const statuses = status === undefined ? null : JSON.stringify(Array.isArray(status) ? status : [status]);
  const rows = db
    .prepare(
      `SELECT * FROM renders
        WHERE (:statuses IS NULL OR status IN (SELECT value FROM json_each(:statuses)))
          AND (:projectId IS NULL OR project_id = :projectId)
          AND (:anyBatch = 1
               OR (:batchId IS NULL AND (batch_id IS NULL OR batch_id IN (SELECT id FROM batches WHERE source_key IS NULL)))
               OR batch_id = :batchId)
        ORDER BY id DESC LIMIT :limit`,
    )
    .all({ statuses, projectId: projectId ?? null, anyBatch: batchId === undefined ? 1 : 0, batchId: batchId ?? null, limit: Math.max(1, Math.floor(limit)) }) as RenderRow[];
  return rows.map(mapRenderRow);
}

/** Queues a render; `spec` is whatever jobs/ needs to run it again after a restart. */
export function insertRender({ db, projectId = null, spec, nowIso }: { db: Database; projectId?: number | null; spec: JsonValue; nowIso: string }): number {
  if (projectId !== null) assertEntryId({ kind: 'project', id: projectId });
  const result = db
    .prepare('INSERT INTO renders (project_id, status, progress, spec, created_at) VALUES (?, \'queued\', 0, ?, ?)')
    .run(projectId, formatJsonColumn({ value: spec, column: 'spec' }), nowIso);
  return Number(result.lastInsertRowid);
}

/**
 * Records progress; the first call moves a queued render to `running` and stamps `startedAt`.
 * Returns false (and changes nothing) when the render has already finished, failed or been cancelled.
 */
export function updateRenderProgress({ db, renderId, progress, phase, nowIso }: { db: Database; renderId: number; progress: number; phase?: string; nowIso: string }): boolean {
  assertEntryId({ kind: 'render', id: renderId });
  if (!Number.isFinite(progress)) throw new InputError('BAD_ARGUMENT', `Render progress must be a number between 0 and 1, not ${progress}.`);
  const ratio = Math.min(1, Math.max(0, progress));
  const result = db
    .prepare(
      `UPDATE renders SET status = 'running', progress = ?, phase = coalesce(?, phase), started_at = coalesce(started_at, ?)
        WHERE id = ? AND status IN ('queued', 'running')`,
    )
    .run(ratio, phase ?? null, nowIso, renderId);
  if (result.changes === 0 && getRender({ db, renderId }) === null) throw createMissingEntryError({ kind: 'render', id: renderId });
  return result.changes > 0;
}

export interface FinishRenderInput {
  db: Database;
  renderId: number;
  status: 'done' | 'failed' | 'cancelled';
  outputPath?: string;
  error?: string;
  nowMs: number;
}

/**
 * Ends a queued or running render. `durationMs` is the wall time from start to finish (null if it never started).
 * Returns false when it had already ended.
 */
export function finishRender({ db, renderId, status, outputPath, error, nowMs }: FinishRenderInput): boolean {
  assertEntryId({ kind: 'render', id: renderId });
  const finish = db.transaction(() => {
    const render = getRender({ db, renderId });
    if (render === null) throw createMissingEntryError({ kind: 'render', id: renderId });
    if (render.status !== 'queued' && render.status !== 'running') return false;
    const durationMs = render.startedAt === null ? null : Math.max(0, nowMs - Date.parse(render.startedAt));
    db.prepare(
      `UPDATE renders SET status = ?, progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END, output_path = coalesce(?, output_path),
              error = ?, finished_at = ?, duration_ms = ? WHERE id = ?`,
    ).run(status, status, outputPath ?? null, error ?? null, new Date(nowMs).toISOString(), durationMs, renderId);
    return true;
  });
  return finish.immediate();
}

/** Puts a failed or cancelled render back in the queue, as if new (retry). Returns false for other statuses. */
export function requeueRender({ db, renderId }: { db: Database; renderId: number }): boolean {
  assertEntryId({ kind: 'render', id: renderId });
  const result = db
    .prepare(
      `UPDATE renders SET status = 'queued', progress = 0, phase = NULL, error = NULL, output_path = NULL,
              started_at = NULL, finished_at = NULL, duration_ms = NULL
        WHERE id = ? AND status IN ('failed', 'cancelled')`,
    )
    .run(renderId);
  if (result.changes === 0 && getRender({ db, renderId }) === null) throw createMissingEntryError({ kind: 'render', id: renderId });
  return result.changes > 0;
}

/** Forgets a render row (its output file, if any, is the user's and stays). */
export function deleteRender({ db, renderId }: { db: Database; renderId: number }): void {
  assertEntryId({ kind: 'render', id: renderId });
  const result = db.prepare('DELETE FROM renders WHERE id = ?').run(renderId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'render', id: renderId });
}
