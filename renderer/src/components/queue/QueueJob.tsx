import { useState } from 'react';
import type { ExportPreset } from '../../../../electron/contract/project-document';
import type { RenderJobView } from '../../../../electron/contract/types';
import { baseName, splitNameForEllipsis } from '../../library-format';
import { PRESET_LABELS } from '../inspector/ExportSection';
import type { RenderJobs } from './use-render-jobs';
import { VideoPlayerModal } from './VideoPlayerModal';

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

/** "took 12 s", "took 3 min 5 s"; empty when unknown. */
export function formatRenderTime(durationMs: number | null): string {
  if (durationMs === null || !Number.isFinite(durationMs) || durationMs < 0) return '';
  const seconds = Math.max(1, Math.round(durationMs / 1000));
  return seconds < 60 ? `took ${seconds} s` : `took ${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** A small frame in the preset's shape, so a reel and a landscape video are told apart at a glance. */
function PresetShape({ preset }: { preset: ExportPreset }) {
  return <span className={`preset-shape preset-${preset}`} aria-hidden="true" />;
}

interface QueueJobProps {
  job: RenderJobView;
  queue: RenderJobs;
  /** The host can open files with other programs (the app); in a browser the page offers a download instead. */
  canOpenFiles: boolean;
}

/** One render: what, in which format, how far, and what can be done with it. */
export function QueueJob({ job, queue, canOpenFiles }: QueueJobProps) {
  const [watching, setWatching] = useState(false);
  const active = job.status === 'queued' || job.status === 'running';
  const percent = Math.round(job.progress * 100);
  const fileName = baseName(job.outputPath);
  const file = splitNameForEllipsis(fileName, 16);
  const phase = job.status === 'running' && job.phase ? `${job.phase.charAt(0).toUpperCase()}${job.phase.slice(1)}` : '';
  const eta = job.status === 'running' ? formatEta(job.etaMs) : '';
  return (
    <li className={`queue-job status-${job.status}`} data-testid="queue-job">
      <div className="queue-job-head">
        <PresetShape preset={job.preset} />
        <div className="queue-job-titles">
          <strong title={job.title}>{job.title}</strong>
          <span className="queue-job-meta">
            {job.presetName ?? PRESET_LABELS[job.preset]}
            {job.onFarm ? ' · on the farm' : ''}
          </span>
        </div>
        <span className="queue-job-status" data-testid="queue-job-status" data-status={job.status}>
          {STATUS_LABELS[job.status]}
        </span>
      </div>
      {active && (
        <div className="queue-progress">
          <progress max={1} value={job.status === 'queued' ? 0 : job.progress} aria-label={`${job.title}: ${percent}%`} />
          <span className="queue-progress-text">
            <span>{job.status === 'queued' ? 'Waiting for the render before it' : phase}</span>
            <span className="queue-progress-figures">{job.status === 'queued' ? '' : `${percent}%${eta ? ` · ${eta}` : ''}`}</span>
          </span>
        </div>
      )}
      {job.status === 'done' && (
        <span className="queue-job-file" title={job.outputPath}>
          <span className="entry-name-head">{file.head}</span>
          {file.tail && <span className="entry-name-tail">{file.tail}</span>}
        </span>
      )}
      {watching && job.outputUrl && <VideoPlayerModal url={job.outputUrl} title={job.title} onClose={() => setWatching(false)} />}
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
              <button type="button" className="button small primary" data-testid="watch" onClick={() => setWatching(true)}>
                Watch
              </button>
            )}
            {job.outputUrl && !canOpenFiles && (
              <a className="button small" href={job.outputUrl} download={fileName}>
                Download
              </a>
            )}
            {canOpenFiles && (
              <>
                <button type="button" className={`button small${job.outputUrl ? '' : ' primary'}`} onClick={() => queue.open(job.id)}>
                  Open
                </button>
                <button type="button" className="button small" onClick={() => queue.reveal(job.id)}>
                  Show in folder
                </button>
              </>
            )}
            {formatRenderTime(job.durationMs) && <span className="queue-job-took">{formatRenderTime(job.durationMs)}</span>}
          </>
        )}
      </div>
    </li>
  );
}
