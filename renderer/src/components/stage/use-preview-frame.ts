import { useEffect, useState } from 'react';
import { useEditor, useStudioApi } from '../../store/editor-store';

/** Preview frames are asked for at this rate while the playhead moves. */
const PREVIEW_FPS = 12;

/** The URL of the rendered preview frame at the playhead; null without a saved project or when the frame failed. */
export function usePreviewFrame(): string | null {
  const studio = useStudioApi();
  const projectId = useEditor((state) => state.projectId);
  const revision = useEditor((state) => state.savedRevision);
  const frameIndex = useEditor((state) => Math.round(state.playheadSec * PREVIEW_FPS));
  const faceId = useEditor((state) => state.doc.stage.faceId);
  // Which picture the frame was rendered from: a frame of the previous face must not stay over a newly chosen one
  // while the project is still being saved.
  const [frame, setFrame] = useState<{ url: string; faceId: number | null } | null>(null);

  useEffect(() => {
    if (projectId === null) return setFrame(null);
    let cancelled = false;
    const requestedFaceId = faceId;
    void studio.preview.frame({ projectId, timeSec: frameIndex / PREVIEW_FPS }).then((result) => !cancelled && setFrame(result.ok ? { url: result.value.url, faceId: requestedFaceId } : null));
    return () => {
      cancelled = true;
    };
    // faceId is read, not watched: the saved revision that follows a stage change asks for the new frame.
  }, [studio, projectId, revision, frameIndex]);

  return frame && frame.faceId === faceId ? frame.url : null;
}
