/**
 * Adds the invisible mark to rendered RGBA frames on their way to the encoder. The change of every pixel is worked out
 * once per frame size (each pixel's luma step) and then added to red, green and blue alike, so the luma moves by that
 * step and the colour does not (add-mark.ts), in one pass over the frame, or over the parts a renderer redrew.
 */
import type { RgbaImage } from '../media/rgba-image.js';
import { addMark, addMarkInRect, createMarkWords, type MarkRect, type MarkWords } from './add-mark.js';
import { createSimdMarker } from './mark-simd.js';
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
  let marker: FrameMarker | undefined;
  for await (const frame of frames) {
    if (!marker || marker.out.width !== frame.width || marker.out.height !== frame.height) {
      marker = createFrameMarker(createMarkDeltas(placement, frame), frame);
      marker.markWhole(frame.data);
    } else if (frame.redrawn) {
      for (const rect of frame.redrawn) marker.markRect(frame.data, rect);
    } else {
      marker.markWhole(frame.data);
    }
    yield marker.out;
  }
}

interface FrameMarker {
  /** The marked frame, one buffer for every frame. */
  out: RgbaImage;
  markWhole(rgba: Uint8Array): void;
  markRect(rgba: Uint8Array, rect: MarkRect): void;
}

/** Whole frames in WebAssembly SIMD where the runtime has it (mark-simd.ts), rectangles and the fallback in lanes. */
function createFrameMarker(deltas: Int8Array, size: { width: number; height: number }): FrameMarker {
  const simd = createSimdMarker(deltas);
  let words: MarkWords | undefined;
  const wordsOf = () => (words ??= createMarkWords(deltas));
  const out: RgbaImage = { width: size.width, height: size.height, data: simd ? simd.out : new Uint8Array(deltas.length * 4) };
  return {
    out,
    markWhole: (rgba) => (simd ? simd.mark(rgba) : addMark(rgba, wordsOf(), out.data)),
    markRect: (rgba, rect) => addMarkInRect(rgba, wordsOf(), out.data, size.width, rect),
  };
}
