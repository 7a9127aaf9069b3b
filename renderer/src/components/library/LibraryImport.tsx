import { useEffect } from 'react';
import { useImport } from '../../library/import-context';
import { useLibraryData } from '../../library/library-context';
import { baseName, summarizeImport } from '../../library-format';
import { ErrorMessage } from '../common/ErrorMessage';
import { useFileDrop } from '../common/use-file-drop';

const CLEAN_REPORT_VISIBLE_MS = 5000;

/** The engine's messages start with the file ("/path/a.png: …"); the report names it already. */
function withoutFileName(message: string, filePath: string): string {
  for (const prefix of [`${filePath}: `, `${baseName(filePath)}: `]) if (message.startsWith(prefix)) return message.slice(prefix.length);
  return message;
}

/** Drop target and picker for new library entries, with the analysis progress and what the last import did. */
export function LibraryImport() {
  const { importFiles, chooseFiles, busy, report, error, dismiss } = useImport();
  const { progress } = useLibraryData();
  const { dragging, handlers } = useFileDrop(importFiles);
  const remarks = report?.results.flatMap((result) => (result.ok ? (result.notice ? [{ path: result.path, text: result.notice }] : []) : [{ path: result.path, text: result.error.message }])) ?? [];

  // A clean import only needs a glance; a report with problems stays until dismissed.
  useEffect(() => {
    if (!report || remarks.length > 0) return;
    const timer = setTimeout(dismiss, CLEAN_REPORT_VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [report, remarks.length, dismiss]);

  return (
    <div className="library-import">
      <div className={`drop-zone${dragging ? ' dragging' : ''}`} data-testid="drop-zone" {...handlers}>
        <span>Drop photos, videos, recordings or scripts</span>
        <button type="button" className="button small" onClick={chooseFiles} disabled={busy}>
          Browse…
        </button>
      </div>
      {progress && progress.ratio < 1 ? (
        <div className="import-progress" role="status">
          <span>
            {progress.label} · {progress.phase}
          </span>
          <progress max={1} value={progress.ratio} />
        </div>
      ) : (
        busy && (
          <div className="import-progress" role="status">
            <span>Importing…</span>
            <progress />
          </div>
        )
      )}
      {error && (
        <ErrorMessage title="Import failed" actions={<button type="button" className="button small" onClick={dismiss}>Dismiss</button>}>
          {error.message}
        </ErrorMessage>
      )}
      {report && !error && (
        <div className={`import-report${remarks.length > 0 ? ' has-remarks' : ''}`} role="status">
          <p>
            {summarizeImport(report.results)}
            <button type="button" className="link" onClick={dismiss}>
              Dismiss
            </button>
          </p>
          {remarks.length > 0 && (
            <ul>
              {remarks.map((item) => (
                <li key={item.path} data-testid="error-message">
                  <strong>{baseName(item.path)}</strong>: {withoutFileName(item.text, item.path)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
