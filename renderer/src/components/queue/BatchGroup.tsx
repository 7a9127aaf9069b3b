import type { BatchView, RenderJobView } from '../../../../electron/contract/types';
import { summarizeBatch } from './batch-summary';
import { formatEta, QueueJob } from './QueueJob';
import type { RenderJobs } from './use-render-jobs';

interface BatchGroupProps {
  batch: BatchView | undefined;
  jobs: RenderJobView[];
  queue: RenderJobs;
  canOpenFiles: boolean;
}

/** A batch: its progress over all items, counts and time left, cancel and retry for the whole batch, then its items. */
export function BatchGroup({ batch, jobs, queue, canOpenFiles }: BatchGroupProps) {
  const { counts, ratio, status, text } = summarizeBatch(jobs, batch?.ratio);
  const active = status === 'running';
  const eta = active && batch ? formatEta(batch.etaMs) : '';
  const name = batch?.name ?? `Batch ${jobs[0]?.batchId ?? ''}`;

  return (
    <li className={`queue-batch status-${status}`} data-testid="queue-batch" data-batch-id={jobs[0]?.batchId} data-status={status}>
      <div className="queue-batch-head">
        <div className="queue-job-titles">
          <strong title={name}>{name}</strong>
          <span className="queue-job-meta" title={batch?.outDir}>
            Batch · {counts.total} {counts.total === 1 ? 'video' : 'videos'}
            {batch ? ` · ${batch.outDir}` : ''}
          </span>
        </div>
        <div className="queue-job-actions">
          {active && (
            <button type="button" className="button small" data-testid="cancel-batch" onClick={() => batch && queue.cancelBatch(batch.id)} disabled={!batch}>
              Cancel batch
            </button>
          )}
          {!active && counts.failed + counts.cancelled > 0 && (
            <button type="button" className="button small" data-testid="retry-batch" onClick={() => batch && queue.retryBatch(batch.id)} disabled={!batch}>
              Retry {counts.failed + counts.cancelled} {counts.failed === 0 ? 'cancelled' : counts.cancelled === 0 ? 'failed' : 'unfinished'}
            </button>
          )}
        </div>
      </div>
      <div className="queue-progress">
        <progress max={1} value={ratio} aria-label={`${name}: ${Math.round(ratio * 100)}%`} data-testid="batch-progress" />
        <span className="queue-progress-text">
          <span data-testid="batch-counts">{text}</span>
          <span className="queue-progress-figures">{`${Math.round(ratio * 100)}%${eta ? ` · ${eta}` : ''}`}</span>
        </span>
      </div>
      <ul className="queue-list queue-batch-items">
        {jobs.map((job) => (
          <QueueJob key={job.id} job={job} queue={queue} canOpenFiles={canOpenFiles} />
        ))}
      </ul>
    </li>
  );
}
