import { describe, expect, it } from 'vitest';
import type { RenderJobView } from '../../../../electron/contract/types';
import { formatEta } from './QueueJob';
import { upsertJob } from './use-render-jobs';

const job = (id: number, status: RenderJobView['status'], progress = 0): RenderJobView => ({
  id, projectId: 1, title: `Job ${id}`, preset: 'reel', status, progress, phase: null, etaMs: null, outputPath: `/v/${id}.mp4`, error: null, createdAt: '', startedAt: null, finishedAt: null, durationMs: null, batchId: null, batchPosition: null, presetName: null, onFarm: false,
});

describe('render queue', () => {
  it('updates a known job in place and puts a new one first', () => {
    const jobs = [job(2, 'running', 0.1), job(1, 'done', 1)];
    expect(upsertJob(jobs, job(2, 'running', 0.6)).map((item) => [item.id, item.progress])).toEqual([[2, 0.6], [1, 1]]);
    expect(upsertJob(jobs, job(3, 'queued')).map((item) => item.id)).toEqual([3, 2, 1]);
  });

  it('words the time left', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(400)).toBe('about 1 s left');
    expect(formatEta(42_000)).toBe('about 42 s left');
    expect(formatEta(150_000)).toBe('about 3 min left');
    expect(formatEta(3_900_000)).toBe('about 1 h 5 min left');
  });
});
