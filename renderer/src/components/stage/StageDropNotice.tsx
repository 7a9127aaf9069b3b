import type { FaceSummary } from '../../../../electron/contract/types';
import { ErrorMessage } from '../common/ErrorMessage';
import type { StageDropNotice as Notice } from './use-stage-drop';

/** After a drop on the stage: why it was refused, or the question whether the dropped picture replaces the current one. */
export function StageDropNotice({ notice, current, onReplace, onDismiss }: { notice: NonNullable<Notice>; current: FaceSummary | null; onReplace(face: FaceSummary): void; onDismiss(): void }) {
  if (notice.kind === 'refused') {
    return (
      <div data-testid="drop-refusal">
        <ErrorMessage title="That cannot go on the stage" actions={<button type="button" className="button small" onClick={onDismiss}>OK</button>}>
          {notice.message}
        </ErrorMessage>
      </div>
    );
  }
  return (
    <div className="consent-prompt" role="alertdialog" aria-labelledby="replace-title" data-testid="replace-prompt">
      <strong id="replace-title">Replace the picture on the stage?</strong>
      <p>
        “{notice.face.name}” is in the library now. Put it on the stage instead of “{current?.name ?? 'the current picture'}”? The timeline stays as it is, and
        Undo brings the old picture back.
      </p>
      <div className="error-actions">
        <button type="button" className="button primary" data-testid="replace-confirm" onClick={() => onReplace(notice.face)} autoFocus>
          Replace
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Keep the current picture
        </button>
      </div>
    </div>
  );
}
