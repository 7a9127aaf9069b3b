import type { SubjectFrameParams } from '../animate/performance-types.js';
import type { RgbaImage } from '../media/rgba-image.js';
import { clamp, interpolate } from './face-frame.js';
import type { FaceRig } from './face-rig.js';
import { createLens, lensLinesAt, measureLens, type Lens } from './lens-shape.js';

interface EyeScratch {
  lenses: [Lens, Lens];
  lines: Float64Array;
  upper: [number[], number[]];
  lower: [number[], number[]];
}
const scratchByRig = new WeakMap<FaceRig, EyeScratch>();

function scratchFor(rig: FaceRig): EyeScratch {
  let s = scratchByRig.get(rig);
  if (!s) {
    const [r, l] = rig.eyes;
    s = {
      lenses: [createLens(), createLens()],
      lines: new Float64Array(2),
      upper: [r.upper.indices, l.upper.indices],
      lower: [r.lower.indices, l.lower.indices],
    };
    scratchByRig.set(rig, s);
  }
  return s;
}

/**
 * Moves each iris inside its (warped) eye opening by the gaze offset: the iris disc is resampled from the photo at
 * its new place, the place it left is filled with the eye's own sclera colour, everything clipped to the opening.
 */
export function drawGaze(rig: FaceRig, params: SubjectFrameParams, source: RgbaImage, out: RgbaImage): void {
  if (Math.abs(params.gazeX) < 1e-4 && Math.abs(params.gazeY) < 1e-4) return;
  const { lenses, lines, upper, lower } = scratchFor(rig);
  const blinks = [params.blinkRight, params.blinkLeft];
  const dest = rig.scratch.dest;
  for (let e = 0; e < 2; e++) {
    if (blinks[e] > 0.6) continue;
    const eye = rig.eyes[e];
    const lens = lenses[e];
    measureLens(lens, dest, upper[e], lower[e]);
    // where the iris is now: the photo's iris carried by the mean motion of its lid outline
    let mx = 0;
    let my = 0;
    for (const k of lower[e]) {
      mx += dest[2 * k] - rig.source[3 * k];
      my += dest[2 * k + 1] - rig.source[3 * k + 1];
    }
    mx /= lower[e].length;
    my /= lower[e].length;
    const r = eye.irisRadius;
    const reach = Math.max(0, lens.halfWidth - r * 1.05);
    const gu = clamp(params.gazeX * 2 * lens.halfWidth, -reach, reach);
    const gv = clamp(params.gazeY * 2 * lens.halfWidth, -r * 0.5, r * 0.5);
    const oldX = eye.irisX + mx;
    const oldY = eye.irisY + my;
    const newX = oldX + gu * lens.axisX - gv * lens.axisY;
    const newY = oldY + gu * lens.axisY + gv * lens.axisX;
    const sclera = rig.colours.sclera[e];
    const irisMean = rig.colours.iris[e];

    const x0 = Math.max(rig.region.x0, lens.minX);
    const x1 = Math.min(rig.region.x1 - 1, lens.maxX);
    const y0 = Math.max(rig.region.y0, lens.minY);
    const y1 = Math.min(rig.region.y1 - 1, lens.maxY);
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const rx = x - lens.originX;
        const ry = y - lens.originY;
        const s = (rx * lens.axisX + ry * lens.axisY) / lens.halfWidth;
        if (s <= -1 || s >= 1) continue;
        const t = -rx * lens.axisY + ry * lens.axisX;
        lensLinesAt(lens, s, lines);
        const cover = clamp(Math.min(t - lines[0], lines[1] - t) + 0.5, 0, 1);
        if (cover <= 0) continue;
        const oldA = clamp(r + 1.5 - Math.hypot(x - oldX, y - oldY), 0, 1);
        const newA = clamp(r + 0.5 - Math.hypot(x - newX, y - newY), 0, 1);
        if (oldA <= 0 && newA <= 0) continue;
        const o = (y * out.width + x) * 4;
        const lidShade = 0.8 + 0.2 * clamp((t - lines[0]) / Math.max(1, lines[1] - lines[0]), 0, 1);
        let cr = out.data[o] + (sclera[0] * lidShade - out.data[o]) * oldA;
        let cg = out.data[o + 1] + (sclera[1] * lidShade - out.data[o + 1]) * oldA;
        let cb = out.data[o + 2] + (sclera[2] * lidShade - out.data[o + 2]) * oldA;
        if (newA > 0) {
          const sx = x - newX + eye.irisX;
          const sy = y - newY + eye.irisY;
          const iris = visibleInPhoto(rig, e, sx, sy) ? sampleBilinear(source, sx, sy) : null;
          const ir = iris ? iris[0] : irisMean[0];
          const ig = iris ? iris[1] : irisMean[1];
          const ib = iris ? iris[2] : irisMean[2];
          cr += (ir - cr) * newA;
          cg += (ig - cg) * newA;
          cb += (ib - cb) * newA;
        }
        out.data[o] = out.data[o] + (cr - out.data[o]) * cover + 0.5;
        out.data[o + 1] = out.data[o + 1] + (cg - out.data[o + 1]) * cover + 0.5;
        out.data[o + 2] = out.data[o + 2] + (cb - out.data[o + 2]) * cover + 0.5;
      }
    }
  }
}

/** Whether a photo position lies inside that eye's visible opening (not under a lid). */
function visibleInPhoto(rig: FaceRig, e: number, x: number, y: number): boolean {
  const eye = rig.eyes[e];
  const { originX, originY, axisX, axisY } = rig.frame;
  const u = (x - originX) * axisX + (y - originY) * axisY;
  const v = -(x - originX) * axisY + (y - originY) * axisX;
  if (u <= eye.lower.us[0] || u >= eye.lower.us[eye.lower.us.length - 1]) return false;
  return v > interpolate(eye.upper.us, eye.upper.vs, u) + 0.5 && v < interpolate(eye.lower.us, eye.lower.vs, u) - 0.5;
}

const rgb = new Float64Array(3);
function sampleBilinear(image: RgbaImage, x: number, y: number): Float64Array {
  const cx = clamp(x, 0, image.width - 1);
  const cy = clamp(y, 0, image.height - 1);
  const ix = Math.min(image.width - 2, Math.floor(cx));
  const iy = Math.min(image.height - 2, Math.floor(cy));
  const fx = cx - ix;
  const fy = cy - iy;
  const i = (iy * image.width + ix) * 4;
  const row = image.width * 4;
  for (let c = 0; c < 3; c++) {
    const top = image.data[i + c] * (1 - fx) + image.data[i + 4 + c] * fx;
    const bottom = image.data[i + row + c] * (1 - fx) + image.data[i + row + 4 + c] * fx;
    rgb[c] = top * (1 - fy) + bottom * fy;
  }
  return rgb;
}
