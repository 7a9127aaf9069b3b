import type { BatchView, RenderJobView } from '../../../../electron/contract/types';

export type BatchStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface BatchSummary {
  counts: BatchView['counts'];
  /** Share of the batch behind it, 0..1: ended items whole, running ones by their own progress. */
  ratio: number;
  status: BatchStatus;
  /** "1 of 3 done · 1 rendering · 1 failed" */
  text: string;
}

/**
 * A batch as the queue drawer shows it, from its items' latest job states (which arrive with every progress event, so
 * the bar follows them between the slower batch refreshes). `fallbackRatio` is the batch view's when no item is known.
 */
export function summarizeBatch(jobs: readonly RenderJobView[], fallbackRatio = 0): BatchSummary {
  const count = (status: RenderJobView['status']) => jobs.filter((job) => job.status === status).length;
  const counts = { total: jobs.length, queued: count('queued'), running: count('running'), done: count('done'), failed: count('failed'), cancelled: count('cancelled') };
  const ended = counts.done + counts.failed + counts.cancelled;
  const runningProgress = jobs.filter((job) => job.status === 'running').reduce((sum, job) => sum + job.progress, 0);
  const ratio = jobs.length === 0 ? fallbackRatio : Math.min(1, (ended + runningProgress) / jobs.length);
  const status: BatchStatus =
    counts.queued + counts.running > 0 ? 'running' : counts.failed > 0 ? 'failed' : counts.done === counts.total ? 'done' : 'cancelled';
  const text = [
    `${counts.done} of ${counts.total} done`,
    counts.running > 0 ? `${counts.running} rendering` : '',
    counts.failed > 0 ? `${counts.failed} failed` : '',
    counts.cancelled > 0 ? `${counts.cancelled} cancelled` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return { counts, ratio, status, text };
}
