import type { RenderJobState } from './render-queue.js';

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

/**
 * Progress and time left of a batch from its items' states. An item still queued is assumed to take as long as the
 * finished ones took on average (or, before any finished, as long as the running ones are heading for); the work
 * left is shared among the renders that run at once.
 */
export function estimateBatchProgress(items: RenderJobState[], concurrency: number, nowMs = Date.now()): BatchProgress {
  const count = (status: string) => items.filter((item) => item.entry.status === status).length;
  const running = items.filter((item) => item.entry.status === 'running');
  const progressOfRunning = running.reduce((sum, item) => sum + item.entry.progress, 0);
  const ended = count('done') + count('failed') + count('cancelled');
  const total = items.length;
  const ratio = total === 0 ? 1 : Math.min(1, (ended + progressOfRunning) / total);

  const finishedDurations = items.filter((item) => item.entry.status === 'done' && item.entry.durationMs !== null).map((item) => item.entry.durationMs as number);
  const projectedDurations = running
    .filter((item) => item.entry.startedAt !== null && item.entry.progress > 0.05)
    .map((item) => (nowMs - Date.parse(item.entry.startedAt as string)) / item.entry.progress);
  const typicalMs = mean(finishedDurations.length > 0 ? finishedDurations : projectedDurations);

  let etaMs: number | null = null;
  if (running.length + count('queued') === 0) etaMs = 0;
  else if (typicalMs !== null) {
    const leftOfRunning = running.reduce((sum, item) => sum + (item.etaMs ?? (1 - item.entry.progress) * typicalMs), 0);
    etaMs = Math.round((leftOfRunning + count('queued') * typicalMs) / Math.max(1, Math.min(concurrency, running.length + count('queued'))));
  }
  return { total, done: count('done'), failed: count('failed'), cancelled: count('cancelled'), running: running.length, queued: count('queued'), ratio, etaMs };
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
