import { useImport } from '../../library/import-context';
import { useSample } from '../../library/use-sample';
import { useFileDrop } from '../common/use-file-drop';

/** The first step, taught where it happens: drop a photo on the stage. */
export function EmptyStage({ hasFaces }: { hasFaces: boolean }) {
  const { importFiles, chooseFiles, busy } = useImport();
  const { dragging, handlers } = useFileDrop(importFiles);
  const sample = useSample();
  return (
    <div className={`empty-state stage-empty${dragging ? ' dragging' : ''}`} data-testid="empty-state" {...handlers}>
      <div className="empty-icon" aria-hidden="true" />
      <h2>Drop a photo here to start</h2>
      <p>
        A clear, front-facing photo works best. Every face in it is found and numbered, largest first; then drag a voice
        recording or a script onto the timeline below.
      </p>
      <div className="empty-actions">
        <button type="button" className="button primary" onClick={chooseFiles} disabled={busy}>
          {busy ? 'Importing…' : 'Choose a photo…'}
        </button>
        <button type="button" className="button" data-testid="try-sample-face" onClick={() => void sample.tryFace()} disabled={busy || sample.busy}>
          {sample.busy ? 'Adding the sample…' : 'Try the sample face'}
        </button>
        {hasFaces && <span className="hint">or pick a face from the library</span>}
      </div>
      <p className="hint">The sample is a NASA portrait of astronaut Eileen Collins, in the public domain: no consent needed.</p>
      {sample.error && (
        <p className="form-error" role="alert">
          {sample.error}
        </p>
      )}
    </div>
  );
}
