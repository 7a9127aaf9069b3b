import type { SubjectFrameParams } from '../../animate/performance-types.js';
import { clamp, interpolate, smoothstep } from './face-frame.js';
import type { FaceRig } from './face-rig.js';
import { sampleFromSeam } from './lip-seam.js';

/**
 * Rounded lips (o, u, w) are this narrow, mouth corner to corner against the outer eye corners' distance (portraits
 * at rest read 0.49–0.63, smiles 0.73–0.84): a smile narrows by half, a mouth at rest by about a third. Never less
 * than ROUND_NARROW_LEAST of the photo's width (a mouth already small still purses), nor more than ROUND_NARROW_MOST.
 */
const ROUND_WIDTH_TO_EYES = 0.42;
const ROUND_NARROW_LEAST = 0.28;
const ROUND_NARROW_MOST = 0.5;
/** Spreading widens the mouth by this share of its width. */
const SPREAD_WIDEN = 0.16;
/** Pushed forward, rounded lips show more of their red: they grow taller by this much beyond what keeps its area. */
const ROUND_POUT = 1.08;
/** Rounded lips part by this much at the centre, each lip, in face heights. */
const ROUND_PART = 0.01;
/** Upper-lip raise and brow raise at 1, in face heights. */
const UPPER_LIP_RAISE = 0.03;
const BROW_RAISE = 0.035;
/**
 * When pressed together the upper lip travels this share of the photo's own gap, the lower lip the rest and all of
 * what the jaw opened: the lips meet on a seam a quarter of the way down the photo's opening, as the jaw and lower lip
 * do most of a bilabial closure.
 */
const PRESS_UPPER_SHARE = 0.25;
/** Share of the red of the lips that rolls in when pressed. */
const PRESS_THINNING = 0.3;
/**
 * Pressed lips roll in: at the seam each lip shows its red from this share of its thickness deeper in, so the photo's
 * teeth and the dark edge of its opening, which the landmarks' inner lines often leave inside the lips, roll out of
 * sight. (Rolling in by a share of the photo's opening as well left no upper lip on the Vermeer, whose upper inner
 * line sits high with lip red in the opening, and read as open.)
 */
const ROLL_IN = 0.35;
/** Lips roll in only as the press nears 1, from this press on. */
const ROLL_FROM_PRESS = 0.6;
/** A closed eye meets this far up the photo's aperture (the lower lid rises a little). */
const LID_MEET = 0.08;
/**
 * A fully closed upper lid overshoots the lower lid by this share of the aperture and is drawn over it, hiding the
 * strip of eye white the lid outline leaves outside itself.
 */
const LID_OVERSHOOT = 0.25;
/**
 * Largest head rotation the warp renders, radians: beyond these the face folds over its outline and tears the hair
 * ring. Conversation needs a few degrees; larger values are clamped.
 */
export const POSE_LIMITS_RAD = { yaw: 0.25, pitch: 0.18, roll: 0.14 };

/**
 * Moves every rig vertex for one frame: articulation in the face frame (jaw, lips, lids, brows, breath), then
 * head pose as a 3-D rotation about a neck pivot, faded out towards the rings. Writes `rig.scratch.dest` (x, y per
 * vertex) and `rig.scratch.moved`. No allocations.
 */
