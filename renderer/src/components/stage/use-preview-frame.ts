import { useEffect, useRef, useState } from 'react';
import type { StudioError } from '../../../../electron/contract/types';
import { useEditor, useStudioContext } from '../../store/editor-store';
import { createDueFrames } from './due-frames';
import { createFrameCompositor, type ComposedPicture, type DecodedFrame } from './frame-compositor';
import { createPreviewFeed, type PreviewFeed } from './preview-feed';
import { PREVIEW_MAX_SIDE } from './preview-frame-size';
import { PREVIEW_FPS } from './preview-grid';

/** A preview frame as drawn: the composed picture and the time it shows, for keeping picture and sound together. */
export interface ShownPicture {
  picture: ComposedPicture;
  timeSec: number;
}

/**
 * The frames, handed to the canvas without going through React: at 30 frames a second a state change per frame would
 * re-render the whole stage panel (its overlays, the subject boxes) for a picture only the canvas draws.
 */
export interface PreviewFrames {
  /** The frame at the playhead for the face on the stage, or null (none yet, refused, or another face's). */
  current(): ShownPicture | null;
  /** Calls `listener` whenever `current()` may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface PreviewFrame {
  frames: PreviewFrames;
  /** Why the last frame was refused (NO_CONSENT, …), so the stage can say so instead of freezing silently. */
  refusal: StudioError | null;
}

interface HeldFrame {
  shown: ShownPicture | null;
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
  const [refusal, setRefusal] = useState<{ error: StudioError; faceId: number | null } | null>(null);
  const feed = useRef<PreviewFeed | null>(null);
  const dropDue = useRef(() => {});
  const faceIdNow = useRef(faceId);
  faceIdNow.current = faceId;
  const held = useRef<HeldFrame>({ shown: null, faceId: null });
  const [frames] = useState(() => createFrameSource(held, faceIdNow));

  useEffect(() => {
    if (projectId === null) {
      held.current = { shown: null, faceId: null };
      frames.notify();
      setRefusal(null);
      return;
    }
    let closed = false;
    const compositor = createFrameCompositor();
    const show = (frame: DecodedFrame, faceId: number | null) => {
      const picture = compositor.draw(frame);
      frame.bitmap.close();
      if (!picture) return;
      held.current = { shown: { picture, timeSec: frame.view.timeSec }, faceId };
      frames.notify();
    };
    // playing, a frame is shown when the sound reaches its time
    const due = createDueFrames<{ frame: DecodedFrame; faceId: number | null }>({ fps: PREVIEW_FPS, onDrop: ({ frame }) => frame.bitmap.close() });
    const current = createPreviewFeed({
      fps: PREVIEW_FPS,
      fetchFrame: async (request) => {
        const faceId = faceIdNow.current;
        const result = await studio.preview.frame({ projectId, timeSec: request.timeSec, maxSide: PREVIEW_MAX_SIDE, quality: request.quality, base: compositor.base() });
        // decoded before the feed counts the frame as back, so frames are never asked for faster than they are decoded
        return { faceId, result, frame: result.ok ? await compositor.decode(result.value) : null };
      },
      onResult: ({ faceId: requestedFaceId, result, frame }, request, duringPlayback) => {
        if (closed) {
          frame?.bitmap.close();
          return;
        }
        if (!result.ok) {
          held.current = { shown: null, faceId: requestedFaceId };
          setRefusal({ error: result.error, faceId: requestedFaceId });
          frames.notify();
          return;
        }
        setRefusal(null);
        current.setEnd(result.value.durationSec);
        if (!frame) return;
        const { playing, playheadSec } = store.getState();
        if (!duringPlayback) show(frame, requestedFaceId);
        else if (!playing) frame.bitmap.close(); // stopped meanwhile: the frame at the playhead is asked for
        else {
          // due by the time asked for, on the playhead's grid, whatever frame the engine snapped it to
          due.add(request.timeSec, { frame, faceId: requestedFaceId });
          showDue(playheadSec);
        }
      },
    });
    const showDue = (playheadSec: number) => {
      const next = due.take(playheadSec);
      if (next) show(next.frame, next.faceId);
    };
    feed.current = current;
    dropDue.current = () => due.clear();
    let wasPlaying = false;
    const follow = () => {
      const { playheadSec, playing } = store.getState();
      if (playing) showDue(playheadSec);
      else if (wasPlaying) due.clear();
      wasPlaying = playing;
      current.update(playheadSec, playing);
    };
    follow();
    const unsubscribe = store.subscribe(follow);
    return () => {
      closed = true;
      due.clear();
      unsubscribe();
      if (feed.current === current) feed.current = null;
    };
  }, [studio, store, projectId, frames]);

  // A saved edit or consent changes what every frame shows.
  const shownFor = useRef({ revision, consentGiven });
  useEffect(() => {
    if (shownFor.current.revision === revision && shownFor.current.consentGiven === consentGiven) return;
    shownFor.current = { revision, consentGiven };
    dropDue.current();
    feed.current?.invalidate();
  }, [revision, consentGiven]);

  return { frames, refusal: refusal && refusal.faceId === faceId ? refusal.error : null };
}

/** Frames for the face on the stage only: a frame of the previous face must not stay over a newly chosen one. */
function createFrameSource(held: { current: HeldFrame }, faceIdNow: { current: number | null }): PreviewFrames & { notify(): void } {
  const listeners = new Set<() => void>();
  return {
    current: () => (held.current.faceId === faceIdNow.current ? held.current.shown : null),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    notify: () => listeners.forEach((listener) => listener()),
  };
}
