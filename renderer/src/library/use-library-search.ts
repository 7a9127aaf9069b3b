import { useEffect, useState } from 'react';
import type { LibraryEntryKind, SearchHitView } from '../../../electron/contract/types';
import { useStudioApi } from '../store/editor-store';

const SEARCH_DELAY_MS = 200;

export interface SearchHits {
  /** Whether the library's own search (names, transcripts, script text) found this entry. */
  has(kind: LibraryEntryKind, id: number): boolean;
  /** The words around the match in a transcript or script, when the text (not the name) matched. */
  excerpt(kind: LibraryEntryKind, id: number): string | null;
}

const NO_HITS: SearchHits = { has: () => false, excerpt: () => null };

/** Asks the library to search names and texts (transcripts, scripts) as the user types, a little after they pause. */
export function useLibrarySearch(query: string): SearchHits {
  const studio = useStudioApi();
  const [hits, setHits] = useState<SearchHits>(NO_HITS);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') return setHits(NO_HITS);
    let cancelled = false;
    const timer = setTimeout(() => {
      void studio.library.search({ query: trimmed }).then((result) => {
        if (cancelled || !result.ok) return;
        const byKey = new Map(result.value.map((hit: SearchHitView) => [`${hit.kind}:${hit.id}`, hit]));
        setHits({ has: (kind, id) => byKey.has(`${kind}:${id}`), excerpt: (kind, id) => byKey.get(`${kind}:${id}`)?.excerpt ?? null });
      });
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [studio, query]);

  return hits;
}
