import type { SubjectFrameParams } from '../../animate/performance-types.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { clamp } from './face-frame.js';
import type { FaceRig } from './face-rig.js';
import { createLens, lensLinesAt, measureLens, type Lens } from './lens-shape.js';

interface EyeScratch {
  lens: Lens;
  lines: Float64Array;
  /** Copy of the warped eye's bounding box, sampled while the eye is rewritten in place. */
  copy: Uint8Array;
}
const scratchByRig = new WeakMap<FaceRig, EyeScratch[]>();

function scratchFor(rig: FaceRig): EyeScratch[] {
  let s = scratchByRig.get(rig);
  if (!s) {
    s = [0, 1].map(() => ({ lens: createLens(), lines: new Float64Array(2), copy: new Uint8Array(0) }));
    scratchByRig.set(rig, s);
  }
  return s;
}

/**
 * Moves each iris inside its warped eye opening by the gaze offset. The opening is remapped along the eye: the iris
 * disc shifts whole, the eye white on either side stretches or compresses between the iris and the corners, so the
 * photo's own iris, highlight and sclera are reused and nothing is painted. Vertical gaze shifts the iris column
 * between the lids. Clipped, anti-aliased, to the opening.
 */
export function drawGaze(rig: FaceRig, params: SubjectFrameParams, out: RgbaImage): void {
  if (Math.abs(params.gazeX) < 1e-4 && Math.abs(params.gazeY) < 1e-4) return;
  const scratch = scratchFor(rig);
  const blinks = [params.blinkRight, params.blinkLeft];
  const dest = rig.scratch.dest;
  for (let e = 0; e < 2; e++) {
    if (blinks[e] > 0.7) continue;
    const eye = rig.eyes[e];
    const s = scratch[e];
    const { lens, lines } = s;
    measureLens(lens, dest, eye.upper.indices, eye.lower.indices);
    const halfW = lens.halfWidth;
    // the iris now: the photo's iris carried by the mean motion of the eye outline
    let mx = 0;
    let my = 0;
    for (const k of eye.lower.indices) {
      mx += dest[2 * k] - rig.source[3 * k];
      my += dest[2 * k + 1] - rig.source[3 * k + 1];
    }
    const irisX = eye.irisX + mx / eye.lower.indices.length - lens.originX;
    const irisY = eye.irisY + my / eye.lower.indices.length - lens.originY;
    const cs = (irisX * lens.axisX + irisY * lens.axisY) / halfW;
    const ct = -irisX * lens.axisY + irisY * lens.axisX;
    const rS = Math.min(0.45, eye.irisRadius / halfW);
    // keep the whole iris between the corners
    const reach = Math.max(0, 0.92 - rS - Math.abs(cs));
    const shiftS = clamp(params.gazeX * 2, -reach, reach);
    const shiftT = clamp(params.gazeY * 2 * halfW, -eye.irisRadius * 0.5, eye.irisRadius * 0.5);
    const [a0, b0] = [cs - rS, cs + rS];
    const [a, b] = [a0 + shiftS, b0 + shiftS];

    const x0 = Math.max(rig.region.x0, lens.minX);
    const x1 = Math.min(rig.region.x1 - 1, lens.maxX);
    const y0 = Math.max(rig.region.y0, lens.minY);
    const y1 = Math.min(rig.region.y1 - 1, lens.maxY);
    const boxW = x1 - x0 + 1;
    const boxH = y1 - y0 + 1;
    if (boxW < 2 || boxH < 2) continue;
    if (s.copy.length < boxW * boxH * 4) s.copy = new Uint8Array(boxW * boxH * 4 * 2);
    for (let y = y0; y <= y1; y++) s.copy.set(out.data.subarray((y * out.width + x0) * 4, (y * out.width + x1 + 1) * 4), (y - y0) * boxW * 4);

    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const rx = x - lens.originX;
        const ry = y - lens.originY;
        const sAt = (rx * lens.axisX + ry * lens.axisY) / halfW;
        if (sAt <= -1 || sAt >= 1) continue;
        const t = -rx * lens.axisY + ry * lens.axisX;
        lensLinesAt(lens, sAt, lines);
        const cover = clamp(Math.min(t - lines[0], lines[1] - t) + 0.5, 0, 1);
        if (cover <= 0) continue;
        // along the eye: corners fixed, iris shifted whole, the white between them stretched
        const from = sAt < a ? -1 + ((sAt + 1) * (a0 + 1)) / (a + 1) : sAt > b ? 1 - ((1 - sAt) * (1 - b0)) / (1 - b) : sAt - shiftS;
        // across the eye, near the iris column: lids fixed, the iris centre moved, what lies between stretched
        const column = 1 - clamp((Math.abs(sAt - (cs + shiftS)) - rS) / rS, 0, 1);
        let tFrom = t;
        if (column > 0 && shiftT !== 0 && lines[1] - lines[0] > 2) {
          const c0 = clamp(ct, lines[0] + 1, lines[1] - 1);
          const c1 = clamp(ct + shiftT, lines[0] + 1, lines[1] - 1);
          const mapped = t < c1 ? lines[0] + ((t - lines[0]) * (c0 - lines[0])) / (c1 - lines[0]) : lines[1] - ((lines[1] - t) * (lines[1] - c0)) / (lines[1] - c1);
          tFrom = t + (mapped - t) * column;
        }
        const sxPx = lens.originX + from * halfW * lens.axisX - tFrom * lens.axisY - x0;
        const syPx = lens.originY + from * halfW * lens.axisY + tFrom * lens.axisX - y0;
        const o = (y * out.width + x) * 4;
        sampleInto(s.copy, boxW, boxH, sxPx, syPx, out.data, o, cover);
      }
    }
  }
}

/** Bilinear sample of the copied box at (x, y), blended into `dst` at `o` by `alpha`. */
function sampleInto(src: Uint8Array, w: number, h: number, x: number, y: number, dst: Uint8Array, o: number, alpha: number): void {
  const cx = clamp(x, 0, w - 1.001);
  const cy = clamp(y, 0, h - 1.001);
  const ix = Math.floor(cx);
  const iy = Math.floor(cy);
  const fx = cx - ix;
  const fy = cy - iy;
  const i = (iy * w + ix) * 4;
  const row = w * 4;
  for (let c = 0; c < 3; c++) {
    const top = src[i + c] * (1 - fx) + src[i + 4 + c] * fx;
    const bottom = src[i + row + c] * (1 - fx) + src[i + row + 4 + c] * fx;
    const v = top * (1 - fy) + bottom * fy;
    dst[o + c] = dst[o + c] + (v - dst[o + c]) * alpha + 0.5;
  }
}
