import { useEditor, useEditorActions } from '../../store/editor-store';
import { RenderButton, type FarmChoice } from './RenderButton';
import { SaveIndicator } from './SaveIndicator';
import { VerifyVideo } from '../verify/VerifyVideo';

interface TopBarProps {
  renderBlocker: string | null;
  rendering: boolean;
  onRender(): void;
  onBatch(): void;
  onRetrySave(): void;
  farm: FarmChoice;
}

/** Project name, save state, undo/redo, checking a video, and export. */
export function TopBar({ renderBlocker, rendering, onRender, onBatch, onRetrySave, farm }: TopBarProps) {
  const name = useEditor((state) => state.projectName);
  const undoLabel = useEditor((state) => state.history.past.at(-1)?.label ?? null);
  const redoLabel = useEditor((state) => state.history.future[0]?.label ?? null);
  const actions = useEditorActions();
  const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

  return (
    <header className="top-bar">
      <div className="brand">
        <span className="app-mark" aria-hidden="true" />
        <h1>Mouthpiece</h1>
      </div>
      <div className="project-title">
        <label className="project-name-field" title="Rename the project">
          <input
            className="project-name"
            aria-label="Project name"
            value={name}
            maxLength={200}
            onChange={(event) => actions.setProjectName(event.target.value)}
            onFocus={(event) => event.target.select()}
            onKeyDown={(event) => (event.key === 'Enter' || event.key === 'Escape') && event.currentTarget.blur()}
            onBlur={(event) => event.target.value.trim() === '' && actions.setProjectName('Untitled project')}
          />
          <svg className="project-name-pencil" viewBox="0 0 16 16" aria-hidden="true"><path d="M11.5 2.5l2 2L6 12H4v-2z" /></svg>
        </label>
        <SaveIndicator onRetry={onRetrySave} />
      </div>
      <div className="history-buttons" role="group" aria-label="History">
        <button type="button" className="icon-button" data-testid="undo" disabled={!undoLabel} onClick={actions.undo} aria-label={undoLabel ? `Undo ${undoLabel}` : 'Undo'} title={undoLabel ? `Undo ${undoLabel} (${mod}Z)` : 'Nothing to undo'}>
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M6 3L2 7l4 4V8.5h4a2.5 2.5 0 010 5H8V15h2a4 4 0 000-8H6z" /></svg>
        </button>
        <button type="button" className="icon-button" data-testid="redo" disabled={!redoLabel} onClick={actions.redo} aria-label={redoLabel ? `Redo ${redoLabel}` : 'Redo'} title={redoLabel ? `Redo ${redoLabel} (${mod}Shift+Z)` : 'Nothing to redo'}>
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M10 3l4 4-4 4V8.5H6a2.5 2.5 0 000 5h2V15H6a4 4 0 010-8h4z" /></svg>
        </button>
      </div>
      <VerifyVideo />
      <RenderButton blocker={renderBlocker} busy={rendering} onRender={onRender} onBatch={onBatch} farm={farm} />
    </header>
  );
}
