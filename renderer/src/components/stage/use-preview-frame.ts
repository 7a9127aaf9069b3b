import { useEffect, useRef, useState } from 'react';
import type { StudioError } from '../../../../electron/contract/types';
import { useEditor, useStudioContext } from '../../store/editor-store';
import { createFrameCompositor, type ComposedPicture } from './frame-compositor';
import { createPreviewFeed, type PreviewFeed } from './preview-feed';

/** Preview frames are asked for on this grid (the engine snaps to the export's own frame grid). */
const PREVIEW_FPS = 25;
/** The stage's preview size: 540×960 for a portrait, as a phone shows a reel. */
export const PREVIEW_MAX_SIDE = 960;

export interface PreviewFrame {
  /** The rendered frame at the playhead; null without a saved project or when the frame was refused. */
  picture: ComposedPicture | null;
  /** The time the frame shows, for keeping picture and sound together. */
  timeSec: number | null;
  /** Why the last frame was refused (NO_CONSENT, …), so the stage can say so instead of freezing silently. */
  refusal: StudioError | null;
}

interface ShownFrame extends PreviewFrame {
  faceId: number | null;
}

/**
 * The rendered preview frame at the playhead, fed by `createPreviewFeed` (one still at a time when paused, frames
 * ahead of the playhead while playing). `consentGiven` is watched so that ticking consent brings the face to life at
 * once (consent lives in the library, not in the project, so no save follows it).
 */
export function usePreviewFrame(consentGiven: boolean): PreviewFrame {
  const { studio, store } = useStudioContext();
  const projectId = useEditor((state) => state.projectId);
  const revision = useEditor((state) => state.savedRevision);
  const faceId = useEditor((state) => state.doc.stage.faceId);
  // Which picture the frame was rendered from: a frame of the previous face must not stay over a newly chosen one
  // while the project is still being saved.
  const [frame, setFrame] = useState<ShownFrame | null>(null);
  const feed = useRef<PreviewFeed | null>(null);
  const faceIdNow = useRef(faceId);
  faceIdNow.current = faceId;

  useEffect(() => {
    if (projectId === null) {
      setFrame(null);
      return;
    }
    let closed = false;
    const compositor = createFrameCompositor();
    const current = createPreviewFeed({
      fps: PREVIEW_FPS,
      fetchFrame: async (request) => {
        const faceId = faceIdNow.current;
        const result = await studio.preview.frame({ projectId, timeSec: request.timeSec, maxSide: PREVIEW_MAX_SIDE, quality: request.quality, base: compositor.base() });
        // decoded before the feed counts the frame as back, so frames are never asked for faster than they are drawn
        return { faceId, result, picture: result.ok ? await compositor.apply(result.value) : null };
      },
      onResult: ({ faceId: requestedFaceId, result, picture }) => {
        if (closed) return;
        if (!result.ok) setFrame({ picture: null, timeSec: null, refusal: result.error, faceId: requestedFaceId });
        else if (picture) setFrame({ picture, timeSec: result.value.timeSec, refusal: null, faceId: requestedFaceId });
      },
    });
    feed.current = current;
    const follow = () => {
      const { playheadSec, playing } = store.getState();
      current.update(playheadSec, playing);
    };
    follow();
    const unsubscribe = store.subscribe(follow);
    return () => {
      closed = true;
      unsubscribe();
      if (feed.current === current) feed.current = null;
    };
  }, [studio, store, projectId]);

  // A saved edit or consent changes what every frame shows.
  const shownFor = useRef({ revision, consentGiven });
  useEffect(() => {
    if (shownFor.current.revision === revision && shownFor.current.consentGiven === consentGiven) return;
    shownFor.current = { revision, consentGiven };
    feed.current?.invalidate();
  }, [revision, consentGiven]);

  return frame && frame.faceId === faceId ? { picture: frame.picture, timeSec: frame.timeSec, refusal: frame.refusal } : { picture: null, timeSec: null, refusal: null };
}
