import { useState } from 'react';
import { useStudioContext } from '../store/editor-store';
import { SetStageCommand } from '../timeline/commands';

/**
 * The bundled public-domain samples, for a first try without one's own photo or recording: the face goes into the
 * library (already cleared to animate) and onto the stage; the voice goes into the library.
 */
export function useSample(): { busy: boolean; error: string | null; tryFace(): Promise<void>; addVoice(): Promise<void> } {
  const { studio, store, actions } = useStudioContext();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const importSample = async (kind: 'face' | 'voice'): Promise<number | null> => {
    setBusy(true);
    setError(null);
    try {
      const result = await studio.library.importSample({ kind });
      if (!result.ok) throw new Error(result.error.message);
      if (!result.value.ok) throw new Error(result.value.error.message);
      return result.value.id;
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      return null;
    } finally {
      setBusy(false);
    }
  };

  return {
    busy,
    error,
    tryFace: async () => {
      const faceId = await importSample('face');
      if (faceId === null) return;
      const doc = store.getState().doc;
      actions.execute(new SetStageCommand(doc.stage, { faceId, mediaKind: 'photo' }));
      actions.selectSubject(0);
    },
    addVoice: async () => {
      await importSample('voice');
    },
  };
}
