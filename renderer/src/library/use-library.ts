import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../../../electron/contract/studio-api';
import type { LibraryListing, ProgressEvent, StudioError } from '../../../electron/contract/types';

export type LibraryState = { status: 'loading' } | { status: 'ready'; listing: LibraryListing } | { status: 'error'; error: StudioError };

/** The library listing, loaded once and again whenever main says it changed. */
export function useLibrary(studio: StudioApi): LibraryState {
  const [state, setState] = useState<LibraryState>({ status: 'loading' });
  const latestRequest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latestRequest.current;
    const result = await studio.library.list();
    // A slower, older answer must not overwrite a newer one.
    if (request !== latestRequest.current) return;
    setState(result.ok ? { status: 'ready', listing: result.value } : { status: 'error', error: result.error });
  }, [studio]);

  useEffect(() => {
    void refresh();
    return studio.on('library-changed', () => void refresh());
  }, [studio, refresh]);

  return state;
}

const FINISHED_VISIBLE_MS = 1200;

/** The latest progress of a long operation, cleared shortly after it finishes. */
export function useProgress(studio: StudioApi): ProgressEvent | null {
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = studio.on('progress', (event) => {
      clearTimeout(timer);
      setProgress(event);
      if (event.ratio >= 1) timer = setTimeout(() => setProgress(null), FINISHED_VISIBLE_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [studio]);
  return progress;
}
