import type { RgbaImage } from '../media/rgba-image.js';
import type { PixelRect } from './face-rig.js';

const EDGE_EPS = 1e-7;

/**
 * Fills the destination triangle d0 d1 d2 of `out` with the source triangle s0 s1 s2 of `src`, by inverse affine
 * mapping and bilinear sampling. Rows are clipped to `clip`; source coordinates are clamped to the picture. Pixels on
 * a shared edge may be written by both neighbours (with the same value, as the piecewise map is continuous).
 */
export function warpTriangle(
  src: RgbaImage,
  out: RgbaImage,
  clip: PixelRect,
  d: Float64Array,
  s: Float64Array,
  a: number,
  b: number,
  c: number,
): void {
  const dx0 = d[2 * a];
  const dy0 = d[2 * a + 1];
  const dx1 = d[2 * b];
  const dy1 = d[2 * b + 1];
  const dx2 = d[2 * c];
  const dy2 = d[2 * c + 1];
  const det = (dx1 - dx0) * (dy2 - dy0) - (dx2 - dx0) * (dy1 - dy0);
  if (Math.abs(det) < 1e-9) return;
  const sx0 = s[3 * a];
  const sy0 = s[3 * a + 1];
  const ex1 = s[3 * b] - sx0;
  const ey1 = s[3 * b + 1] - sy0;
  const ex2 = s[3 * c] - sx0;
  const ey2 = s[3 * c + 1] - sy0;
  // source = s0 + ax·(x - dx0) + bx·(y - dy0), and likewise for y
  const ax = (ex1 * (dy2 - dy0) - ex2 * (dy1 - dy0)) / det;
  const bx = (ex2 * (dx1 - dx0) - ex1 * (dx2 - dx0)) / det;
  const ay = (ey1 * (dy2 - dy0) - ey2 * (dy1 - dy0)) / det;
  const by = (ey2 * (dx1 - dx0) - ey1 * (dx2 - dx0)) / det;

  const yStart = Math.max(clip.y0, Math.ceil(Math.min(dy0, dy1, dy2) - EDGE_EPS));
  const yEnd = Math.min(clip.y1 - 1, Math.floor(Math.max(dy0, dy1, dy2) + EDGE_EPS));
  const width = src.width;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  const sd = src.data;
  const od = out.data;
  for (let y = yStart; y <= yEnd; y++) {
    let xl = Infinity;
    let xr = -Infinity;
    // intersections of the row with the three edges
    for (let e = 0; e < 3; e++) {
      const px = e === 0 ? dx0 : e === 1 ? dx1 : dx2;
      const py = e === 0 ? dy0 : e === 1 ? dy1 : dy2;
      const qx = e === 0 ? dx1 : e === 1 ? dx2 : dx0;
      const qy = e === 0 ? dy1 : e === 1 ? dy2 : dy0;
      if ((y < py - EDGE_EPS && y < qy - EDGE_EPS) || (y > py + EDGE_EPS && y > qy + EDGE_EPS)) continue;
      if (Math.abs(qy - py) < 1e-12) {
        xl = Math.min(xl, px, qx);
        xr = Math.max(xr, px, qx);
      } else {
        const x = px + ((Math.min(Math.max(y, Math.min(py, qy)), Math.max(py, qy)) - py) * (qx - px)) / (qy - py);
        xl = Math.min(xl, x);
        xr = Math.max(xr, x);
      }
    }
    const xStart = Math.max(clip.x0, Math.ceil(xl - EDGE_EPS));
    const xEnd = Math.min(clip.x1 - 1, Math.floor(xr + EDGE_EPS));
    if (xStart > xEnd) continue;
    let sx = sx0 + ax * (xStart - dx0) + bx * (y - dy0);
    let sy = sy0 + ay * (xStart - dx0) + by * (y - dy0);
    let o = (y * out.width + xStart) * 4;
    for (let x = xStart; x <= xEnd; x++, sx += ax, sy += ay, o += 4) {
      const cx = sx < 0 ? 0 : sx > maxX ? maxX : sx;
      const cy = sy < 0 ? 0 : sy > maxY ? maxY : sy;
      const ix = cx | 0;
      const iy = cy | 0;
      const fx = cx - ix;
      const fy = cy - iy;
      const i00 = (iy * width + ix) * 4;
      const i10 = ix < maxX ? i00 + 4 : i00;
      const i01 = iy < maxY ? i00 + width * 4 : i00;
      const i11 = ix < maxX ? i01 + 4 : i01;
      const w00 = (1 - fx) * (1 - fy);
      const w10 = fx * (1 - fy);
      const w01 = (1 - fx) * fy;
      const w11 = fx * fy;
      od[o] = sd[i00] * w00 + sd[i10] * w10 + sd[i01] * w01 + sd[i11] * w11 + 0.5;
      od[o + 1] = sd[i00 + 1] * w00 + sd[i10 + 1] * w10 + sd[i01 + 1] * w01 + sd[i11 + 1] * w11 + 0.5;
      od[o + 2] = sd[i00 + 2] * w00 + sd[i10 + 2] * w10 + sd[i01 + 2] * w01 + sd[i11 + 2] * w11 + 0.5;
      od[o + 3] = sd[i00 + 3] * w00 + sd[i10 + 3] * w10 + sd[i01 + 3] * w01 + sd[i11 + 3] * w11 + 0.5;
    }
  }
}
