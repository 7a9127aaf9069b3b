import { ErrorMessage } from '../common/ErrorMessage';
import { QueueJob } from './QueueJob';
import type { RenderJobs } from './use-render-jobs';

/** Every export, newest first, with progress, ETA, cancel, retry and open. */
export function RenderQueue({ queue }: { queue: RenderJobs }) {
  const running = queue.jobs.filter((job) => job.status === 'running' || job.status === 'queued').length;
  return (
    <section className="render-queue" data-testid="queue" aria-labelledby="queue-title">
      <div className="panel-header">
        <span className="panel-title" id="queue-title">
          Render queue
        </span>
        {running > 0 && <span className="badge">{running} active</span>}
      </div>
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
      {queue.jobs.length === 0 ? (
        <p className="quiet-empty">Videos you export appear here, with their progress. They keep rendering while you edit.</p>
      ) : (
        <ul className="queue-list">
          {queue.jobs.map((job) => (
            <QueueJob key={job.id} job={job} queue={queue} />
          ))}
        </ul>
      )}
    </section>
  );
}
