import { describe, expect, it } from 'vitest';
import type { RenderJobView } from '../../../../electron/contract/types';
import { groupQueue } from './queue-groups';

const job = (id: number, batchId: number | null, batchPosition: number | null = null): RenderJobView => ({
  id, projectId: null, title: `Job ${id}`, preset: 'reel', status: 'queued', progress: 0, phase: null, etaMs: null, outputPath: `/v/${id}.mp4`, error: null,
  createdAt: '', startedAt: null, finishedAt: null, durationMs: null, batchId, batchPosition, presetName: null, onFarm: false,
});

describe('groupQueue', () => {
  it('keeps singles and batches newest first, with each batch in its own order', () => {
    // render.list order: newest first
    const groups = groupQueue([job(9, 2, 1), job(8, 2, 0), job(7, null), job(6, 1, 1), job(5, 1, 0), job(4, null)]);
    expect(groups.map((group) => (group.kind === 'single' ? `single ${group.job.id}` : `batch ${group.batchId}: ${group.jobs.map((item) => item.id).join(',')}`))).toEqual([
      'batch 2: 8,9',
      'single 7',
      'batch 1: 5,6',
      'single 4',
    ]);
  });
});
