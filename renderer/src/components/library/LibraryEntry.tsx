import { useEffect, useRef, useState, type DragEvent, type ReactNode } from 'react';
import type { LibraryEntryKind } from '../../../../electron/contract/types';
import { splitNameForEllipsis } from '../../library-format';
import { useStudioApi } from '../../store/editor-store';

/** The name with a middle ellipsis when it does not fit: the head shrinks, the distinctive end stays readable. */
function EntryName({ name }: { name: string }) {
  const { head, tail } = splitNameForEllipsis(name);
  return (
    <span className="entry-name-text">
      <span className="entry-name-head">{head}</span>
      {tail && <span className="entry-name-tail">{tail}</span>}
    </span>
  );
}

interface LibraryEntryProps {
  kind: LibraryEntryKind;
  id: number;
  name: string;
  meta: ReactNode;
  thumbnail: ReactNode;
  active?: boolean;
  /** Click or Enter: put on stage, open, … */
  onActivate?(): void;
  activateLabel?: string;
  onDragStart?(event: DragEvent<HTMLLIElement>): void;
  /** Extra controls under the name (the consent checkbox of a face). */
  children?: ReactNode;
  onDeleted?(): void;
  /** After the library accepted a new name (the open project's title follows it). */
  onRenamed?(name: string): void;
  onError(message: string): void;
}

/** One library row: thumbnail, name (renamable in place), what it is, and delete with a confirmation. */
export function LibraryEntry({ kind, id, name, meta, thumbnail, active, onActivate, activateLabel, onDragStart, children, onDeleted, onRenamed, onError }: LibraryEntryProps) {
  const studio = useStudioApi();
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [draft, setDraft] = useState(name);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (mode === 'rename') input.current?.select();
  }, [mode]);

  const rename = async () => {
    const next = draft.trim();
    setMode('view');
    if (next === '' || next === name) return setDraft(name);
    const result = await studio.library.rename({ kind, id, name: next });
    if (!result.ok) {
      setDraft(name);
      onError(result.error.message);
    } else onRenamed?.(next);
  };

  const remove = async () => {
    setMode('view');
    const result = await studio.library.delete({ kind, id });
    if (result.ok) onDeleted?.();
    else onError(result.error.message);
  };

  return (
    <li className={`library-item${active ? ' active' : ''}`} data-testid={kind === 'project' ? 'project-item' : 'library-item'} data-kind={kind} draggable={Boolean(onDragStart) && mode === 'view'} onDragStart={onDragStart}>
      <div className="library-item-main">
        <div className="thumb">{thumbnail}</div>
        <div className="library-item-text">
          {mode === 'rename' ? (
            <input
              ref={input}
              className="rename-input"
              aria-label={`New name for ${name}`}
              value={draft}
              maxLength={200}
              onChange={(event) => setDraft(event.target.value)}
              onBlur={() => void rename()}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void rename();
                if (event.key === 'Escape') {
                  setDraft(name);
                  setMode('view');
                }
              }}
            />
          ) : onActivate ? (
            <button type="button" className="entry-name" onClick={onActivate} title={`${name}\n${activateLabel ?? ''}`.trim()} onDoubleClick={() => setMode('rename')}>
              <EntryName name={name} />
            </button>
          ) : (
            <span className="entry-name" title={name} onDoubleClick={() => setMode('rename')}>
              <EntryName name={name} />
            </span>
          )}
          <span className="entry-meta">{meta}</span>
        </div>
        {mode === 'view' && (
          <div className="entry-actions">
            <button type="button" className="icon-button small ghost" onClick={() => (setDraft(name), setMode('rename'))} aria-label={`Rename ${name}`} title="Rename">
              <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M11.5 2.5l2 2L6 12H4v-2z" /></svg>
            </button>
            <button type="button" className="icon-button small ghost danger" onClick={() => setMode('confirm-delete')} aria-label={`Delete ${name}`} title="Delete">
              <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M5 4V3h6v1h3v1.5H2V4zM4 6.5h8l-.6 7H4.6z" /></svg>
            </button>
          </div>
        )}
      </div>
      {children}
      {mode === 'confirm-delete' && (
        <div className="confirm" role="alertdialog" aria-label={`Delete ${name}?`}>
          <span>Delete “{name}” from the library?</span>
          <button type="button" className="button small danger" onClick={() => void remove()} autoFocus>
            Delete
          </button>
          <button type="button" className="button small" onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      )}
    </li>
  );
}
