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
  const faceId = useEditor((state) => state.doc.stage.faceId);
  // Which picture the frame was rendered from: a frame of the previous face must not stay over a newly chosen one
  // while the project is still being saved.
  const [frame, setFrame] = useState<{ url: string; faceId: number | null } | null>(null);
  const api = previewApiOf(studio);

  useEffect(() => {
    if (!api || projectId === null) return setFrame(null);
    let cancelled = false;
    const requestedFaceId = faceId;
    void api.frame({ projectId, timeSec: frameIndex / PREVIEW_FPS }).then((result) => !cancelled && setFrame(result.ok ? { url: result.value.url, faceId: requestedFaceId } : null));
    return () => {
      cancelled = true;
    };
    // faceId is read, not watched: the saved revision that follows a stage change asks for the new frame.
  }, [api, projectId, revision, frameIndex]);

  return frame && frame.faceId === faceId ? frame.url : null;
}
