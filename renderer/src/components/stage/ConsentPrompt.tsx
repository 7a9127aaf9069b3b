import { useState } from 'react';
import type { FaceSummary } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/**
 * Asked on the stage, where the frozen face would otherwise leave the user guessing: the preview (and the export) animate
 * a real person only once the user confirms the right to use the likeness. One click gives it.
 */
export function ConsentPrompt({ face, urgent }: { face: FaceSummary; urgent: boolean }) {
  const studio = useStudioApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    const result = await studio.library.setConsent({ faceId: face.id, consent: true });
    setBusy(false);
    if (!result.ok) setError(result.error.message);
  };
  return (
    <div className={`consent-prompt${urgent ? ' urgent' : ''}`} role="alertdialog" aria-labelledby="consent-prompt-title" data-testid="consent-prompt">
      <strong id="consent-prompt-title">The face stays still until you confirm consent</strong>
      <p>Mouthpiece animates a real person only with their agreement. Confirm that you have the right to use the likeness in “{face.name}”.</p>
      {error && <p className="consent-prompt-error">{error}</p>}
      <button type="button" className="button primary" data-testid="consent-prompt-confirm" onClick={() => void confirm()} disabled={busy} autoFocus={urgent}>
        {busy ? 'Saving…' : 'I have the right to use this likeness'}
      </button>
    </div>
  );
}
