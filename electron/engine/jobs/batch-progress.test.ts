import { describe, expect, it } from 'vitest';
import type { RenderEntry } from '../library/library-types.js';
import { estimateBatchProgress, estimateBatchProgressFromCounts, measureEndedPerSec } from './batch-progress.js';
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

describe('the time left of a farm batch, from its measured pace', () => {
  it('measures items ended a second over the latest ends up to now, and knows nothing before two ended', () => {
    expect(measureEndedPerSec([], NOW)).toBeNull();
    expect(measureEndedPerSec([NOW - 5_000], NOW)).toBeNull();
    // Ends 10 s apart, the last just now: 0.1 a second.
    expect(measureEndedPerSec([NOW - 30_000, NOW - 20_000, NOW - 10_000, NOW], NOW)).toBeCloseTo(0.1, 6);
    // Nothing ended for a while since: the pace drops as time passes.
    expect(measureEndedPerSec([NOW - 60_000, NOW - 50_000, NOW - 40_000, NOW - 30_000], NOW)).toBeCloseTo(0.05, 6);
  });

  it('takes the work left at that pace, not shared among a 256-job window', () => {
    // Three workers each ending a reel every 10 s (0.3 a second) behind a window of 256: 256 waiting on the farm,
    // 744 still in the library, the 256 a tenth done on average.
    const counts = { total: 1_030, queued: 744, running: 256, done: 30, failed: 0, cancelled: 0, meanDoneMs: 10_000 };
    const running = Array.from({ length: 256 }, () => job('running', { progress: 0.1, startedAt: secondsAgo(1) }));
    const measured = estimateBatchProgressFromCounts(counts, running, 256, NOW, 0.3);
    expect(measured.etaMs).toBe(Math.round(((1_000 - 25.6) / 0.3) * 1000));
    // What the window-based estimate says for the same batch: about 40 s, where the farm needs almost an hour.
    expect(estimateBatchProgressFromCounts(counts, running, 256, NOW).etaMs).toBeLessThan(60_000);
    // Before the pace is known, no guess; once nothing is left, none is needed.
    expect(estimateBatchProgressFromCounts(counts, running, 256, NOW, null).etaMs).toBeNull();
    expect(estimateBatchProgressFromCounts({ ...counts, queued: 0, running: 0, done: 1_030 }, [], 256, NOW, null).etaMs).toBe(0);
  });
});
