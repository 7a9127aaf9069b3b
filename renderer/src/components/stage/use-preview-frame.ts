import { useEffect, useState } from 'react';
import type { StudioError } from '../../../../electron/contract/types';
import { useEditor, useStudioApi } from '../../store/editor-store';

/** Preview frames are asked for at this rate while the playhead moves. */
const PREVIEW_FPS = 12;

export interface PreviewFrame {
  /** The rendered frame at the playhead; null without a saved project or when the frame was refused. */
  url: string | null;
  /** Why the last frame was refused (NO_CONSENT, …), so the stage can say so instead of freezing silently. */
  refusal: StudioError | null;
}

/**
 * The rendered preview frame at the playhead. `consentGiven` is watched so that ticking consent brings the face to
 * life at once (consent lives in the library, not in the project, so no save follows it).
 */
export function usePreviewFrame(consentGiven: boolean): PreviewFrame {
  const studio = useStudioApi();
  const projectId = useEditor((state) => state.projectId);
  const revision = useEditor((state) => state.savedRevision);
  const frameIndex = useEditor((state) => Math.round(state.playheadSec * PREVIEW_FPS));
  const faceId = useEditor((state) => state.doc.stage.faceId);
  // Which picture the frame was rendered from: a frame of the previous face must not stay over a newly chosen one
  // while the project is still being saved.
  const [frame, setFrame] = useState<{ url: string | null; refusal: StudioError | null; faceId: number | null } | null>(null);

  useEffect(() => {
    if (projectId === null) return setFrame(null);
    let cancelled = false;
    const requestedFaceId = faceId;
    void studio.preview.frame({ projectId, timeSec: frameIndex / PREVIEW_FPS }).then((result) => {
      if (cancelled) return;
      setFrame(result.ok ? { url: result.value.url, refusal: null, faceId: requestedFaceId } : { url: null, refusal: result.error, faceId: requestedFaceId });
    });
    return () => {
      cancelled = true;
    };
    // faceId is read, not watched: the saved revision that follows a stage change asks for the new frame.
  }, [studio, projectId, revision, frameIndex, consentGiven]);

  return frame && frame.faceId === faceId ? { url: frame.url, refusal: frame.refusal } : { url: null, refusal: null };
}
