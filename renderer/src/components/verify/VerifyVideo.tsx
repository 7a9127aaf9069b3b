import { useCallback, useRef } from 'react';
import { useFileDrop } from '../common/use-file-drop';
import { useVerify, type VerifyState } from './verify-context';
import { importNotice, VERIFY_ACCEPT, verdictDetails, verdictTitle } from './video-verdict';

/**
 * "Check a video…": the same verdict as `mouthpiece verify` for a video the user picks or drops on the button. A video
 * dropped elsewhere becomes footage for a face and is checked as it is imported (see verify-context). The answer shows
 * in a panel under the top bar.
 */
export function VerifyVideo() {
  const { state, check: checkFile, close } = useVerify();
  const input = useRef<HTMLInputElement>(null);
  const check = useCallback(
    (files: readonly File[]) => {
      if (files[0]) checkFile(files[0]);
    },
    [checkFile],
  );
  const { dragging, handlers } = useFileDrop(check);

  return (
    <>
      <button
        type="button"
        className={`button small verify-button${dragging ? ' dragging' : ''}`}
        data-testid="verify-video"
        title="Check whether a video was made with Mouthpiece: its signed credentials and invisible watermark. Pick a video or drop one here."
        disabled={state.kind === 'checking'}
        onClick={() => input.current?.click()}
        {...handlers}
      >
        Check a video…
      </button>
      <input
        ref={input}
        data-testid="verify-input"
        className="visually-hidden"
        type="file"
        accept={VERIFY_ACCEPT}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          check(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
      {state.kind !== 'idle' && <VerdictPanel state={state} onClose={close} />}
    </>
  );
}

function VerdictPanel({ state, onClose }: { state: Exclude<VerifyState, { kind: 'idle' }>; onClose(): void }) {
  const tone = state.kind === 'done' ? state.view.summary : state.kind === 'failed' ? 'tampered' : 'none';
  return (
    <section
      className={`verdict-panel verdict-${tone}`}
      role="status"
      aria-live="polite"
      data-testid="verdict-panel"
      data-summary={state.kind === 'done' ? state.view.summary : state.kind}
      data-imported={state.kind === 'done' && state.imported ? 'true' : undefined}
    >
      {state.kind === 'checking' && <strong>Checking {state.name}…</strong>}
      {state.kind === 'failed' && (
        <>
          <strong>{state.name} could not be checked</strong>
          <p>{state.error.message}</p>
        </>
      )}
      {state.kind === 'done' && (
        <>
          {state.imported && (
            <p className="verdict-import" data-testid="verdict-import">
              {importNotice(state.view)}
            </p>
          )}
          <strong data-testid="verdict-title">{verdictTitle(state.view)}</strong>
          <p className="verdict-line" data-testid="verdict-line">
            {state.view.name}: {state.view.verdict}
          </p>
          <ul className="verdict-details">
            {verdictDetails(state.view).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {state.kind !== 'checking' && (
        <div className="error-actions">
          <button type="button" className="button small" onClick={onClose}>
            Close
          </button>
        </div>
      )}
    </section>
  );
}