export function deformRig(rig: FaceRig, p: SubjectFrameParams): void {
  const { du, dv, dz, dest, moved } = rig.scratch;
  const { weights: w, local, source, mouth, vertexCount: n } = rig;
  const H = rig.frame.heightPx;
  du.fill(0);
  dv.fill(0);
  dz.fill(0);
  rig.scratch.texture.set(source);

  const jawOpen = clamp(p.jawOpen, 0, 1);
  if (jawOpen > 0) {
    const angle = jawOpen * rig.jaw.maxAngleRad;
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    const slide = jawOpen * rig.jaw.slidePx;
    for (let k = 0; k < n; k++) {
      const share = w.jawMove[k];
      if (share === 0) continue;
      const rv = local[2 * k + 1] - rig.jaw.hingeV;
      const rz = source[3 * k + 2] - rig.jaw.hingeZ;
      dv[k] += share * (rv * cos - rz * sin - rv + slide * w.jawSlide[k]);
      dz[k] += share * (rv * sin + rz * cos - rz);
    }
  }

  const round = clamp(p.lipRound, 0, 1);
  const spread = clamp(p.lipSpread, 0, 1);
  const raise = clamp(p.upperLipRaise, 0, 1);
  if (round > 0 || spread > 0 || raise > 0) {
    const narrow = roundNarrowShare(rig);
    const scaleU = -narrow * round + SPREAD_WIDEN * spread;
    // taller by as much as they grow narrower (and some): the lips' red keeps its area and more
    const scaleV = (ROUND_POUT / (1 - narrow) - 1) * round;
    for (let k = 0; k < n; k++) {
      const lips = w.lips[k];
      if (lips === 0) continue;
      const ru = local[2 * k] - mouth.centreU;
      const across = Math.min(1, (ru / mouth.halfWidth) ** 2);
      du[k] += lips * ru * scaleU;
      // rounding also parts the lips in the middle a little: an "oo" is a small round opening
      const part = w.press[k] * (1 - across) * ROUND_PART * H * round;
      // each lip grows away from its own inner line, so the opening between them keeps its size
      const upper = w.jaw[k] < 0.5;
      const line = upper ? mouth.upper : mouth.lower;
      const fromLine = local[2 * k + 1] - interpolate(line.us, line.vs, local[2 * k]);
      // beyond the lip's red the skin is pushed along as far as the red's edge moved, not stretched further
      const thick = upper ? mouth.upperThickPx : mouth.lowerThickPx;
      const outward = upper ? Math.max(-thick, Math.min(0, fromLine)) : Math.min(thick, Math.max(0, fromLine));
      dv[k] += lips * (scaleV * outward - 0.02 * H * spread * across) + (w.jaw[k] < 0.5 ? -part : part);
      dz[k] -= lips * round * 0.04 * H;
      if (w.jaw[k] < 0.5) dv[k] -= raise * UPPER_LIP_RAISE * H * lips * (1 - 2 * w.jaw[k]) * (1 - 0.6 * across);
    }
  }

  sampleFromSeam(rig);
  const press = clamp(p.lipPress, 0, 1);
  if (press > 0) pressLips(rig, press);

  const blinks = [clamp(p.blinkRight, 0, 1), clamp(p.blinkLeft, 0, 1)];
  for (let e = 0; e < 2; e++) if (blinks[e] > 0) closeEye(rig, e, blinks[e]);

  const brow = clamp(p.browRaise, 0, 1);
  const breath = clamp(p.breath, -1, 1) * Math.max(0.8, 0.004 * H);
  for (let k = 0; k < n; k++) dv[k] -= brow * BROW_RAISE * H * w.brow[k] + breath * w.pose[k];

  applyPose(rig, p);
  for (let k = 0; k < n; k++) {
    const { texture } = rig.scratch;
    const shifted = Math.abs(dest[2 * k] - texture[3 * k]) > 1e-6 || Math.abs(dest[2 * k + 1] - texture[3 * k + 1]) > 1e-6;
    moved[k] = shifted || texture[3 * k] !== source[3 * k] || texture[3 * k + 1] !== source[3 * k + 1] ? 1 : 0;
  }
}

/**
 * Brings both inner lip lines to a common seam by `press` (the gap as it is after the jaw; the upper lip takes
 * PRESS_UPPER_SHARE of the photo's own gap, the lower lip the rest), carries the lip flesh along with falloff, and
 * rolls the lips in (their texture near the seam comes from deeper in the lip).
 */
