import type { Database } from 'better-sqlite3';
import { InputError } from '../errors.js';
import type { BatchEntry } from './library-types.js';
import { assertEntryId, createMissingEntryError, normalizeEntryName } from './row-helpers.js';

/*
 * A batch is a named group of render rows (its items, in order). The queue runs the rows; these functions only keep
 * the group: created with its items in one transaction (a crash never leaves half a batch), found again by its source
 * key (the same manifest into the same folder) to resume it, and stamped finished when nothing is left to run.
 */

interface BatchRow {
  id: number;
  name: string;
  source_key: string | null;
  out_dir: string;
  concurrency: number;
  created_at: string;
  finished_at: string | null;
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
}

const SELECT_BATCH = `
  SELECT b.*, count(r.id) AS total,
         coalesce(sum(r.status = 'queued'), 0) AS queued, coalesce(sum(r.status = 'running'), 0) AS running,
         coalesce(sum(r.status = 'done'), 0) AS done, coalesce(sum(r.status = 'failed'), 0) AS failed,
         coalesce(sum(r.status = 'cancelled'), 0) AS cancelled
    FROM batches b LEFT JOIN renders r ON r.batch_id = b.id`;

function mapBatchRow(row: BatchRow): BatchEntry {
  return {
    id: row.id,
    name: row.name,
    sourceKey: row.source_key,
    outDir: row.out_dir,
    concurrency: row.concurrency,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    counts: { total: row.total, queued: row.queued, running: row.running, done: row.done, failed: row.failed, cancelled: row.cancelled },
  };
}

/** Renders at once on one computer. */
export const MAX_BATCH_CONCURRENCY = 16;
/**
 * Jobs a farm batch keeps queued on the farm at once (its window): enough for a few hundred workers, while a manifest
 * of tens of thousands of rows still waits in the library, not in Redis. The queue's own ceiling.
 */
export const MAX_FARM_WINDOW = 4096;
export const DEFAULT_FARM_WINDOW = 256;

export function assertConcurrency(concurrency: number): void {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_FARM_WINDOW) {
    throw new InputError('BAD_ARGUMENT', `Parallel renders must be a whole number from 1 to ${MAX_FARM_WINDOW}, not ${concurrency}.`);
  }
}

/**
 * What the batches table keeps: schema v2 holds 1–16 (a CHECK a migration cannot loosen without rebuilding a table
 * renders cascade from), so a farm window above 16 is the run's own, passed again on each run, and stored as 16.
 */
function storedConcurrency(concurrency: number): number {
  return Math.min(concurrency, MAX_BATCH_CONCURRENCY);
}

export interface InsertBatchInput {
  db: Database;
  name: string;
  sourceKey?: string | null;
  outDir: string;
  concurrency: number;
  /** Each item's render spec and project, in batch order. */
  items: { projectId?: number | null; spec: string }[];
  nowIso: string;
}

/** Creates the batch and queues all its renders in one transaction. */
export function insertBatch({ db, name, sourceKey = null, outDir, concurrency, items, nowIso }: InsertBatchInput): number {
  assertConcurrency(concurrency);
  if (items.length === 0) throw new InputError('BAD_ARGUMENT', 'A batch needs at least one item.');
  const insert = db.transaction(() => {
    const batchId = Number(
      db
        .prepare('INSERT INTO batches (name, source_key, out_dir, concurrency, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(normalizeEntryName(name), sourceKey, outDir, storedConcurrency(concurrency), nowIso).lastInsertRowid,
    );
    const insertRender = db.prepare(
      "INSERT INTO renders (project_id, status, progress, spec, created_at, batch_id, batch_position) VALUES (?, 'queued', 0, json(?), ?, ?, ?)",
    );
    items.forEach((item, position) => {
      if (item.projectId != null) assertEntryId({ kind: 'project', id: item.projectId });
      insertRender.run(item.projectId ?? null, item.spec, nowIso, batchId, position);
    });
    return batchId;
  });
  return insert.immediate();
}

export function getBatch({ db, batchId }: { db: Database; batchId: number }): BatchEntry | null {
  assertEntryId({ kind: 'batch', id: batchId });
  const row = db.prepare(`${SELECT_BATCH} WHERE b.id = ? GROUP BY b.id`).get(batchId) as BatchRow | undefined;
  return row ? mapBatchRow(row) : null;
}

/** Batches, newest first; all of them unless `limit`. */
export function listBatches({ db, limit }: { db: Database; limit?: number }): BatchEntry[] {
  const rowLimit = limit === undefined ? -1 : Math.max(1, Math.floor(limit));
  const rows = db.prepare(`${SELECT_BATCH} GROUP BY b.id ORDER BY b.id DESC LIMIT ?`).all(rowLimit) as BatchRow[];
  return rows.map(mapBatchRow);
}

/**
 * The newest batch made from this source (same manifest into the same folder) that still has something to do: an item
 * queued, running (interrupted), failed or cancelled. A batch whose items all finished is not resumed.
 */
export function findResumableBatch({ db, sourceKey }: { db: Database; sourceKey: string }): BatchEntry | null {
  const row = db
    .prepare(
      `${SELECT_BATCH} WHERE b.source_key = ? GROUP BY b.id
        HAVING count(r.id) > coalesce(sum(r.status = 'done'), 0) ORDER BY b.id DESC LIMIT 1`,
    )
    .get(sourceKey) as BatchRow | undefined;
  return row ? mapBatchRow(row) : null;
}

export function setBatchConcurrency({ db, batchId, concurrency }: { db: Database; batchId: number; concurrency: number }): void {
  assertEntryId({ kind: 'batch', id: batchId });
  assertConcurrency(concurrency);
  const result = db.prepare('UPDATE batches SET concurrency = ? WHERE id = ?').run(storedConcurrency(concurrency), batchId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'batch', id: batchId });
}

/** Stamps the batch finished (nothing queued or running is left); false when something still is. */
export function finishBatch({ db, batchId, nowIso }: { db: Database; batchId: number; nowIso: string }): boolean {
  assertEntryId({ kind: 'batch', id: batchId });
  const result = db
    .prepare(
      `UPDATE batches SET finished_at = ? WHERE id = ? AND finished_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM renders WHERE batch_id = batches.id AND status IN ('queued', 'running'))`,
    )
    .run(nowIso, batchId);
  return result.changes > 0;
}

/** Opens a finished batch again (some of its items were queued again). */
export function reopenBatch({ db, batchId }: { db: Database; batchId: number }): void {
  assertEntryId({ kind: 'batch', id: batchId });
  db.prepare('UPDATE batches SET finished_at = NULL WHERE id = ?').run(batchId);
}

/**
 * Queues a finished item of this batch again, as if new: its output went missing after it was done, so a resumed
 * batch makes it again rather than report a file that is not there. False unless the render is this batch's and done.
 */
export function redoBatchItem({ db, batchId, renderId }: { db: Database; batchId: number; renderId: number }): boolean {
  assertEntryId({ kind: 'batch', id: batchId });
  assertEntryId({ kind: 'render', id: renderId });
  const result = db
    .prepare(
      `UPDATE renders SET status = 'queued', progress = 0, phase = NULL, error = NULL, output_path = NULL,
              started_at = NULL, finished_at = NULL, duration_ms = NULL
        WHERE id = ? AND batch_id = ? AND status = 'done'`,
    )
    .run(renderId, batchId);
  return result.changes > 0;
}
