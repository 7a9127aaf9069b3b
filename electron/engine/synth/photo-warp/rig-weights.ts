import { interpolate, smoothstep } from './face-frame.js';
import type { BrowGeometry, EyeGeometry, MouthGeometry } from './rig-geometry.js';

/** How much of each motion every rig vertex follows (0..1), and to which lip/lid side it belongs. */
export interface RigWeights {
  pose: Float32Array;
  /** Which jaw a vertex belongs to: 0 above the mouth, 1 below, ½ at the corners (sides and bridges go by it). */
  jaw: Float32Array;
  /** How far it follows the jaw down: `jaw`, except that the lips near the corners part less (see cornerTaper). */
  jawMove: Float32Array;
  /** Share of the jaw's downward translation (the hinge also slides: less near the ears). */
  jawSlide: Float32Array;
  /** Lip area: rounding, spreading and the upper-lip raise. */
  lips: Float32Array;
  /** Falloff from the inner lip line of the vertex's own side (1 on the line), for pressing the lips together. */
  press: Float32Array;
  /** Distance into the red of the lip from its inner line (pixels, faded outside the lip), for thinning it. */
  pressDepth: Float32Array;
  /** How far a press rolls the vertex's lip in: 1 on the inner line, falling to 0 at the lip's outer edge. */
  roll: Float32Array;
  /** Eye each vertex follows for blinks (0 right, 1 left, -1 none), side (-1 upper lid, +1 lower) and falloff. */
  eye: Int8Array;
  eyeSide: Int8Array;
  eyeFalloff: Float32Array;
  brow: Float32Array;
}

export type VertexKind = 'landmark' | 'innerRing' | 'outerRing';

interface WeightInput {
  us: Float64Array;
  vs: Float64Array;
  kinds: VertexKind[];
  heightPx: number;
  faceHalfWidth: number;
  mouth: MouthGeometry;
  eyes: [EyeGeometry, EyeGeometry];
  brows: [BrowGeometry, BrowGeometry];
}

/** Share of the lower jaw a point follows: 1 for the lower lip and chin, 0 above the mouth, ½ at the corners. */
function jawShare(u: number, v: number, m: MouthGeometry, heightPx: number): number {
  const mid = (interpolate(m.upper.us, m.upper.vs, u) + interpolate(m.lower.us, m.lower.vs, u)) / 2;
  const beyond = Math.max(0, Math.abs(u - m.centreU) - m.innerHalfWidth);
  const band = 0.012 * heightPx + 0.7 * beyond;
  return smoothstep(-band, band, v - mid);
}

/**
 * Share of the jaw's parting the lips take at `u`: 1 in the middle, falling to 0 at the inner corners, where the lips
 * stay joined. Each lip following the jaw whole up to the landmark next to the corner (about 0.9 of the way out)
 * opened a blunt, six-sided hole; real lips taper to a point where they meet.
 */
function cornerTaper(u: number, m: MouthGeometry): number {
  const left = m.upper.us[0];
  const right = m.upper.us[m.upper.us.length - 1];
  const s = Math.min(1, Math.abs(u - (left + right) / 2) / Math.max(1, (right - left) / 2));
  return 1 - s ** CORNER_TAPER_POWER;
}

/** Higher keeps the mouth's middle fuller and the corners blunter; 2 is a parabola. */
const CORNER_TAPER_POWER = 3;

function lipArea(u: number, v: number, m: MouthGeometry): number {
  const du = (u - m.centreU) / (1.3 * m.halfWidth);
  const dv = (v - m.centreV) / ((v < m.centreV ? 0.55 : 0.9) * m.halfWidth);
  return 1 - smoothstep(0.8, 1.8, Math.hypot(du, dv));
}

