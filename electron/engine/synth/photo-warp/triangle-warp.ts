import type { RgbaImage } from '../../media/rgba-image.js';
import type { PixelRect } from './face-rig.js';

const EDGE_EPS = 1e-7;

/** An RGBA picture seen as one 32-bit word per pixel (the lane arithmetic below does not care which byte is red). */
export interface PixelWords {
  width: number;
  height: number;
  words: Uint32Array;
}

const wordViews = new WeakMap<Uint8Array, Uint32Array>();

/**
 * The picture's pixels as 32-bit words, sharing its memory (cached per buffer). A buffer that does not start on a
 * 4-byte boundary cannot be viewed so: with `copyIfUnaligned` its pixels are copied into a cached aligned scratch on
 * every call (so a reused, changing buffer stays correct), otherwise it throws.
 */
export function pixelWords(image: RgbaImage, copyIfUnaligned: boolean): PixelWords {
  let words = wordViews.get(image.data);
  const aligned = image.data.byteOffset % 4 === 0;
  if (!words) {
    if (aligned) words = new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
    else if (copyIfUnaligned) words = new Uint32Array(image.width * image.height);
    else throw new Error('renderFrame: the output buffer must start on a 4-byte boundary (make it with createFrameBuffer).');
    wordViews.set(image.data, words);
  }
  if (!aligned) new Uint8Array(words.buffer).set(image.data.subarray(0, words.length * 4));
  return { width: image.width, height: image.height, words };
}

/**
 * Fills the destination triangle d0 d1 d2 of `out` with the source triangle s0 s1 s2 of `src`, by inverse affine
 * mapping and bilinear sampling (fixed point, 1/128 px). Rows are clipped to `clip`; source coordinates are clamped to
 * the picture. Pixels on a shared edge may be written by both neighbours (with the same value: the map is continuous).
 */
export function warpTriangle(
  src: PixelWords,
  out: PixelWords,
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
  const sw = src.words;
  const ow = out.words;
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
    let o = y * out.width + xStart;
    const sxEnd = sx + ax * (xEnd - xStart);
    const syEnd = sy + ay * (xEnd - xStart);
    if (Math.min(sx, sxEnd) >= 0.05 && Math.max(sx, sxEnd) < maxX - 0.05 && Math.min(sy, syEnd) >= 0.05 && Math.max(sy, syEnd) < maxY - 0.05) {
      // the whole span samples inside the picture: integer stepping in 16.16 fixed point, no clamping
      let fxp = (sx * 65536) | 0;
      let fyp = (sy * 65536) | 0;
      const stepX = (ax * 65536) | 0;
      const stepY = (ay * 65536) | 0;
      for (let x = xStart; x <= xEnd; x++, fxp += stepX, fyp += stepY, o++) {
        const i00 = (fyp >> 16) * width + (fxp >> 16);
        ow[o] = blend(sw[i00], sw[i00 + 1], sw[i00 + width], sw[i00 + width + 1], (fxp >> 9) & 127, (fyp >> 9) & 127);
      }
      continue;
    }
    for (let x = xStart; x <= xEnd; x++, sx += ax, sy += ay, o++) {
      const cx = sx < 0 ? 0 : sx > maxX ? maxX : sx;
      const cy = sy < 0 ? 0 : sy > maxY ? maxY : sy;
      const ix = cx | 0;
      const iy = cy | 0;
      const i00 = iy * width + ix;
      const i10 = ix < maxX ? i00 + 1 : i00;
      const i01 = iy < maxY ? i00 + width : i00;
      const i11 = ix < maxX ? i01 + 1 : i01;
      ow[o] = blend(sw[i00], sw[i10], sw[i01], sw[i11], ((cx - ix) * 128) | 0, ((cy - iy) * 128) | 0);
    }
  }
}

/**
 * Bilinear blend of four RGBA words with 7-bit weights, two channels per step (red+blue and green+alpha lanes), so
 * every intermediate stays a 31-bit integer.
 */
function blend(p00: number, p10: number, p01: number, p11: number, fx: number, fy: number): number {
  const gx = 128 - fx;
  const gy = 128 - fy;
  const rbTop = (((p00 & 0xff00ff) * gx + (p10 & 0xff00ff) * fx + 0x400040) >> 7) & 0xff00ff;
  const rbBottom = (((p01 & 0xff00ff) * gx + (p11 & 0xff00ff) * fx + 0x400040) >> 7) & 0xff00ff;
  const gaTop = ((((p00 >>> 8) & 0xff00ff) * gx + ((p10 >>> 8) & 0xff00ff) * fx + 0x400040) >> 7) & 0xff00ff;
  const gaBottom = ((((p01 >>> 8) & 0xff00ff) * gx + ((p11 >>> 8) & 0xff00ff) * fx + 0x400040) >> 7) & 0xff00ff;
  const rb = ((rbTop * gy + rbBottom * fy + 0x400040) >> 7) & 0xff00ff;
  const ga = ((gaTop * gy + gaBottom * fy + 0x400040) >> 7) & 0xff00ff;
  return rb | (ga << 8);
}
