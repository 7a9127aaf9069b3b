import { useEffect, useRef } from 'react';
import type { FaceKind } from '../../../../electron/contract/types';

interface StagePictureProps {
  mediaUrl: string;
  kind: FaceKind;
  width: number;
  height: number;
  /** A rendered preview frame for the playhead, drawn over the picture when the engine offers one. */
  frameUrl: string | null;
  onError(message: string): void;
}

/**
 * The stage picture on a canvas: the photo (or a video's first frame) and, once the engine offers rendered preview
 * frames, the frame at the playhead. The canvas keeps the picture's own resolution; CSS scales it to fit.
 */
export function StagePicture({ mediaUrl, kind, width, height, frameUrl, onError }: StagePictureProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const base = useRef<CanvasImageSource | null>(null);

  useEffect(() => {
    let cancelled = false;
    const draw = (source: CanvasImageSource) => {
      if (cancelled) return;
      base.current = source;
      canvas.current?.getContext('2d')?.drawImage(source, 0, 0, width, height);
    };
    if (kind === 'photo') {
      const image = new Image();
      image.decoding = 'async';
      image.onload = () => draw(image);
      image.onerror = () => !cancelled && onError('The photo could not be loaded from the library.');
      image.src = mediaUrl;
    } else {
      const video = document.createElement('video');
      video.muted = true;
      video.preload = 'auto';
      video.onloadeddata = () => draw(video);
      video.onerror = () => !cancelled && onError('The video could not be loaded from the library.');
      video.src = mediaUrl;
    }
    return () => {
      cancelled = true;
    };
  }, [mediaUrl, kind, width, height, onError]);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    if (!frameUrl) {
      if (base.current) context.drawImage(base.current, 0, 0, width, height);
      return;
    }
    let cancelled = false;
    const frame = new Image();
    frame.onload = () => !cancelled && context.drawImage(frame, 0, 0, width, height);
    frame.src = frameUrl;
    return () => {
      cancelled = true;
    };
  }, [frameUrl, width, height]);

  return <canvas ref={canvas} data-testid="preview-canvas" className="stage-canvas" width={width} height={height} aria-label="Stage preview" role="img" />;
}
