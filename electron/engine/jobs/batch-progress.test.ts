import { describe, expect, it } from 'vitest';
import type { RenderEntry } from '../library/library-types.js';
import { estimateBatchProgress } from './batch-progress.js';
import type { RenderJobState } from './render-queue.js';

const NOW = Date.parse('2024-05-01T12:00:00.000Z');
const secondsAgo = (s: number) => new Date(NOW - s * 1000).toISOString();

let id = 0;
function job(status: RenderEntry['status'], fields: Partial<RenderEntry> = {}, etaMs: number | null = null): RenderJobState {
  const entry = { id: ++id, status, progress: status === 'done' ? 1 : 0, startedAt: null, durationMs: null, ...fields } as RenderEntry;
  return { entry, etaMs };
}

describe('estimateBatchProgress', () => {
  it('counts every status and takes ended items and running progress as the share done', () => {
    const progress = estimateBatchProgress(
      [job('done', { durationMs: 10_000 }), job('failed'), job('cancelled'), job('running', { progress: 0.5, startedAt: secondsAgo(5) }), job('queued')],
      1,
      NOW,
    );
    expect(progress).toMatchObject({ total: 5, done: 1, failed: 1, cancelled: 1, running: 1, queued: 1 });
    expect(progress.ratio).toBeCloseTo(3.5 / 5, 6);
  });

  it('projects queued items at the mean time of the finished ones, shared among the renders at once', () => {
    const items = [job('done', { durationMs: 8_000 }), job('done', { durationMs: 12_000 }), job('queued'), job('queued'), job('queued'), job('queued')];
    expect(estimateBatchProgress(items, 1, NOW).etaMs).toBe(40_000);
    expect(estimateBatchProgress(items, 2, NOW).etaMs).toBe(20_000);
    // More slots than items left: the work is spread over the items, not over idle slots.
    expect(estimateBatchProgress(items.slice(0, 3), 4, NOW).etaMs).toBe(10_000);
  });

  it("uses a running item's own ETA, or its share left of the typical time", () => {
    const finished = job('done', { durationMs: 10_000 });
    expect(estimateBatchProgress([finished, job('running', { progress: 0.3, startedAt: secondsAgo(3) }, 2_500)], 1, NOW).etaMs).toBe(2_500);
    expect(estimateBatchProgress([finished, job('running', { progress: 0.3, startedAt: secondsAgo(3) })], 1, NOW).etaMs).toBe(7_000);
  });

  it('before anything finished, projects from how fast the running items go', () => {
    // 4 s for 40 % → 10 s per item: 6 s left of it, 10 s for the queued one.
    const items = [job('running', { progress: 0.4, startedAt: secondsAgo(4) }), job('queued')];
    expect(estimateBatchProgress(items, 1, NOW).etaMs).toBe(16_000);
  });

  it('gives no ETA while nothing is known, and 0 when nothing is left to run', () => {
    expect(estimateBatchProgress([job('queued'), job('queued')], 2, NOW).etaMs).toBeNull();
    expect(estimateBatchProgress([job('running', { progress: 0.01, startedAt: secondsAgo(1) })], 1, NOW).etaMs).toBeNull();
    expect(estimateBatchProgress([job('done', { durationMs: 1 }), job('failed')], 1, NOW)).toMatchObject({ etaMs: 0, ratio: 1 });
    expect(estimateBatchProgress([], 1, NOW)).toMatchObject({ total: 0, ratio: 1, etaMs: 0 });
  });
});