function pressLips(rig: FaceRig, press: number): void {
  const { dv, field, texture } = rig.scratch;
  const { mouth, local, source, weights: w, vertexCount: n } = rig;
  const { upper, lower } = mouth;
  const pairs = upper.indices.length;
  // field[i] = upper lip's travel at the i-th inner-lip column, field[16 + i] the lower lip's (lines paired by position)
  const lowerOffset = 16;
  for (let i = 0; i < pairs; i++) {
    const a = upper.indices[i];
    const b = lower.indices[i];
    const photoGap = Math.max(0, local[2 * b + 1] - local[2 * a + 1]);
    const gap = Math.max(0, local[2 * b + 1] + dv[b] - (local[2 * a + 1] + dv[a]));
    const edge = i === 0 || i === pairs - 1;
    const upperTravel = edge ? 0 : press * PRESS_UPPER_SHARE * Math.min(gap, photoGap);
    field[i] = upperTravel;
    field[lowerOffset + i] = edge ? 0 : press * gap - upperTravel;
  }
  const lowerField = field.subarray(lowerOffset, lowerOffset + pairs);
  const { axisX, axisY } = rig.frame;
  // only lips that meet roll in: the partial press a b/p/m spreads over its neighbouring vowels leaves them as they are
  const rolling = smoothstep(ROLL_FROM_PRESS, 1, press);
  for (let k = 0; k < n; k++) {
    const fall = w.press[k];
    if (fall < 1e-3) continue;
    const u = local[2 * k];
    const upperSide = w.jaw[k] < 0.5;
    const travel = upperSide ? interpolateField(upper.us, field, u) : interpolateField(lower.us, lowerField, u);
    // pressed lips roll in: the visible red thins towards the line where they meet
    const thin = press * PRESS_THINNING * w.pressDepth[k];
    dv[k] += upperSide ? fall * travel + thin : -fall * travel - thin;
    const roll = w.roll[k];
    if (roll > 0 && rolling > 0) {
      const thick = upperSide ? mouth.upperThickPx : mouth.lowerThickPx;
      const depth = roll * rolling * ROLL_IN * thick;
      // the texture comes from further from the opening: up for the upper lip, down for the lower (face frame v)
      const sv = upperSide ? -depth : depth;
      texture[3 * k] = source[3 * k] - sv * axisY;
      texture[3 * k + 1] = source[3 * k + 1] + sv * axisX;
    }
  }
}

function interpolateField(us: Float64Array, field: Float64Array, u: number): number {
  const n = us.length;
  if (u <= us[0] || u >= us[n - 1]) return 0;
  let i = 1;
  while (us[i] < u) i++;
  const t = (u - us[i - 1]) / (us[i] - us[i - 1] || 1);
  return field[i - 1] + (field[i] - field[i - 1]) * t;
}

/** Upper lid down onto the (slightly raised) lower lid; the skin above follows with falloff, stretching over the eye. */
function closeEye(rig: FaceRig, e: number, blink: number): void {
  const { dv, field } = rig.scratch;
  const { local, weights: w, vertexCount: n } = rig;
  const eye = rig.eyes[e];
  const { upper, lower } = eye;
  const m = upper.indices.length;
  for (let i = 0; i < m; i++) {
    const k = upper.indices[i];
    const u = local[2 * k];
    const lowV = interpolate(lower.us, lower.vs, u);
    field[i] = i === 0 || i === m - 1 ? 0 : blink * (1 - LID_MEET + LID_OVERSHOOT * blink ** 3) * (lowV - local[2 * k + 1]);
  }
  const lowerOffset = 16;
  const ml = lower.indices.length;
  for (let i = 0; i < ml; i++) {
    const k = lower.indices[i];
    const u = local[2 * k];
    const upV = interpolate(upper.us, upper.vs, u);
    field[lowerOffset + i] = i === 0 || i === ml - 1 ? 0 : -blink * LID_MEET * (local[2 * k + 1] - upV);
  }
  const lowerField = field.subarray(lowerOffset, lowerOffset + ml);
  for (let k = 0; k < n; k++) {
    if (w.eye[k] !== e) continue;
    const u = local[2 * k];
    const travel = w.eyeSide[k] < 0 ? interpolateField(upper.us, field, u) : interpolateField(lower.us, lowerField, u);
    dv[k] += w.eyeFalloff[k] * travel;
  }
}

interface PoseRotation {
  cy: number;
  sy: number;
  cp: number;
  sp: number;
  cr: number;
  sr: number;
}
const poseScratch: PoseRotation = { cy: 1, sy: 0, cp: 1, sp: 0, cr: 1, sr: 0 };
const pointScratch = new Float64Array(3);

function poseRotation(p: SubjectFrameParams, into: PoseRotation): PoseRotation {
  const yaw = clamp(p.yaw, -POSE_LIMITS_RAD.yaw, POSE_LIMITS_RAD.yaw);
  const pitch = clamp(p.pitch, -POSE_LIMITS_RAD.pitch, POSE_LIMITS_RAD.pitch);
  const roll = clamp(p.roll, -POSE_LIMITS_RAD.roll, POSE_LIMITS_RAD.roll);
  into.cy = Math.cos(yaw);
  into.sy = Math.sin(yaw);
  into.cp = Math.cos(pitch);
  into.sp = Math.sin(pitch);
  into.cr = Math.cos(roll);
  into.sr = Math.sin(roll);
  return into;
}