export function computeRigWeights(input: WeightInput): RigWeights {
  const { us, vs, kinds, heightPx, mouth, eyes, brows } = input;
  const n = us.length;
  const w: RigWeights = {
    pose: new Float32Array(n),
    jaw: new Float32Array(n),
    jawMove: new Float32Array(n),
    jawSlide: new Float32Array(n),
    lips: new Float32Array(n),
    press: new Float32Array(n),
    pressDepth: new Float32Array(n),
    roll: new Float32Array(n),
    eye: new Int8Array(n).fill(-1),
    eyeSide: new Int8Array(n),
    eyeFalloff: new Float32Array(n),
    brow: new Float32Array(n),
  };
  const upperInner = new Set(mouth.upper.indices.slice(1, -1));
  const lowerInner = new Set(mouth.lower.indices.slice(1, -1));
  for (let k = 0; k < n; k++) {
    const u = us[k];
    const v = vs[k];
    if (kinds[k] === 'outerRing') continue;
    const ring = kinds[k] === 'innerRing';
    w.pose[k] = ring ? 0.6 : 1;
    let jaw = upperInner.has(k) ? 0 : lowerInner.has(k) ? 1 : jawShare(u, v, mouth, heightPx);
    if (ring) jaw *= 0.4;
    w.jaw[k] = jaw;
    w.jawMove[k] = jaw;
    w.jawSlide[k] = 1 - 0.6 * smoothstep(0.45, 1, Math.abs(u - mouth.centreU) / input.faceHalfWidth);
    if (ring) continue;
    w.lips[k] = lipArea(u, v, mouth);

    const upperSide = jaw < 0.5;
    const line = upperSide ? mouth.upper : mouth.lower;
    const thick = upperSide ? mouth.upperThickPx : mouth.lowerThickPx;
    const dist = Math.abs(v - interpolate(line.us, line.vs, u));
    const beyond = Math.max(0, Math.abs(u - mouth.centreU) - mouth.innerHalfWidth) / (0.35 * mouth.halfWidth);
    // the red of the lip moves with its inner line; the skin beyond takes up the stretch
    const outside = Math.max(0, dist - thick) / (0.9 * thick);
    w.press[k] = Math.exp(-outside * outside - beyond * beyond);
    w.pressDepth[k] = Math.min(dist, thick) * Math.exp(-outside * outside - beyond * beyond);
    w.roll[k] = (1 - Math.min(1, dist / thick)) * Math.exp(-beyond * beyond);
    // the red of the lip follows its inner line; the skin beyond the lip takes the jaw's full share
    const inLip = upperInner.has(k) || lowerInner.has(k) ? 1 : 1 - smoothstep(0, thick, dist);
    w.jawMove[k] = 0.5 + (jaw - 0.5) * (1 - inLip * (1 - cornerTaper(u, mouth)));

    for (let e = 0; e < 2; e++) {
      const eye = eyes[e];
      const onUpper = eye.upper.indices.indexOf(k) > 0 && eye.upper.indices.indexOf(k) < eye.upper.indices.length - 1;
      const onLower = eye.lower.indices.includes(k);
      if (onUpper || onLower) {
        w.eye[k] = e;
        w.eyeSide[k] = onUpper ? -1 : 1;
        w.eyeFalloff[k] = 1;
        break;
      }
      if (Math.abs(u - eye.centreU) > 0.75 * eye.widthPx) continue;
      const upperV = interpolate(eye.upper.us, eye.upper.vs, u);
      const lowerV = interpolate(eye.lower.us, eye.lower.vs, u);
      if (v < (upperV + lowerV) / 2) {
        const above = upperV - v;
        if (above > 0.55 * eye.widthPx) continue;
        w.eye[k] = e;
        w.eyeSide[k] = -1;
        w.eyeFalloff[k] = 1 - smoothstep(0, 0.55 * eye.widthPx, above);
      } else {
        const below = v - lowerV;
        if (below > 0.35 * eye.widthPx) continue;
        w.eye[k] = e;
        w.eyeSide[k] = 1;
        w.eyeFalloff[k] = 1 - smoothstep(0, 0.35 * eye.widthPx, below);
      }
      break;
    }

    let brow = 0;
    for (const b of brows) {
      const across = 1 - smoothstep(0.7 * b.halfWidth, 1.6 * b.halfWidth, Math.abs(u - b.centreU));
      const up = v < b.centreV ? 1 - smoothstep(0, 0.3 * heightPx, b.centreV - v) : 1 - smoothstep(0, 0.85 * b.toLidPx, v - b.centreV);
      brow = Math.max(brow, across * up);
    }
    w.brow[k] = brow;
  }
  return w;
}
