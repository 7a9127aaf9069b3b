import type { ProjectSummary } from '../../../../electron/contract/types';
import { formatEdited } from '../../library-format';
import { useEditorActions } from '../../store/editor-store';
import { LibraryEntry } from './LibraryEntry';

export function ProjectEntry({ project, open, onOpen, onDeleted, onError }: { project: ProjectSummary; open: boolean; onOpen(): void; onDeleted(): void; onError(message: string): void }) {
  const actions = useEditorActions();
  return (
    <LibraryEntry
      kind="project"
      id={project.id}
      name={project.name}
      active={open}
      onActivate={onOpen}
      activateLabel="Open this project"
      onDeleted={onDeleted}
      // The open project's title in the top bar follows a rename here, or the next autosave would put the old one back.
      onRenamed={open ? (name) => actions.setProjectName(name) : undefined}
      thumbnail={<span className="thumb-glyph project" aria-hidden="true">▦</span>}
      meta={
        <>
          {open && <span className="tag accent">Open</span>}
          <span title={new Date(project.updatedAt).toLocaleString()}>{formatEdited(project.updatedAt)}</span>
        </>
      }
      onError={onError}
    />
  );
}
