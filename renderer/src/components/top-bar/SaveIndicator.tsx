import { useEditor } from '../../store/editor-store';

/**
 * Saving is continuous (a moment after each edit); this says whether the library has the latest version, and offers
 * a retry when it failed.
 */
export function SaveIndicator({ onRetry }: { onRetry(): void }) {
  const status = useEditor((state) => state.saveStatus);
  const error = useEditor((state) => state.saveError);
  const projectId = useEditor((state) => state.projectId);
  if (status === 'error') {
    return (
      <span className="save-state error" role="alert" data-testid="error-message" title={error ?? undefined}>
        Not saved: {error}{' '}
        <button type="button" className="link" onClick={onRetry}>
          Try again
        </button>
      </span>
    );
  }
  // "pending" is the short pause before the autosave writes; to the user it is already on its way.
  const [text, tone, title] =
    status === 'saving' || status === 'pending'
      ? ['Saving…', 'saving', 'Your changes are being saved to the library']
      : projectId === null
        ? ['Not saved yet', 'idle', 'The project is saved as soon as it holds a face or a clip']
        : ['Saved', 'saved', 'All changes are in the library'];
  return (
    <span className={`save-state ${tone}`} role="status" aria-live="polite" title={title}>
      <span className="save-dot" aria-hidden="true" />
      {text}
    </span>
  );
}
