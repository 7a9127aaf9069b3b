import type { ReactNode } from 'react';

/** A titled list in the library panel, with a line that teaches what goes there while it is empty. */
export function LibrarySection({ title, count, empty, children }: { title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section className="library-section" aria-label={title}>
      <h2>
        {title} <span className="count">{count}</span>
      </h2>
      {count === 0 ? <p className="section-empty">{empty}</p> : <ul className="library-list">{children}</ul>}
    </section>
  );
}
