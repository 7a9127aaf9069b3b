import type { BatchCounts, RenderJobState } from '../jobs/index.js';
import type { RenderEntry } from '../library/index.js';

type Status = RenderEntry['status'];

export interface BatchTally {
  /** Takes in one item's new state; returns the batch's exact counts after it. */
  record(state: RenderJobState): BatchCounts;
  /** The items running now, with their progress and time left. */
  running(): RenderJobState[];
}

/**
 * Exact counts of a batch kept up to date from its items' state changes, so a progress tick costs the same in a
 * batch of 5 or 5,000 rows. `readEntries` (every row of the batch) is read once, at the first change: by then the
 * queue has put interrupted renders back, and the changing item's row already holds its new state.
 */
export function createBatchTally(readEntries: () => RenderEntry[]): BatchTally {
  let known: Map<number, { status: Status; durationMs: number | null }> | null = null;
  const counts: BatchCounts = { total: 0, queued: 0, running: 0, done: 0, failed: 0, cancelled: 0, meanDoneMs: null };
  let doneMsSum = 0;
  let doneMsCount = 0;
  const running = new Map<number, RenderJobState>();

  const add = (status: Status, durationMs: number | null, sign: 1 | -1) => {
    counts[status] += sign;
    if (status === 'done' && durationMs !== null) {
      doneMsSum += sign * durationMs;
      doneMsCount += sign;
    }
  };

  const seed = () => {
    const map = new Map<number, { status: Status; durationMs: number | null }>();
    for (const entry of readEntries()) {
      map.set(entry.id, { status: entry.status, durationMs: entry.durationMs });
      counts.total += 1;
      add(entry.status, entry.durationMs, 1);
    }
    return map;
  };

  return {
    record(state) {
      known ??= seed();
      const { id, status, durationMs } = state.entry;
      const before = known.get(id);
      if (before) add(before.status, before.durationMs, -1);
      else counts.total += 1;
      add(status, durationMs, 1);
      known.set(id, { status, durationMs });
      if (status === 'running') running.set(id, state);
      else running.delete(id);
      counts.meanDoneMs = doneMsCount > 0 ? doneMsSum / doneMsCount : null;
      return { ...counts };
    },
    running: () => [...running.values()],
  };
}
