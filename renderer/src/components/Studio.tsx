import { useState } from 'react';
import type { StudioApi } from '../../../electron/contract/studio-api';
import type { ImportResponse, StudioError, StudioResult } from '../../../electron/contract/types';
import { useLibrary, useProgress } from '../use-library';
import { DropZone } from './DropZone';
import { ImportReport } from './ImportReport';
import { LibraryList } from './LibraryList';

/** The studio as far as it goes today: import into the library and see what it holds. */
export function Studio({ studio }: { studio: StudioApi }) {
  const library = useLibrary(studio);
  const progress = useProgress(studio);
  const [report, setReport] = useState<ImportResponse | null>(null);
  const [error, setError] = useState<StudioError | null>(null);

  const runImport = async (request: Promise<StudioResult<ImportResponse>>) => {
    setError(null);
    const result = await request;
    if (result.ok) setReport(result.value.results.length > 0 ? result.value : null);
    else setError(result.error);
  };

  const setConsent = async (faceId: number, consent: boolean) => {
    const result = await studio.library.setConsent({ faceId, consent });
    setError(result.ok ? null : result.error);
  };

  const listing = library.status === 'ready' ? library.listing : null;
  const isEmpty = !listing || listing.faces.length + listing.voices.length + listing.scripts.length === 0;

  return (
    <>
      <DropZone
        compact={!isEmpty}
        busy={progress !== null && progress.ratio < 1}
        getPathForFile={studio.getPathForFile}
        onPaths={(paths) => void runImport(studio.library.import({ paths }))}
        onChoose={() => void runImport(studio.library.importFromDialog())}
      />
      {progress && (
        <div className="progress" role="status">
          <span>{progress.label}</span>
          <progress value={progress.ratio} max={1} />
        </div>
      )}
      {error && (
        <p className="panel error" role="alert">
          {error.message}
        </p>
      )}
      {report && <ImportReport report={report} onDismiss={() => setReport(null)} />}
      {library.status === 'error' && (
        <p className="panel error" role="alert">
          The library could not be opened: {library.error.message}
        </p>
      )}
      {listing && !isEmpty && <LibraryList listing={listing} onConsent={(faceId, consent) => void setConsent(faceId, consent)} />}
    </>
  );
}
