import type { ProjectSummary } from '../../../../electron/contract/types';
import { LibraryEntry } from './LibraryEntry';

function describeUpdated(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : `Edited ${date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
}

export function ProjectEntry({ project, open, onOpen, onDeleted, onError }: { project: ProjectSummary; open: boolean; onOpen(): void; onDeleted(): void; onError(message: string): void }) {
  return (
    <LibraryEntry
      kind="project"
      id={project.id}
      name={project.name}
      active={open}
      onActivate={onOpen}
      activateLabel="Open this project"
      onDeleted={onDeleted}
      thumbnail={<span className="thumb-glyph project" aria-hidden="true">▦</span>}
      meta={
        <>
          {open && <span className="tag accent">Open</span>}
          {describeUpdated(project.updatedAt)}
        </>
      }
      onError={onError}
    />
  );
}
