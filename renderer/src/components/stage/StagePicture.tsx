import { useEffect, useRef } from 'react';
import type { FaceKind } from '../../../../electron/contract/types';
import { useStudioContext } from '../../store/editor-store';
import { PREVIEW_FRAME_MARK } from './preview-frame-mark';
import { previewFrameSize } from './preview-frame-size';
import type { PreviewFrames, ShownPicture } from './use-preview-frame';

interface StagePictureProps {
  mediaUrl: string;
  kind: FaceKind;
  /** A still of the clip (the library thumbnail), drawn when the browser cannot decode the video itself (MPEG-1, say). */
  stillUrl?: string | null;
  /** The picture's own size. */
  width: number;
  height: number;
  /** Rendered preview frames for the playhead, drawn over the picture when the engine offers one. */
  frames: PreviewFrames;
  onError(message: string): void;
}

/** Seeking closer than this is not worth a decode. */
const SEEK_TOLERANCE_SEC = 0.04;

/** Moves the video to a time unless a seek is already under way (its `seeked` handler catches up). */
function seekVideo(video: HTMLVideoElement, seconds: number): void {
  if (video.seeking || !Number.isFinite(video.duration)) return;
  const target = Math.min(seconds, Math.max(0, video.duration - 0.001));
  if (Math.abs(video.currentTime - target) > SEEK_TOLERANCE_SEC) video.currentTime = target;
}

/**
 * The stage picture on a canvas: the photo, or the video's frame at the playhead (so scrubbing a dubbing project shows
 * the right frame), and, once the engine offers rendered preview frames, the frame at the playhead. The canvas has
 * the size of the engine's frames (the picture's own, up to the preview's longest side); CSS scales it to fit.
 */
export function StagePicture({ mediaUrl, kind, stillUrl, width: pictureWidth, height: pictureHeight, frames, onError }: StagePictureProps) {
  const { width, height } = previewFrameSize({ width: pictureWidth, height: pictureHeight });
  const canvas = useRef<HTMLCanvasElement>(null);
  const base = useRef<HTMLImageElement | HTMLVideoElement | null>(null);
  const frameShown = useRef(false);
  // The playhead is followed through the store, not React state: it moves every animation frame while playing.
  const { store } = useStudioContext();
  const latestPlayhead = useRef(store.getState().playheadSec);

  const drawBase = () => {
    const source = base.current;
    if (source && !frameShown.current) canvas.current?.getContext('2d')?.drawImage(source, 0, 0, width, height);
  };

  useEffect(() => {
    let cancelled = false;
    const fail = (message: string) => !cancelled && onError(message);
    const loadImage = (url: string, failure: string) => {
      const image = new Image();
      image.decoding = 'async';
      image.onload = () => !cancelled && ((base.current = image), drawBase());
      image.onerror = () => fail(failure);
      image.src = url;
    };
    if (kind === 'photo') {
      loadImage(mediaUrl, 'The photo could not be loaded from the library.');
    } else {
      const video = document.createElement('video');
      video.muted = true;
      video.preload = 'auto';
      video.onloadeddata = () => !cancelled && ((base.current = video), drawBase());
      video.onseeked = () => {
        if (cancelled) return;
        drawBase();
        seekVideo(video, latestPlayhead.current);
      };
      // Chromium plays only some containers and codecs; the engine reads them all, so the clip is still usable: the
      // stage shows its still until the engine's preview frames take over.
      video.onerror = () => (stillUrl && !cancelled ? loadImage(stillUrl, 'The video could not be loaded from the library.') : fail('The video could not be loaded from the library.'));
      video.src = mediaUrl;
    }
    return () => {
      cancelled = true;
      base.current = null;
    };
    // drawBase reads refs only; the picture is reloaded when what it shows changes.
  }, [mediaUrl, kind, stillUrl, width, height, onError]);

  // A video stage follows the playhead; while a seek is under way the next one waits for it.
  useEffect(
    () =>
      store.subscribe(() => {
        const { playheadSec } = store.getState();
        if (playheadSec === latestPlayhead.current) return;
        latestPlayhead.current = playheadSec;
        if (base.current instanceof HTMLVideoElement) seekVideo(base.current, playheadSec);
      }),
    [store],
  );

  useEffect(() => {
    // what the canvas holds: undefined until the first draw, null for the picture without a frame
    let drawn: ShownPicture | null | undefined;
    const draw = () => {
      const context = canvas.current?.getContext('2d');
      if (!context) return;
      const shown = frames.current();
      if (!shown) {
        if (drawn === null) return;
        drawn = null;
        frameShown.current = false;
        delete context.canvas.dataset.previewFrame;
        drawBase();
        return;
      }
      if (shown === drawn) return;
      drawn = shown;
      frameShown.current = true;
      context.drawImage(shown.picture.canvas, 0, 0, width, height);
      // A still (PNG) is the export's exact pixels; playback and a first look while scrubbing come as JPEG.
      const look = shown.picture.exact ? 'exact' : 'quick';
      // set only when it changes: an attribute written 30 times a second makes the page restyle each time
      if (context.canvas.dataset.previewFrame !== look) context.canvas.dataset.previewFrame = look;
      // For the preview benchmark and anyone profiling: which frame went up, and where the sound was then.
      performance.mark(PREVIEW_FRAME_MARK, { detail: { frameSec: shown.timeSec, playheadSec: store.getState().playheadSec } });
    };
    draw();
    return frames.subscribe(draw);
    // the picture's source and size change what is drawn; drawBase reads refs only
  }, [frames, store, mediaUrl, width, height]);

  return <canvas ref={canvas} data-testid="preview-canvas" className="stage-canvas" width={width} height={height} aria-label="Stage preview" role="img" />;
}
