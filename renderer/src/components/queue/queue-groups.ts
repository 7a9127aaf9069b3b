import type { RenderJobView } from '../../../../electron/contract/types';

export type QueueGroup = { kind: 'single'; job: RenderJobView } | { kind: 'batch'; batchId: number; jobs: RenderJobView[] };

/**
 * The queue as the drawer shows it: single exports and batches, newest first (a batch sits where its newest item
 * would), a batch's items in their batch order.
 */
export function groupQueue(jobs: readonly RenderJobView[]): QueueGroup[] {
  const groups: QueueGroup[] = [];
  const batches = new Map<number, RenderJobView[]>();
  for (const job of jobs) {
    if (job.batchId === null) {
      groups.push({ kind: 'single', job });
      continue;
    }
    let items = batches.get(job.batchId);
    if (!items) {
      items = [];
      batches.set(job.batchId, items);
      groups.push({ kind: 'batch', batchId: job.batchId, jobs: items });
    }
    items.push(job);
  }
  for (const items of batches.values()) items.sort((a, b) => (a.batchPosition ?? 0) - (b.batchPosition ?? 0));
  return groups;
}
