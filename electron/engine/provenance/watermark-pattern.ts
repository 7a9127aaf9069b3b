/**
 * The invisible mark's pattern: a lattice of pseudo-random ±1 values drawn from the installation's key, anchored at the
 * output picture's top-left corner and interpolated bilinearly between lattice points, so the mark is smooth (no block
 * edges for the encoder to spend bits on) and lives in the low-to-mid frequencies that H.264 at CRF 28 and a downscale
 * keep. The cell (lattice spacing) is a fixed share of the output's short side, so a downscaled copy carries the same
 * pattern at the same relative scale; a crop shifts it (found by a search over shifts) and changes its relative scale
 * (found by a search over cell sizes). The lattice does not repeat within a picture, so a photo's own texture cannot
 * line up with it.
 */
import { createHmac } from 'node:crypto';

/** Lattice points on each side before the pattern repeats (beyond any picture's 96 × 96·aspect cells). */
export const LATTICE_SIZE = 256;
/** The output's short side holds this many cells (1080 px → 11 px cells; 720 px → 7.5 px): more cells, more evidence, and a photo's own texture is weaker at these finer scales. */
export const CELLS_PER_SHORT_SIDE = 96;
/** Peak change of the luma, in 8-bit levels; the RMS change is about two thirds of it (≈ 47 dB PSNR). */
export const MARK_AMPLITUDE = 1.6;

/** The ±1 lattice of a key, row-major; deterministic for a key (HMAC-SHA-256 in counter mode). */
export function createMarkLattice(key: Uint8Array): Int8Array {
  if (key.length < 16) throw new RangeError('watermark key must be at least 16 bytes');
  const points = LATTICE_SIZE * LATTICE_SIZE;
  const lattice = new Int8Array(points);
  for (let block = 0; block * 256 < points; block++) {
    const bytes = createHmac('sha256', key).update(`mouthpiece-watermark-${block}`).digest();
    for (let bit = 0; bit < 256; bit++) lattice[block * 256 + bit] = (bytes[bit >> 3] >> (bit & 7)) & 1 ? 1 : -1;
  }
  return lattice;
}

/** Output pixels per cell for an output picture of this size. */
export function cellSizePx(output: { width: number; height: number }): number {
  return Math.min(output.width, output.height) / CELLS_PER_SHORT_SIDE;
}

/** The pattern (−1..1) at a point given in cells from the output's corner: bilinear between lattice values. */
export function sampleMark(lattice: Int8Array, cellX: number, cellY: number): number {
  const x0 = Math.floor(cellX);
  const y0 = Math.floor(cellY);
  const fx = cellX - x0;
  const fy = cellY - y0;
  const ax = mod(x0, LATTICE_SIZE);
  const ay = mod(y0, LATTICE_SIZE);
  const bx = (ax + 1) % LATTICE_SIZE;
  const by = (ay + 1) % LATTICE_SIZE;
  const top = lattice[ay * LATTICE_SIZE + ax] * (1 - fx) + lattice[ay * LATTICE_SIZE + bx] * fx;
  const bottom = lattice[by * LATTICE_SIZE + ax] * (1 - fx) + lattice[by * LATTICE_SIZE + bx] * fx;
  return top * (1 - fy) + bottom * fy;
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
