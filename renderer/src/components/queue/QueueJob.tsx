import { useState } from 'react';
import type { RenderJobView } from '../../../../electron/contract/types';
import { baseName } from '../../library-format';
import { PRESET_LABELS } from '../inspector/ExportSection';
import type { RenderJobs } from './use-render-jobs';

const STATUS_LABELS: Record<RenderJobView['status'], string> = {
  queued: 'Queued',
  running: 'Rendering',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function formatEta(etaMs: number | null): string {
  if (etaMs === null || !Number.isFinite(etaMs)) return '';
  const seconds = Math.max(1, Math.round(etaMs / 1000));
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `about ${minutes} min left` : `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

/** One render: what, how far, and what can be done with it. */
export function QueueJob({ job, queue }: { job: RenderJobView; queue: RenderJobs }) {
  const [watching, setWatching] = useState(false);
  const active = job.status === 'queued' || job.status === 'running';
  const percent = Math.round(job.progress * 100);
  return (
    <li className={`queue-job status-${job.status}`} data-testid="queue-job">
      <div className="queue-job-head">
        <strong title={job.title}>{job.title}</strong>
        <span className="queue-job-status" data-testid="queue-job-status" data-status={job.status}>
          {STATUS_LABELS[job.status]}
        </span>
      </div>
      <div className="queue-job-meta">
        {PRESET_LABELS[job.preset].split(' · ')[0]}
        {job.status === 'running' && job.phase ? ` · ${job.phase.charAt(0).toUpperCase()}${job.phase.slice(1)}` : ''}
        {job.status === 'done' ? ` · ${baseName(job.outputPath)}` : ''}
      </div>
      {active && (
        <div className="queue-progress">
          <progress max={1} value={job.status === 'queued' ? 0 : job.progress} aria-label={`${job.title}: ${percent}%`} />
          <span>
            {job.status === 'queued' ? 'Waiting' : `${percent}%`}
            {job.status === 'running' && formatEta(job.etaMs) ? ` · ${formatEta(job.etaMs)}` : ''}
          </span>
        </div>
      )}
      {watching && job.outputUrl && <video className="queue-video" src={job.outputUrl} controls autoPlay aria-label={`${job.title}, rendered`} />}
      {job.status === 'failed' && job.error && <p className="queue-job-error">{job.error}</p>}
      <div className="queue-job-actions">
        {active && (
          <button type="button" className="button small" onClick={() => queue.cancel(job.id)}>
            Cancel
          </button>
        )}
        {(job.status === 'failed' || job.status === 'cancelled') && (
          <button type="button" className="button small" onClick={() => queue.retry(job.id)}>
            Retry
          </button>
        )}
        {job.status === 'done' && (
          <>
            {job.outputUrl && (
              <button type="button" className="button small primary" aria-expanded={watching} onClick={() => setWatching(!watching)}>
                {watching ? 'Hide' : 'Watch'}
              </button>
            )}
            <button type="button" className={`button small${job.outputUrl ? '' : ' primary'}`} onClick={() => queue.open(job.id)}>
              Open
            </button>
            <button type="button" className="button small" onClick={() => queue.reveal(job.id)}>
              Show in folder
            </button>
          </>
        )}
      </div>
    </li>
  );
}
