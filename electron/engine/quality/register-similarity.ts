/**
 * Fine registration of a reference patch in a frame: refines a similarity warp (scale, rotation, shift) by
 * Gauss–Newton on the pixels (Lucas–Kanade), with a gain and offset for brightness. Landmarks put the patch
 * within a pixel or two; this puts it within a fraction of one, which SSIM on a textured face needs.
 */
import type { LumaPlane } from './ssim.js';

export interface Similarity {
  /** scale·cos, scale·sin, translation: q = [a −b; b a]·p + t */
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export function applySimilarity(t: Similarity, x: number, y: number): [number, number] {
  return [t.a * x - t.b * y + t.tx, t.b * x + t.a * y + t.ty];
}

export function sampleBilinear(plane: LumaPlane, x: number, y: number): number {
  const cx = Math.min(plane.width - 1, Math.max(0, x));
  const cy = Math.min(plane.height - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(plane.width - 1, x0 + 1);
  const y1 = Math.min(plane.height - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const row0 = plane.data[y0 * plane.width + x0] * (1 - fx) + plane.data[y0 * plane.width + x1] * fx;
  const row1 = plane.data[y1 * plane.width + x0] * (1 - fx) + plane.data[y1 * plane.width + x1] * fx;
  return row0 * (1 - fy) + row1 * fy;
}

/** Reference samples at points (x, y) (in reference coordinates, centred for conditioning). */
export interface Patch {
  points: Float32Array;
  values: Float32Array;
}

const ITERATIONS = 12;
const PARAMS = 6;

/**
 * Refines `start` (reference points → frame) so the frame sampled through it best matches the patch values
 * up to gain and offset. Stops early when an update moves the patch by less than 0.01 px.
 */
export function refineSimilarity(patch: Patch, frame: LumaPlane, start: Similarity): Similarity {
  let t = { ...start };
  let gain = 1;
  let offset = 0;
  const n = patch.values.length;
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const h = new Float64Array(PARAMS * PARAMS);
    const g = new Float64Array(PARAMS);
    const row = new Float64Array(PARAMS);
    let extent = 0;
    for (let i = 0; i < n; i++) {
      const x = patch.points[i * 2];
      const y = patch.points[i * 2 + 1];
      extent = Math.max(extent, Math.abs(x), Math.abs(y));
      const [fx, fy] = applySimilarity(t, x, y);
      const value = sampleBilinear(frame, fx, fy);
      const gx = (sampleBilinear(frame, fx + 0.5, fy) - sampleBilinear(frame, fx - 0.5, fy)) * gain;
      const gy = (sampleBilinear(frame, fx, fy + 0.5) - sampleBilinear(frame, fx, fy - 0.5)) * gain;
      // d(frame position)/d(a, b, tx, ty) = (x, y), (−y, x), (1, 0), (0, 1)
      row[0] = gx * x + gy * y;
      row[1] = -gx * y + gy * x;
      row[2] = gx;
      row[3] = gy;
      row[4] = value;
      row[5] = 1;
      const residual = gain * value + offset - patch.values[i];
      for (let r = 0; r < PARAMS; r++) {
        g[r] += row[r] * residual;
        for (let c = 0; c < PARAMS; c++) h[r * PARAMS + c] += row[r] * row[c];
      }
    }
    const step = solve(h, g);
    if (!step) break;
    t = { a: t.a - step[0], b: t.b - step[1], tx: t.tx - step[2], ty: t.ty - step[3] };
    gain -= step[4];
    offset -= step[5];
    const moved = Math.hypot(step[0], step[1]) * extent + Math.hypot(step[2], step[3]);
    if (moved < 0.01) break;
  }
  return t;
}

/** Solves h·x = g (h symmetric positive definite, small) by Gaussian elimination with pivoting; null if singular. */
function solve(h: Float64Array, g: Float64Array): number[] | null {
  const size = g.length;
  const m = Array.from({ length: size }, (_, r) => [...h.subarray(r * size, r * size + size), g[r]]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-9) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c <= size; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((r, i) => r[size] / r[i]);
}
