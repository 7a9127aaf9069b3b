import { useCallback, useRef, useState } from 'react';
import type { StudioError, VideoVerdictView } from '../../../../electron/contract/types';
import { useStudioContext } from '../../store/editor-store';
import { useFileDrop } from '../common/use-file-drop';
import { VERIFY_ACCEPT, verdictDetails, verdictTitle } from './video-verdict';

type VerifyState = { kind: 'idle' } | { kind: 'checking'; name: string } | { kind: 'done'; view: VideoVerdictView } | { kind: 'failed'; name: string; error: StudioError };

/**
 * "Check a video…": the same verdict as `mouthpiece verify` for a video the user picks or drops on the button (a
 * video dropped elsewhere becomes footage for a face). The answer shows in a panel under the top bar.
 */
export function VerifyVideo() {
  const { studio } = useStudioContext();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<VerifyState>({ kind: 'idle' });

  const check = useCallback(
    (files: readonly File[]) => {
      const file = files[0];
      if (!file) return;
      setState({ kind: 'checking', name: file.name });
      void studio.verifyFile(file).then((result) => setState(result.ok ? { kind: 'done', view: result.value } : { kind: 'failed', name: file.name, error: result.error }));
    },
    [studio],
  );
  const { dragging, handlers } = useFileDrop(check);
  const close = () => setState({ kind: 'idle' });

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
    <section className={`verdict-panel verdict-${tone}`} role="status" aria-live="polite" data-testid="verdict-panel" data-summary={state.kind === 'done' ? state.view.summary : state.kind}>
      {state.kind === 'checking' && <strong>Checking {state.name}…</strong>}
      {state.kind === 'failed' && (
        <>
          <strong>{state.name} could not be checked</strong>
          <p>{state.error.message}</p>
        </>
      )}
      {state.kind === 'done' && (
        <>
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
