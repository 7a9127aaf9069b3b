import type { RenderJobState } from './render-queue.js';
import type { RenderSummary } from '../library/render-queries.js';

export interface BatchProgress {
  total: number;
  done: number;
  failed: number;
  cancelled: number;
  running: number;
  queued: number;
  /** Share of the batch's work behind it, 0..1 (a failed or cancelled item counts as behind). */
  ratio: number;
  /** Estimated time until every item has ended, or null while nothing is known to base it on. */
  etaMs: number | null;
}

/** Exact counts by status of a batch's items, and the mean time a finished one took (null before any finished). */
export type BatchCounts = RenderSummary;

/** Progress and time left of a batch from all its items' states (see estimateBatchProgressFromCounts). */
export function estimateBatchProgress(items: RenderJobState[], concurrency: number, nowMs = Date.now()): BatchProgress {
  const count = (status: string) => items.filter((item) => item.entry.status === status).length;
  const finishedDurations = items.filter((item) => item.entry.status === 'done' && item.entry.durationMs !== null).map((item) => item.entry.durationMs as number);
  const counts: BatchCounts = {
    total: items.length,
    queued: count('queued'),
    running: count('running'),
    done: count('done'),
    failed: count('failed'),
    cancelled: count('cancelled'),
    meanDoneMs: mean(finishedDurations),
  };
  return estimateBatchProgressFromCounts(counts, items.filter((item) => item.entry.status === 'running'), concurrency, nowMs);
}

/** Items ended a second, from when the latest ones ended (`endsMs`, any order): null before two have ended. */
export function measureEndedPerSec(endsMs: readonly number[], nowMs = Date.now()): number | null {
  if (endsMs.length < 2) return null;
  const oldest = Math.min(...endsMs);
  // Up to now, not to the last end: a farm that stopped delivering slows the estimate down as time passes.
  return (endsMs.length - 1) / (Math.max(1, nowMs - oldest) / 1000);
}

/** How many of a batch's latest ends the pace is measured over: recent enough to follow a farm that grows or shrinks. */
export const THROUGHPUT_SPAN = 32;

/**
 * Progress and time left of a batch from its exact counts and its running items (a handful, however long the batch,
 * so a progress tick never reads every row). An item still queued is assumed to take as long as the finished ones
 * took on average (or, before any finished, as long as the running ones are heading for); the work left is shared
 * among the renders that run at once. With `endedPerSec` (a farm batch: measureEndedPerSec), the time left is the
 * work left at that measured pace instead, null until it is known.
 */
export function estimateBatchProgressFromCounts(counts: BatchCounts, running: RenderJobState[], concurrency: number, nowMs = Date.now(), endedPerSec?: number | null): BatchProgress {
  const progressOfRunning = running.reduce((sum, item) => sum + item.entry.progress, 0);
  const ended = counts.done + counts.failed + counts.cancelled;
  const { total } = counts;
  const ratio = total === 0 ? 1 : Math.min(1, (ended + progressOfRunning) / total);

  const projectedDurations = running
    .filter((item) => item.entry.startedAt !== null && item.entry.progress > 0.05)
    .map((item) => (nowMs - Date.parse(item.entry.startedAt as string)) / item.entry.progress);
  const typicalMs = counts.meanDoneMs ?? mean(projectedDurations);

  let etaMs: number | null = null;
  if (counts.running + counts.queued === 0) etaMs = 0;
  else if (endedPerSec !== undefined) {
    // Measured: the work left at the pace items have been ending (a farm's window says nothing of its speed).
    const itemsLeft = counts.running + counts.queued - progressOfRunning;
    etaMs = endedPerSec === null || endedPerSec <= 0 ? null : Math.round((itemsLeft / endedPerSec) * 1000);
  } else if (typicalMs !== null) {
    const leftOfRunning = running.reduce((sum, item) => sum + (item.etaMs ?? (1 - item.entry.progress) * typicalMs), 0);
    etaMs = Math.round((leftOfRunning + counts.queued * typicalMs) / Math.max(1, Math.min(concurrency, counts.running + counts.queued)));
  }
  return { total, done: counts.done, failed: counts.failed, cancelled: counts.cancelled, running: counts.running, queued: counts.queued, ratio, etaMs };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
