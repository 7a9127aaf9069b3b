import { useEditor } from '../../store/editor-store';

/** Saving is continuous; this says whether the library has the latest version, and offers a retry when it failed. */
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
  const text = status === 'saving' ? 'Saving…' : status === 'pending' ? 'Unsaved changes' : projectId === null ? 'Nothing to save yet' : 'All changes saved';
  return (
    <span className={`save-state ${status}`} role="status" aria-live="polite">
      {text}
    </span>
  );
}
