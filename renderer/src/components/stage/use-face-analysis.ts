import { useEffect, useState } from 'react';
import type { FaceAnalysisView, StudioError } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

export type AnalysisState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; analysis: FaceAnalysisView } | { status: 'error'; error: StudioError };

const POLL_MS = 1000;

/** The face analysis of the face on the stage; asks again while it is still pending and when the library changes. */
export function useFaceAnalysis(faceId: number | null): AnalysisState {
  const studio = useStudioApi();
  const [state, setState] = useState<AnalysisState>({ status: 'none' });
  const [nonce, setNonce] = useState(0);

  useEffect(() => studio.on('library-changed', (event) => event.reason === 'analysis' && setNonce((n) => n + 1)), [studio]);

  useEffect(() => {
    if (faceId === null) {
      setState({ status: 'none' });
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await studio.face.getAnalysis({ faceId });
      if (cancelled) return;
      if (!result.ok) return setState({ status: 'error', error: result.error });
      setState({ status: 'ready', analysis: result.value });
      if (result.value.status === 'pending') timer = setTimeout(() => void load(), POLL_MS);
    };
    setState((previous) => (previous.status === 'ready' && previous.analysis.faceId === faceId ? previous : { status: 'loading' }));
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [studio, faceId, nonce]);

  return state;
}
