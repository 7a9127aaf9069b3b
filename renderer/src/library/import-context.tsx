import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ImportResponse, StudioError, StudioResult } from '../../../electron/contract/types';
import { useEditorActions, useStudioContext } from '../store/editor-store';
import { SetStageCommand, stageOf } from '../timeline/commands';
import { useVerify } from '../components/verify/verify-context';
import { pairTranscripts, transcriptFor } from './transcript-pairs';

export interface ImportApi {
  importFiles(files: readonly File[]): void;
  /** Opens the file picker. */
  chooseFiles(): void;
  busy: boolean;
  report: ImportResponse | null;
  error: StudioError | null;
  dismiss(): void;
}

const ImportContext = createContext<ImportApi | null>(null);

const ACCEPT = 'image/*,video/*,audio/*,.txt,.md,.csv';

/**
 * Imports into the library from drops and the file picker (one hidden file input for the whole editor). When the
 * stage is still empty, the first imported face goes onto it, so dropping a photo is all it takes to start. Videos are
 * checked for Mouthpiece's disclosure beside the import (useVerify).
 */
export function ImportProvider({ children }: { children: ReactNode }) {
  const { studio, store } = useStudioContext();
  const actions = useEditorActions();
  const { checkImported } = useVerify();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportResponse | null>(null);
  const [error, setError] = useState<StudioError | null>(null);

  const finish = useCallback(
    async (result: StudioResult<ImportResponse>) => {
      if (!result.ok) return setError(result.error);
      setReport(result.value.results.length > 0 ? result.value : null);
      const face = result.value.results.find((item) => item.ok && item.kind === 'face');
      if (!face?.ok || store.getState().doc.stage.faceId !== null) return;
      const listing = await studio.library.list();
      const summary = listing.ok ? listing.value.faces.find((entry) => entry.id === face.id) : undefined;
      const doc = store.getState().doc;
      if (doc.stage.faceId !== null) return;
      actions.execute(new SetStageCommand(doc.stage, summary ? stageOf(summary) : { faceId: face.id, mediaKind: 'photo' }));
    },
    [studio, store, actions],
  );

  const importFiles = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      setError(null);
      setBusy(true);
      const { imports, transcripts } = pairTranscripts(files);
      checkImported(imports);
      void studio
        .importFiles(imports)
        .then(async (result) => {
          // A recording's .txt dropped beside it becomes its transcript.
          if (result.ok && transcripts.size > 0) {
            for (const item of result.value.results) {
              const transcript = item.ok && item.kind === 'voice' ? transcriptFor(transcripts, item.path.split(/[\\/]/).pop() ?? '') : undefined;
              if (item.ok && transcript) await studio.voices.setTranscript({ voiceId: item.id, transcript: await transcript.text() });
            }
          }
          return finish(result);
        })
        .finally(() => setBusy(false));
    },
    [studio, finish, checkImported],
  );

  const dismiss = useCallback(() => {
    setReport(null);
    setError(null);
  }, []);
  const value = useMemo<ImportApi>(() => ({ importFiles, chooseFiles: () => input.current?.click(), busy, report, error, dismiss }), [importFiles, busy, report, error, dismiss]);

  return (
    <ImportContext.Provider value={value}>
      <input
        ref={input}
        data-testid="import-input"
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPT}
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          importFiles(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
      />
      {children}
    </ImportContext.Provider>
  );
}

export function useImport(): ImportApi {
  const value = useContext(ImportContext);
  if (!value) throw new Error('useImport outside <ImportProvider>');
  return value;
}
