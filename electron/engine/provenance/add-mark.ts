/**
 * The per-frame work of the watermark: add each pixel's luma step to red, green and blue, clamped to 0..255, into a
 * separate buffer. This runs on every frame of every render, so it works on whole 32-bit pixels without branches: the
 * word is split into two pairs of 16-bit lanes (red and blue, green and alpha), each channel lifted by 256 plus its
 * step so nothing borrows across lanes, and the clamp read off bits 8 and 9 of each lane (below 256 → 0, 512 and up →
 * 255). Same bytes as the per-channel sum. (As a loop over module-level arrays this is about twice as fast as the
 * per-channel version; with the arrays passed in, as here, V8 makes it about as fast: measured, see docs/provenance.md.)
 */

/** The mark of one frame size, per pixel: the words added to its (red, blue) and (green, alpha) lanes. */
export interface MarkWords {
  redBlue: Int32Array;
  greenAlpha: Int32Array;
}

/** Part of a frame, in pixels: columns x0..x1−1, rows y0..y1−1. */
export interface MarkRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const LANE_BASE = 256;
/** Lane arithmetic needs the bytes in RGBA order from the low end of the word (every platform Node ships on). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** The lane words for each pixel's luma step (`deltas`, whole levels, |step| ≤ 2). */
export function createMarkWords(deltas: Int8Array): MarkWords {
  const redBlue = new Int32Array(deltas.length);
  const greenAlpha = new Int32Array(deltas.length);
  for (let p = 0; p < deltas.length; p++) {
    const step = deltas[p];
    if (step < -2 || step > 2) throw new RangeError(`mark step ${step} at pixel ${p} is outside −2..2`);
    redBlue[p] = ((LANE_BASE + step) << 16) | (LANE_BASE + step);
    greenAlpha[p] = (LANE_BASE << 16) | (LANE_BASE + step);
  }
  return { redBlue, greenAlpha };
}

/** `into` = `rgba` with the mark added to every pixel (RGBA bytes; `mark` has one entry per pixel). */
export function addMark(rgba: Uint8Array, mark: MarkWords, into: Uint8Array): void {
  const pixels = mark.redBlue.length;
  if (rgba.length !== pixels * 4 || into.length !== rgba.length) throw new RangeError(`addMark: ${rgba.length} bytes of frame for a mark of ${pixels} pixels`);
  markSpan(rgba, mark, into, 0, pixels);
}

/** Like addMark, but only inside `rect` of a frame `width` pixels wide: the rest of `into` is left as it is. */
export function addMarkInRect(rgba: Uint8Array, mark: MarkWords, into: Uint8Array, width: number, rect: MarkRect): void {
  const height = mark.redBlue.length / width;
  const x0 = Math.max(0, Math.floor(rect.x0));
  const x1 = Math.min(width, Math.ceil(rect.x1));
  const y0 = Math.max(0, Math.floor(rect.y0));
  const y1 = Math.min(height, Math.ceil(rect.y1));
  if (x1 <= x0) return;
  for (let y = y0; y < y1; y++) markSpan(rgba, mark, into, y * width + x0, y * width + x1);
}

/** Pixels `from`..`to`−1. */
function markSpan(rgba: Uint8Array, mark: MarkWords, into: Uint8Array, from: number, to: number): void {
  const { redBlue, greenAlpha } = mark;
  if (!LITTLE_ENDIAN || rgba.byteOffset % 4 !== 0 || into.byteOffset % 4 !== 0) {
    for (let p = from; p < to; p++) addClamped(rgba, into, p * 4, (redBlue[p] & 0xffff) - LANE_BASE);
    return;
  }
  addLanes(new Int32Array(rgba.buffer, rgba.byteOffset, rgba.length >> 2), new Int32Array(into.buffer, into.byteOffset, into.length >> 2), redBlue, greenAlpha, from, to);
}

/** The hot loop, on its own so the engine compiles it for exactly these array types. */
function addLanes(src: Int32Array, dst: Int32Array, redBlue: Int32Array, greenAlpha: Int32Array, from: number, to: number): void {
  for (let p = from; p < to; p++) {
    const v = src[p];
    // Each lane now holds 256 + channel + step, 254..513.
    const rb = (v & 0x00ff00ff) + redBlue[p];
    const ga = ((v >>> 8) & 0x00ff00ff) + greenAlpha[p];
    // 0xff in a lane whose bit 8 is set (256..511: in range, keep the low byte), or whose bit 9 is (512 up: 255).
    const rbKeep = ((rb >> 8) & 0x00010001) * 0xff;
    const rbFull = ((rb >> 9) & 0x00010001) * 0xff;
    const gaKeep = ((ga >> 8) & 0x00010001) * 0xff;
    const gaFull = ((ga >> 9) & 0x00010001) * 0xff;
    dst[p] = (((rb & rbKeep) | rbFull) & 0x00ff00ff) | ((((ga & gaKeep) | gaFull) & 0x00ff00ff) << 8);
  }
}

function addClamped(rgba: Uint8Array, into: Uint8Array, i: number, step: number): void {
  into[i] = clampByte(rgba[i] + step);
  into[i + 1] = clampByte(rgba[i + 1] + step);
  into[i + 2] = clampByte(rgba[i + 2] + step);
  into[i + 3] = rgba[i + 3];
}

function clampByte(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}
