import { useLibraryData } from '../library/library-context';
import { useEditor } from '../store/editor-store';
import { renderBlockerFor } from './render-readiness';

/** Why the project cannot be exported yet (see `renderBlockerFor`); null when it can. */
export function useRenderBlocker(): string | null {
  const doc = useEditor((state) => state.doc);
  const { listing } = useLibraryData();
  return renderBlockerFor(doc, listing);
}
