import { useEffect, useState } from 'react';
import type { StudioApi } from '../../../../electron/contract/studio-api';
import { useEditor, useStudioApi } from '../../store/editor-store';

/** The engine's preview API, when this build has one (it is optional in the contract's future). */
interface PreviewApi {
  frame(request: { projectId: number; timeSec: number }): Promise<{ ok: true; value: { url: string } } | { ok: false }>;
}

function previewApiOf(studio: StudioApi): PreviewApi | null {
  const preview = (studio as unknown as { preview?: Partial<PreviewApi> }).preview;
  return typeof preview?.frame === 'function' ? (preview as PreviewApi) : null;
}

/** Preview frames are asked for at this rate while the playhead moves. */
const PREVIEW_FPS = 12;

/** The URL of the rendered preview frame at the playhead, or null when the engine offers none. */
export function usePreviewFrame(): string | null {
  const studio = useStudioApi();
  const projectId = useEditor((state) => state.projectId);
  const revision = useEditor((state) => state.savedRevision);
  const frameIndex = useEditor((state) => Math.round(state.playheadSec * PREVIEW_FPS));
  const [url, setUrl] = useState<string | null>(null);
  const api = previewApiOf(studio);

  useEffect(() => {
    if (!api || projectId === null) return setUrl(null);
    let cancelled = false;
    void api.frame({ projectId, timeSec: frameIndex / PREVIEW_FPS }).then((result) => !cancelled && setUrl(result.ok ? result.value.url : null));
    return () => {
      cancelled = true;
    };
  }, [api, projectId, revision, frameIndex]);

  return url;
}
