import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { StudioError, VideoVerdictView } from '../../../../electron/contract/types';
import { useStudioContext } from '../../store/editor-store';
import { isVideoFile } from './video-verdict';

/** What the verdict panel shows; `imported` marks a verdict found by checking a video as it was imported. */
export type VerifyState =
  | { kind: 'idle' }
  | { kind: 'checking'; name: string }
  | { kind: 'done'; view: VideoVerdictView; imported: boolean }
  | { kind: 'failed'; name: string; error: StudioError };

export interface VerifyApi {
  state: VerifyState;
  /** "Check a video…": always answers, whatever the verdict. */
  check(file: File): void;
  /**
   * Videos being imported (as footage for a face) are checked too, beside the import, not before it: the panel opens
   * only when Mouthpiece's credentials or watermark are found, so a camera clip brings no extra message.
   */
  checkImported(files: readonly File[]): void;
  close(): void;
}

const VerifyContext = createContext<VerifyApi | null>(null);

export function VerifyProvider({ children }: { children: ReactNode }) {
  const { studio } = useStudioContext();
  const [state, setState] = useState<VerifyState>({ kind: 'idle' });
  // One background check at a time: each decodes frames for seconds, and the import runs beside it.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const check = useCallback(
    (file: File) => {
      setState({ kind: 'checking', name: file.name });
      void studio.verifyFile(file).then((result) => setState(result.ok ? { kind: 'done', view: result.value, imported: false } : { kind: 'failed', name: file.name, error: result.error }));
    },
    [studio],
  );

  const checkImported = useCallback(
    (files: readonly File[]) => {
      for (const file of files.filter(isVideoFile)) {
        queue.current = queue.current.then(async () => {
          const result = await studio.verifyFile(file).catch(() => null);
          // A failed background check says nothing: the import reports what is wrong with the file, if anything.
          if (!result?.ok || result.value.summary === 'none') return;
          const view = result.value;
          // An answer the user asked for with "Check a video…" is not replaced while it is on its way.
          setState((current) => (current.kind === 'checking' ? current : { kind: 'done', view, imported: true }));
        });
      }
    },
    [studio],
  );

  const close = useCallback(() => setState({ kind: 'idle' }), []);
  const value = useMemo<VerifyApi>(() => ({ state, check, checkImported, close }), [state, check, checkImported, close]);
  return <VerifyContext.Provider value={value}>{children}</VerifyContext.Provider>;
}

export function useVerify(): VerifyApi {
  const value = useContext(VerifyContext);
  if (!value) throw new Error('useVerify outside <VerifyProvider>');
  return value;
}
