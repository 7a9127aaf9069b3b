import { useEffect, useRef, useState } from 'react';
import { canOpenFilesWith } from '../../hooks/host-capabilities';
import { useStudioApi } from '../../store/editor-store';
import { ErrorMessage } from '../common/ErrorMessage';
import { BatchGroup } from './BatchGroup';
import { FarmSetting } from './FarmSetting';
import { groupQueue } from './queue-groups';
import { QueueJob } from './QueueJob';
import type { RenderJobs } from './use-render-jobs';

/** How many renders run at once: 1 up to the most the app allows, the machine's default marked. */
function ParallelRenders({ queue }: { queue: RenderJobs }) {
  const { settings } = queue;
  if (!settings) return null;
  return (
    <label className="queue-parallel" title={`How many videos render at the same time; ${settings.defaultConcurrency} fits this computer. More finishes a batch sooner on a machine with cores to spare.`}>
      <span>Parallel renders</span>
      <select data-testid="parallel-renders" value={settings.concurrency} onChange={(event) => queue.setConcurrency(Number(event.target.value))}>
        {Array.from({ length: settings.maxConcurrency }, (_, index) => index + 1).map((count) => (
          <option key={count} value={count}>
            {count}
            {count === settings.defaultConcurrency ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Every export, newest first, with progress, ETA, cancel, retry and open; a batch's items grouped under the batch's
 * own progress. A drawer at the foot of the right column:
 * folded it is one line with a count of running renders; it unfolds by itself when a render starts.
 */
export function RenderQueue({ queue }: { queue: RenderJobs }) {
  const studio = useStudioApi();
  const canOpenFiles = canOpenFilesWith(studio);
  const active = queue.jobs.filter((job) => job.status === 'running' || job.status === 'queued').length;
  const [expanded, setExpanded] = useState(queue.jobs.length > 0);

  // A new job (or the list arriving after a reload) opens the drawer; folding it afterwards is the user's choice.
  const seen = useRef(queue.jobs.length);
  useEffect(() => {
    if (queue.jobs.length > seen.current) setExpanded(true);
    seen.current = queue.jobs.length;
  }, [queue.jobs.length]);
  useEffect(() => {
    if (queue.error) setExpanded(true);
  }, [queue.error]);

  return (
    <section className={`render-queue${expanded ? ' expanded' : ''}`} data-testid="queue" aria-labelledby="queue-title">
      <button type="button" className="panel-header queue-toggle" aria-expanded={expanded} aria-controls="queue-body" onClick={() => setExpanded(!expanded)}>
        <span className="chevron" aria-hidden="true" />
        <span className="panel-title" id="queue-title">
          Render queue
        </span>
        {active > 0 ? (
          <span className="badge accent" title={`${active} ${active === 1 ? 'render' : 'renders'} running or waiting`}>
            {active} rendering
          </span>
        ) : (
          queue.jobs.length > 0 && <span className="badge muted">{queue.jobs.length}</span>
        )}
      </button>
      <div className="queue-body" id="queue-body" hidden={!expanded}>
        {queue.error && (
          <ErrorMessage
            title="The render queue could not do that"
            actions={
              <button type="button" className="button small" onClick={queue.dismissError}>
                Dismiss
              </button>
            }
          >
            {queue.error.message}
          </ErrorMessage>
        )}
        <div className="queue-toolbar">
          <ParallelRenders queue={queue} />
          <FarmSetting queue={queue} />
          {active > 0 && (
            <button type="button" className="button small danger" data-testid="cancel-all" onClick={queue.cancelAll}>
              Cancel all
            </button>
          )}
        </div>
        {queue.jobs.length === 0 ? (
          <p className="quiet-empty">Videos you export appear here, with their progress. They keep rendering while you edit.</p>
        ) : (
          <ul className="queue-list">
            {groupQueue(queue.jobs).map((group) =>
              group.kind === 'single' ? (
                <QueueJob key={group.job.id} job={group.job} queue={queue} canOpenFiles={canOpenFiles} />
              ) : (
                <BatchGroup key={`batch-${group.batchId}`} batch={queue.batches.find((batch) => batch.id === group.batchId)} jobs={group.jobs} queue={queue} canOpenFiles={canOpenFiles} />
              ),
            )}
          </ul>
        )}
      </div>
    </section>
  );
}
