import type { ReactNode } from 'react';

/** A titled list in the library panel, with a line that teaches what goes there while it is empty. */
export function LibrarySection({ title, count, empty, action, before, children }: { title: string; count: number; empty: string; action?: ReactNode; before?: ReactNode; children: ReactNode }) {
  return (
    <section className="library-section" aria-label={title}>
      <h2>
        {title} <span className="count">{count}</span>
        {action && <span className="section-action">{action}</span>}
      </h2>
      {before}
      {count === 0 ? <p className="section-empty">{empty}</p> : <ul className="library-list">{children}</ul>}
    </section>
  );
}
