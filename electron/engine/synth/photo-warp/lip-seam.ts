/**
 * Where a closed mouth's lips really meet in the photo. The landmarks' inner lip lines miss the dark seam by a pixel or
 * two (often both lie on one side of it, or cross). Parted as they stand, one lip then carries a sliver of the other
 * and the seam itself: a pale band and a dark line along the opening, a double edge. So each inner-lip vertex samples
 * the photo from the seam instead, easing in as the lips part (a closed mouth still shows the photo as it is).
 */
import type { RgbaImage } from '../../media/rgba-image.js';
import { smoothstep, type FaceFrame } from './face-frame.js';
import type { FaceRig } from './face-rig.js';
import type { MouthGeometry } from './rig-geometry.js';

export interface LipSeam {
  /** Per position along the inner lip lines (as `mouth.upper/lower.indices`): texture shift down the face, pixels. */
  upper: Float64Array;
  lower: Float64Array;
}

/** Only a mouth this closed (face heights) has one seam to find. */
const CLOSED_GAP = 0.015;
/** The seam is looked for this far either side of the landmarks (face heights; at most half the thinner lip). */
const SEARCH = 0.02;
/** Luma by which the seam must be darker than the lips either side of it. */
const MIN_CONTRAST = 12;

export function measureLipSeam(source: RgbaImage, frame: FaceFrame, local: Float64Array, mouth: MouthGeometry): LipSeam {
  const n = mouth.upper.indices.length;
  const seam: LipSeam = { upper: new Float64Array(n), lower: new Float64Array(n) };
  const H = frame.heightPx;
  if (mouth.gapPx > CLOSED_GAP * H || mouth.lower.indices.length !== n) return seam;
  const reach = Math.min(SEARCH * H, 0.5 * Math.min(mouth.upperThickPx, mouth.lowerThickPx));
  if (reach < 1) return seam;
  const step = 0.25;
  for (let i = 1; i < n - 1; i++) {
    const a = mouth.upper.indices[i];
    const b = mouth.lower.indices[i];
    const u = (local[2 * a] + local[2 * b]) / 2;
    const v = (local[2 * a + 1] + local[2 * b + 1]) / 2;
    let best = Infinity;
    let bestD = 0;
    for (let d = -reach; d <= reach + 1e-9; d += step) {
      const l = lumaAt(source, frame, u, v + d);
      if (l < best) [best, bestD] = [l, d];
    }
    const sides = (lumaAt(source, frame, u, v - reach) + lumaAt(source, frame, u, v + reach)) / 2;
    if (sides - best < MIN_CONTRAST) continue;
    seam.upper[i] = v + bestD - local[2 * a + 1];
    seam.lower[i] = v + bestD - local[2 * b + 1];
  }
  return seam;
}

/**
 * Moves the inner-lip vertices' texture towards the seam by how far each column has parted beyond the photo's own
 * gap (full from 1.5 px). Call after the jaw and lips have moved (`dv` filled), before a press rolls the lips in.
 */
export function sampleFromSeam(rig: FaceRig): void {
  const { lipSeam: seam, mouth, frame, source } = rig;
  const { dv, texture } = rig.scratch;
  const n = seam.upper.length;
  for (let i = 1; i < n - 1; i++) {
    if (seam.upper[i] === 0 && seam.lower[i] === 0) continue;
    const a = mouth.upper.indices[i];
    const b = mouth.lower.indices[i];
    const parted = dv[b] - dv[a];
    const ease = smoothstep(0, 1.5, parted);
    if (ease === 0) continue;
    shiftTexture(source, texture, frame, a, seam.upper[i] * ease);
    shiftTexture(source, texture, frame, b, seam.lower[i] * ease);
  }
}

function shiftTexture(source: Float64Array, texture: Float64Array, frame: FaceFrame, k: number, downPx: number): void {
  texture[3 * k] = source[3 * k] - downPx * frame.axisY;
  texture[3 * k + 1] = source[3 * k + 1] + downPx * frame.axisX;
}

/** Luma at face-frame (u, v), bilinear. */
function lumaAt(image: RgbaImage, frame: FaceFrame, u: number, v: number): number {
  const x = frame.originX + u * frame.axisX - v * frame.axisY;
  const y = frame.originY + u * frame.axisY + v * frame.axisX;
  const x0 = Math.max(0, Math.min(image.width - 2, Math.floor(x)));
  const y0 = Math.max(0, Math.min(image.height - 2, Math.floor(y)));
  const fx = Math.min(1, Math.max(0, x - x0));
  const fy = Math.min(1, Math.max(0, y - y0));
  const at = (xx: number, yy: number) => {
    const o = (yy * image.width + xx) * 4;
    return 0.299 * image.data[o] + 0.587 * image.data[o + 1] + 0.114 * image.data[o + 2];
  };
  const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * fx;
  const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * fx;
  return top + (bottom - top) * fy;
}
