import type { Point3 } from '../../face/face-types.js';
import { CHIN, FOREHEAD_TOP, LEFT_EYE_CORNERS, RIGHT_EYE_CORNERS } from '../../face/mesh-regions.js';

/**
 * The face's own frame in the photo: origin between the eyes, `u` along the eye line (towards the image's right for
 * an upright face), `v` perpendicular to it pointing down the face, and the face height (forehead top to chin) as
 * the unit every articulation is sized by.
 */
export interface FaceFrame {
  originX: number;
  originY: number;
  /** Unit vector of the eye line; the down axis is (-axisY, axisX). */
  axisX: number;
  axisY: number;
  heightPx: number;
}

export function measureFaceFrame(landmarks: Point3[]): FaceFrame {
  const [ro, ri] = RIGHT_EYE_CORNERS.map((i) => landmarks[i]);
  const [lo, li] = LEFT_EYE_CORNERS.map((i) => landmarks[i]);
  const originX = (ro[0] + ri[0] + lo[0] + li[0]) / 4;
  const originY = (ro[1] + ri[1] + lo[1] + li[1]) / 4;
  const ex = lo[0] - ro[0];
  const ey = lo[1] - ro[1];
  const len = Math.hypot(ex, ey) || 1;
  const frame = { originX, originY, axisX: ex / len, axisY: ey / len, heightPx: 1 };
  const top = toLocal(frame, landmarks[FOREHEAD_TOP][0], landmarks[FOREHEAD_TOP][1]);
  const chin = toLocal(frame, landmarks[CHIN][0], landmarks[CHIN][1]);
  frame.heightPx = Math.max(4, chin[1] - top[1]);
  return frame;
}

export function toLocal(frame: FaceFrame, x: number, y: number): [number, number] {
  const dx = x - frame.originX;
  const dy = y - frame.originY;
  return [dx * frame.axisX + dy * frame.axisY, -dx * frame.axisY + dy * frame.axisX];
}

export function toImage(frame: FaceFrame, u: number, v: number): [number, number] {
  return [frame.originX + u * frame.axisX - v * frame.axisY, frame.originY + u * frame.axisY + v * frame.axisX];
}

export function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

export const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** Piecewise-linear value at `u` of a polyline given by ascending `us`; `outside` beyond its ends (or the end value). */
export function interpolate(us: ArrayLike<number>, values: ArrayLike<number>, u: number, outside?: number): number {
  const n = us.length;
  if (u <= us[0]) return outside ?? values[0];
  if (u >= us[n - 1]) return outside ?? values[n - 1];
  let i = 1;
  while (us[i] < u) i++;
  const t = (u - us[i - 1]) / (us[i] - us[i - 1] || 1);
  return values[i - 1] + (values[i] - values[i - 1]) * t;
}
