import { describe, expect, it } from 'vitest';
import type { RenderJobView } from '../../../../electron/contract/types';
import { summarizeBatch } from './batch-summary';

const item = (id: number, status: RenderJobView['status'], progress = status === 'done' ? 1 : 0): RenderJobView => ({
  id, projectId: null, title: `Item ${id}`, preset: 'reel', status, progress, phase: null, etaMs: null, outputPath: `/v/${id}.mp4`, error: null,
  createdAt: '', startedAt: null, finishedAt: null, durationMs: null, batchId: 1, batchPosition: id, presetName: null, onFarm: false,
});

describe('summarizeBatch', () => {
  it('counts ended items whole and running ones by their progress', () => {
    const summary = summarizeBatch([item(0, 'done'), item(1, 'running', 0.5), item(2, 'queued'), item(3, 'failed')]);
    expect(summary.ratio).toBeCloseTo((1 + 0.5 + 1) / 4, 10);
    expect(summary.status).toBe('running');
    expect(summary.counts).toEqual({ total: 4, queued: 1, running: 1, done: 1, failed: 1, cancelled: 0 });
    expect(summary.text).toBe('1 of 4 done · 1 rendering · 1 failed');
  });

  it('ends as done, failed or cancelled by what its items became', () => {
    expect(summarizeBatch([item(0, 'done'), item(1, 'done')])).toMatchObject({ status: 'done', ratio: 1, text: '2 of 2 done' });
    expect(summarizeBatch([item(0, 'done'), item(1, 'failed'), item(2, 'cancelled')])).toMatchObject({ status: 'failed', text: '1 of 3 done · 1 failed · 1 cancelled' });
    expect(summarizeBatch([item(0, 'done'), item(1, 'cancelled')])).toMatchObject({ status: 'cancelled', ratio: 1 });
  });

  it('uses the batch view\'s ratio until its items are known, and never passes 1', () => {
    expect(summarizeBatch([], 0.4).ratio).toBe(0.4);
    expect(summarizeBatch([item(0, 'running', 1), item(1, 'done')]).ratio).toBe(1);
  });
});
