import type { BatchPlanView } from '../../../../electron/contract/types';

/** The files the batch will write, as they will be named, the ones already in the folder marked. */
export function NamePreview({ plan }: { plan: BatchPlanView | null }) {
  const existing = plan?.items.filter((item) => item.exists).length ?? 0;
  return (
    <section className="batch-preview" aria-labelledby="batch-preview-title">
      <h3 id="batch-preview-title">
        {plan ? `${plan.items.length} ${plan.items.length === 1 ? 'video' : 'videos'}` : 'Videos'}
        {existing > 0 && <span className="badge warn">{existing} already exist</span>}
      </h3>
      {plan && (
        // The paragraph is right-to-left so a long path loses its start, not its end; the path itself stays left-to-right.
        <p className="batch-preview-folder" title={plan.outDir} data-testid="batch-preview-folder">
          <bdi dir="ltr">{plan.outDir}</bdi>
        </p>
      )}
      {!plan || plan.items.length === 0 ? (
        <p className="quiet-empty">The names of the videos appear here as you pick faces and scripts.</p>
      ) : (
        <ol className="batch-names" data-testid="batch-names">
          {plan.items.map((item) => (
            <li key={`${item.faceId}-${item.subject}-${item.scriptId}`} className={item.exists ? 'exists' : ''} data-testid="batch-name-item" data-exists={item.exists}>
              <span className="batch-file">{item.fileName}</span>
              <span className="batch-file-source">
                {item.scriptName} · {item.faceName}
                {item.exists ? ' · exists' : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
