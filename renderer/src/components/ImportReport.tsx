import type { ImportResponse } from '../../../electron/contract/types';
import { baseName, summarizeImport } from '../library-format';

/** What the last import did, with the reason for every file that did not make it. */
export function ImportReport({ report, onDismiss }: { report: ImportResponse; onDismiss(): void }) {
  const remarks = report.results.flatMap((result) =>
    !result.ok ? [{ path: result.path, text: result.error.message, failed: true }] : result.notice ? [{ path: result.path, text: result.notice, failed: false }] : [],
  );
  return (
    <section className="panel import-report" role="status">
      <p>
        {summarizeImport(report.results)}{' '}
        <button type="button" className="link" onClick={onDismiss}>
          Dismiss
        </button>
      </p>
      {remarks.length > 0 && (
        <ul>
          {remarks.map((remark) => (
            <li key={remark.path} className={remark.failed ? 'failed' : undefined}>
              <strong>{baseName(remark.path)}</strong>: {remark.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
