import type { PreviewFrameView } from '../../../../electron/contract/types';

/** The preview frame put together from whole frames and patches, at the engine's size. */
export interface ComposedPicture {
  canvas: HTMLCanvasElement;
  /** Counts the frames drawn, so that a new one is noticed although the canvas stays the same. */
  version: number;
  /** The export's exact pixels (a whole still, PNG); a JPEG frame or patch is a quick look. */
  exact: boolean;
}

export interface FrameCompositor {
  /** The base of the frame held, to send with each request (undefined until a whole frame is held). */
  base(): string | undefined;
  /** Decodes `view` and draws it over the frame held; false when it could not be (a patch of another base). */
  apply(view: PreviewFrameView): Promise<ComposedPicture | null>;
}

/**
 * While a photo plays only its faces change, so the engine sends their rectangle once it knows the page holds a frame
 * of the same photo: less to encode, send and decode. Frames decode side by side but are drawn in the order they came.
 */
export function createFrameCompositor(): FrameCompositor {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  let held: string | null = null;
  let version = 0;
  let drawing: Promise<unknown> = Promise.resolve();
  return {
    base: () => held ?? undefined,
    apply(view) {
      const image = new Image();
      image.src = view.url;
      // decode() lets the browser decode off the main thread, so drawing does not stall the playhead and the timeline
      const decoded = image.decode().then(
        () => image,
        () => null,
      );
      const drawn = drawing.then(async (): Promise<ComposedPicture | null> => {
        const picture = await decoded;
        if (!picture || !context) return null;
        if (view.patch) {
          if (view.base === null || view.base !== held) return null;
          context.drawImage(picture, view.patch.x, view.patch.y);
        } else {
          if (canvas.width !== view.width || canvas.height !== view.height) Object.assign(canvas, { width: view.width, height: view.height });
          context.drawImage(picture, 0, 0);
          held = view.base;
        }
        version += 1;
        return { canvas, version, exact: !view.patch && view.url.startsWith('data:image/png') };
      });
      drawing = drawn.catch(() => undefined);
      return drawn;
    },
  };
}
