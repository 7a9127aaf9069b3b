import type { Database } from 'better-sqlite3';
import { InputError } from '../errors.js';
import type { JsonValue, RenderEntry, RenderStatus } from './library-types.js';
import { FARM_LANE_SQL } from './schema-v5.js';
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
  /** At most this many (newest first); every matching row when left out. */
  limit?: number;
}

/**
 * The scope condition shared by listing, claiming and counting: every render (`undefined`), one batch's (a number:
 * a plain equality, so the indexes serve it), or the app queue's (`null`: outside any batch made from a manifest).
 */
function scopeSql(batchId: number | null | undefined): string {
  if (batchId === undefined) return '1';
  if (batchId === null) return '(batch_id IS NULL OR batch_id IN (SELECT id FROM batches WHERE source_key IS NULL))';
  return 'batch_id = :batchId';
}

const scopeParams = (batchId: number | null | undefined) => (typeof batchId === 'number' ? { batchId } : {});

/** Renders, newest first, optionally only some statuses, one project's or one batch's; all of them unless `limit`. */
export function listRenders({ db, status, projectId, batchId, limit }: { db: Database } & ListRendersFilter): RenderEntry[] {
  const statuses = status === undefined ? null : Array.isArray(status) ? status : [status];
  // Only the conditions given, so SQLite can use the status and batch indexes for them.
  const where = [
    scopeSql(batchId),
    ...(statuses === null ? [] : ['status IN (SELECT value FROM json_each(:statuses))']),
    ...(projectId === undefined ? [] : ['project_id = :projectId']),
  ];
  // LIMIT -1 is SQLite's "no limit": a queue that reads only the newest N rows loses the oldest jobs of a long batch.
  const rowLimit = limit === undefined ? -1 : Math.max(1, Math.floor(limit));
  const rows = db
    .prepare(`SELECT * FROM renders WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT :limit`)
    .all({
      ...scopeParams(batchId),
      ...(statuses === null ? {} : { statuses: JSON.stringify(statuses) }),
      ...(projectId === undefined ? {} : { projectId }),
      limit: rowLimit,
    }) as RenderRow[];
  return rows.map(mapRenderRow);
}

/** Which of the studio queue's lanes a render waits in: the render farm's (`farm: true` in its spec) or this computer's. */
export type RenderLane = 'farm' | 'local';

/**
 * The queued render to run next in this scope (and lane, if given), skipping `exceptIds` (ones the caller is already
 * starting): a batch's lowest position, the app queue's oldest render. One indexed lookup (schema v3, v5), however
 * long the queue and however many rows wait in the other lane.
 */
export function findNextQueuedRender({ db, batchId, lane, exceptIds = [] }: { db: Database; batchId: number | null; lane?: RenderLane; exceptIds?: number[] }): RenderEntry | null {
  const row = db.prepare(nextQueuedRenderSql({ batchId, lane })).get({ ...scopeParams(batchId), except: JSON.stringify(exceptIds) }) as RenderRow | undefined;
  return row ? mapRenderRow(row) : null;
}

/** The claim's statement (exported so a test can ask SQLite for its plan). */
export function nextQueuedRenderSql({ batchId, lane }: { batchId: number | null; lane?: RenderLane }): string {
  // A batch runs by position (the index renders_queued_by_batch), the app queue by age (renders_queued_by_age, or
  // renders_queued_by_lane when a lane is asked for).
  const order = batchId === null ? 'id' : 'batch_position, id';
  const laneSql = lane === undefined ? '' : `AND ${FARM_LANE_SQL} = ${lane === 'farm' ? 1 : 0}`;
  return `SELECT * FROM renders WHERE status = 'queued' ${laneSql} AND ${scopeSql(batchId)}
             AND id NOT IN (SELECT value FROM json_each(:except)) ORDER BY ${order} LIMIT 1`;
}

/** When a batch's last `limit` items that ended done or failed ended (ms since the epoch), newest first. */
export function listRecentRenderEnds({ db, batchId, limit }: { db: Database; batchId: number; limit: number }): number[] {
  // Served by renders_ended_by_batch (schema v5), whose condition is this one word for word.
  const rows = db
    .prepare(`SELECT finished_at FROM renders WHERE batch_id = ? AND status IN ('done', 'failed') AND finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT ?`)
    .all(batchId, Math.max(1, Math.floor(limit))) as { finished_at: string }[];
  return rows.map((row) => Date.parse(row.finished_at));
}

export interface RenderSummary {
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Mean wall time of the finished renders that have one, or null when none has. */
  meanDoneMs: number | null;
}

/** Exact counts by status (and the mean time of a finished render) in a scope: for a batch, one scan of an index. */
export function summarizeRenders({ db, batchId }: { db: Database; batchId?: number | null }): RenderSummary {
  const row = db
    .prepare(
      `SELECT count(*) AS total,
              coalesce(sum(status = 'queued'), 0) AS queued, coalesce(sum(status = 'running'), 0) AS running,
              coalesce(sum(status = 'done'), 0) AS done, coalesce(sum(status = 'failed'), 0) AS failed,
              coalesce(sum(status = 'cancelled'), 0) AS cancelled,
              avg(CASE WHEN status = 'done' THEN duration_ms END) AS meanDoneMs
         FROM renders WHERE ${scopeSql(batchId)}`,
    )
    .get(scopeParams(batchId)) as RenderSummary;
  return { ...row, meanDoneMs: row.meanDoneMs ?? null };
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
