import type { PreviewFrameView } from '../../../../electron/contract/types';

/** The preview frame put together from whole frames and patches, at the engine's size. */
export interface ComposedPicture {
  canvas: HTMLCanvasElement;
  /** The export's exact pixels (a whole still, PNG); a JPEG frame or patch is a quick look. */
  exact: boolean;
}

/** A frame decoded and ready to draw (a whole frame, or a patch over its `base`). */
export interface DecodedFrame {
  view: PreviewFrameView;
  bitmap: ImageBitmap;
}

export interface FrameCompositor {
  /** The base of the frame held, to send with each request (undefined until a whole frame is held). */
  base(): string | undefined;
  /** Decodes `view` off the page's main thread; null when it could not be. */
  decode(view: PreviewFrameView): Promise<DecodedFrame | null>;
  /** Draws `frame` over the frame held; null when it cannot be (a patch of another base). */
  draw(frame: DecodedFrame): ComposedPicture | null;
}

/**
 * While a photo plays only its faces change, so the engine sends their rectangle once it knows the page holds a frame
 * of the same photo: less to encode, send and decode. Every patch of one base covers the same rectangle (the base
 * names it), so patches may be drawn in any order, and a frame decoded early can wait for its time.
 */
export function createFrameCompositor(): FrameCompositor {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  let held: string | null = null;
  return {
    base: () => held ?? undefined,
    async decode(view) {
      // createImageBitmap decodes on a worker thread; an <img> drawn to a canvas was decoded again on the main thread
      // (as much as the whole preview's drawing while playing)
      const bitmap = await createImageBitmap(new Blob([view.bytes as Uint8Array<ArrayBuffer>], { type: view.mimeType })).catch(() => null);
      return bitmap && { view, bitmap };
    },
    draw({ view, bitmap }) {
      if (!context) return null;
      if (view.patch) {
        if (view.base === null || view.base !== held) return null;
        context.drawImage(bitmap, view.patch.x, view.patch.y);
      } else {
        if (canvas.width !== view.width || canvas.height !== view.height) Object.assign(canvas, { width: view.width, height: view.height });
        context.drawImage(bitmap, 0, 0);
        held = view.base;
      }
      return { canvas, exact: !view.patch && view.mimeType === 'image/png' };
    },
  };
}