/** Face-frame (u, v, z) turned by `share` of the head pose about the neck pivot; writes u, v, z into `into`. */
function posePoint(rig: FaceRig, rot: PoseRotation, u: number, v: number, z: number, share: number, into: Float64Array): void {
  into[0] = u;
  into[1] = v;
  into[2] = z;
  if (share <= 0) return;
  const { pivot } = rig;
  const ru = u - pivot.u;
  const rv = v - pivot.v;
  const rz = z - pivot.z;
  // yaw about the face's vertical axis (nose towards +u), then pitch (nose down), then roll in the picture plane
  const u1 = ru * rot.cy - rz * rot.sy;
  const z1 = ru * rot.sy + rz * rot.cy;
  const v2 = rv * rot.cp - z1 * rot.sp;
  const u3 = u1 * rot.cr - v2 * rot.sr;
  const v3 = u1 * rot.sr + v2 * rot.cr;
  into[0] = u + share * (u3 - ru);
  into[1] = v + share * (v3 - rv);
  into[2] = z + share * (rv * rot.sp + z1 * rot.cp - rz);
}

/**
 * How far a point of the photo that does not stretch with the lips moves this frame, image pixels into `into[0..1]`:
 * vertex k's place carried by the skull alone (`withJaw` false: the upper teeth) or by the skull and the whole jaw
 * (`withJaw` true: the lower teeth), then the head pose. Call after `deformRig` for the same frame.
 */
export function rigidShiftAt(rig: FaceRig, p: SubjectFrameParams, k: number, withJaw: boolean, into: Float64Array): void {
  const { local, source, frame } = rig;
  let dv = 0;
  let dz = 0;
  const jawOpen = clamp(p.jawOpen, 0, 1);
  if (withJaw && jawOpen > 0) {
    const angle = jawOpen * rig.jaw.maxAngleRad;
    const rv = local[2 * k + 1] - rig.jaw.hingeV;
    const rz = source[3 * k + 2] - rig.jaw.hingeZ;
    dv = rv * Math.cos(angle) - rz * Math.sin(angle) - rv + jawOpen * rig.jaw.slidePx * rig.weights.jawSlide[k];
    dz = rv * Math.sin(angle) + rz * Math.cos(angle) - rz;
  }
  posePoint(rig, poseRotation(p, poseScratch), local[2 * k], local[2 * k + 1] + dv, rig.poseDepth[k] + dz, rig.weights.pose[k], pointScratch);
  const du = pointScratch[0] - local[2 * k];
  const dvAll = pointScratch[1] - local[2 * k + 1];
  into[0] = du * frame.axisX - dvAll * frame.axisY;
  into[1] = du * frame.axisY + dvAll * frame.axisX;
}

function applyPose(rig: FaceRig, p: SubjectFrameParams): void {
  const { du, dv, dz, dest, destZ } = rig.scratch;
  const { local, weights: w, frame, vertexCount: n } = rig;
  const rot = poseRotation(p, poseScratch);
  const { axisX, axisY, originX, originY } = frame;
  for (let k = 0; k < n; k++) {
    posePoint(rig, rot, local[2 * k] + du[k], local[2 * k + 1] + dv[k], rig.poseDepth[k] + dz[k], w.pose[k], pointScratch);
    const u = pointScratch[0];
    const v = pointScratch[1];
    destZ[k] = pointScratch[2];
    dest[2 * k] = originX + u * axisX - v * axisY;
    dest[2 * k + 1] = originY + u * axisY + v * axisX;
  }
}

/** Share of its width the photo's mouth loses when fully rounded (ROUND_WIDTH_TO_EYES). */
function roundNarrowShare(rig: FaceRig): number {
  const s = rig.source;
  const span = (a: number, b: number) => Math.hypot(s[3 * b] - s[3 * a], s[3 * b + 1] - s[3 * a + 1]);
  const widthToEyes = span(61, 291) / Math.max(1e-6, span(33, 263));
  return clamp(1 - ROUND_WIDTH_TO_EYES / widthToEyes, ROUND_NARROW_LEAST, ROUND_NARROW_MOST);
}
