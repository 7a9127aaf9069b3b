/**
 * Adds the invisible mark to rendered RGBA frames on their way to the encoder. The change of every pixel is worked out
 * once per frame size (each pixel's luma step) and then added to red, green and blue alike, so the luma moves by that
 * step and the colour does not (add-mark.ts), in one pass over the frame, or over the parts a renderer redrew.
 */
import type { RgbaImage } from '../media/rgba-image.js';
import { addMark, addMarkInRect, createMarkWords, type MarkRect, type MarkWords } from './add-mark.js';
import { cellSizePx, createMarkLattice, MARK_AMPLITUDE, sampleMark } from './watermark-pattern.js';

export interface WatermarkPlacement {
  /** The installation's watermark key. */
  key: Uint8Array;
  /** Size of the finished video. */
  output: { width: number; height: number };
  /** Output pixels per frame pixel (the encoder scales frames by this; same on both axes). */
  outputPxPerFramePx: number;
  /** Where the frame's top-left corner lands in the output (output pixels); 0,0 when the frame fills it. */
  frameOrigin?: { x: number; y: number };
}

/** The luma step (whole levels) of every pixel of a frame of `frameSize`, row-major. */
export function createMarkDeltas(placement: WatermarkPlacement, frameSize: { width: number; height: number }): Int8Array {
  const lattice = createMarkLattice(placement.key);
  const cellPx = cellSizePx(placement.output);
  const cellsPerFramePx = placement.outputPxPerFramePx / cellPx;
  const originX = (placement.frameOrigin?.x ?? 0) / cellPx;
  const originY = (placement.frameOrigin?.y ?? 0) / cellPx;
  const { width, height } = frameSize;
  const deltas = new Int8Array(width * height);
  for (let y = 0; y < height; y++) {
    const cellY = originY + (y + 0.5) * cellsPerFramePx;
    for (let x = 0; x < width; x++) {
      deltas[y * width + x] = Math.round(MARK_AMPLITUDE * sampleMark(lattice, originX + (x + 0.5) * cellsPerFramePx, cellY));
    }
  }
  return deltas;
}

/** A frame that may say where it differs from the frame before it (see FrameSynthesiser.frames). */
export type MarkableFrame = RgbaImage & { readonly redrawn?: readonly MarkRect[] };

/**
 * The frames with the mark added, into one reused buffer (the encoder takes each frame before asking for the next).
 * The source frames are not changed: a renderer may keep drawing into its own buffer. A frame that lists the parts it
 * `redrawn` since the frame before (same size) has only those marked again: the rest of the marked buffer still holds
 * the previous frame's marked pixels, which are the same.
 */
export async function* watermarkFrames(frames: AsyncIterable<MarkableFrame> | Iterable<MarkableFrame>, placement: WatermarkPlacement): AsyncGenerator<RgbaImage> {
  let mark: MarkWords | undefined;
  let out: RgbaImage | undefined;
  for await (const frame of frames) {
    if (!out || !mark || out.width !== frame.width || out.height !== frame.height) {
      mark = createMarkWords(createMarkDeltas(placement, frame));
      out = { width: frame.width, height: frame.height, data: new Uint8Array(frame.data.length) };
      addMark(frame.data, mark, out.data);
    } else if (frame.redrawn) {
      for (const rect of frame.redrawn) addMarkInRect(frame.data, mark, out.data, frame.width, rect);
    } else {
      addMark(frame.data, mark, out.data);
    }
    yield out;
  }
}
