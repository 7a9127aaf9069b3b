/**
 * Adds the invisible mark to rendered RGBA frames on their way to the encoder. The change of every pixel is worked out
 * once per frame size (the pixels that change and their luma steps) and then added to red, green and blue alike, so the
 * luma moves by that step and the colour does not: a copy of the frame plus one pass over the changed pixels.
 */
import type { RgbaImage } from '../media/rgba-image.js';
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

/**
 * The frames with the mark added, into one reused buffer (the encoder takes each frame before asking for the next).
 * The source frames are not changed: a renderer may keep drawing into its own buffer.
 */
export async function* watermarkFrames(frames: AsyncIterable<RgbaImage> | Iterable<RgbaImage>, placement: WatermarkPlacement): AsyncGenerator<RgbaImage> {
  let mark: MarkSteps | undefined;
  let out: RgbaImage | undefined;
  for await (const frame of frames) {
    if (!out || out.width !== frame.width || out.height !== frame.height) {
      mark = collectMarkSteps(createMarkDeltas(placement, frame));
      out = { width: frame.width, height: frame.height, data: new Uint8Array(frame.data.length) };
    }
    addMark(frame.data, mark!, out.data);
    yield out;
  }
}

/** The pixels the mark changes (byte offsets of their red) and by how much: about half the pixels round to no change. */
export interface MarkSteps {
  offsets: Uint32Array;
  steps: Int8Array;
}

export function collectMarkSteps(deltas: Int8Array): MarkSteps {
  let count = 0;
  for (const d of deltas) if (d !== 0) count += 1;
  const offsets = new Uint32Array(count);
  const steps = new Int8Array(count);
  for (let p = 0, k = 0; p < deltas.length; p++) {
    if (deltas[p] === 0) continue;
    offsets[k] = p * 4;
    steps[k++] = deltas[p];
  }
  return { offsets, steps };
}

/** `into` = `rgba` with the steps added to red, green and blue (clamped to 0..255): a copy, then only the changed pixels. */
export function addMark(rgba: Uint8Array, mark: MarkSteps, into: Uint8Array): void {
  into.set(rgba);
  const clamped = new Uint8ClampedArray(into.buffer, into.byteOffset, into.length);
  const { offsets, steps } = mark;
  for (let k = 0; k < offsets.length; k++) {
    const i = offsets[k];
    const d = steps[k];
    clamped[i] += d;
    clamped[i + 1] += d;
    clamped[i + 2] += d;
  }
}
