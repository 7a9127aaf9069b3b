import type { ScriptSummary } from '../../../../electron/contract/types';
import { writeLibraryDrag } from '../../timeline/library-drag';
import { LibraryEntry } from './LibraryEntry';

/** A text script: drag it onto a track to have a built-in voice speak it. */
export function ScriptEntry({ script, excerpt, onAdd, onError }: { script: ScriptSummary; excerpt: string | null; onAdd(): void; onError(message: string): void }) {
  return (
    <LibraryEntry
      kind="script"
      id={script.id}
      name={script.name}
      onActivate={onAdd}
      activateLabel="Add to the selected subject's track at the playhead"
      onDragStart={(event) => writeLibraryDrag(event.dataTransfer, { kind: 'script', id: script.id })}
      thumbnail={<span className="thumb-glyph script" aria-hidden="true">¶</span>}
      meta={
        excerpt ? (
          <span className="excerpt">“{excerpt}”</span>
        ) : (
        <>
          {script.wordCount === 1 ? '1 word' : `${script.wordCount} words`} · <span className="preview">{script.preview}</span>
        </>
        )
      }
      onError={onError}
    />
  );
}
