import type { FaceSubject, Point3 } from '../../face/face-types.js';
import { LEFT_EYE_LOWER, LEFT_EYE_UPPER, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER } from '../../face/mesh-regions.js';
import { interpolate, toLocal, type FaceFrame } from './face-frame.js';

/** Inner lip lines from the subject's right mouth corner to the left one (image left to right when upright). */
export const UPPER_LIP_INNER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];
export const LOWER_LIP_INNER = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308];
const OUTER_CORNERS = [61, 291];
const UPPER_LIP_OUTER_MID = 0;
const LOWER_LIP_OUTER_MID = 17;
const EAR_POINTS = [234, 454];
export const RIGHT_BROW = [70, 63, 105, 66, 107, 55, 65, 52, 53, 46];
export const LEFT_BROW = [300, 293, 334, 296, 336, 285, 295, 282, 283, 276];

/** A lid or lip line as a polyline in the face frame, sorted along u. */
export interface LocalLine {
  indices: number[];
  us: Float64Array;
  vs: Float64Array;
}

export interface MouthGeometry {
  upper: LocalLine;
  lower: LocalLine;
  centreU: number;
  centreV: number;
  /** Half the distance between the outer mouth corners. */
  halfWidth: number;
  innerHalfWidth: number;
  /** The photo's own inner-lip gap at the centre, pixels. */
  gapPx: number;
  upperThickPx: number;
  lowerThickPx: number;
}

export interface EyeGeometry {
  upper: LocalLine;
  lower: LocalLine;
  centreU: number;
  centreV: number;
  widthPx: number;
  /** Iris in image pixels, and whether it is the subject's left eye (image right). */
  irisX: number;
  irisY: number;
  irisRadius: number;
}

export interface BrowGeometry {
  centreU: number;
  centreV: number;
  halfWidth: number;
  /** Distance from the brow down to the upper lid, pixels. */
  toLidPx: number;
}

export function localLine(landmarks: Point3[], frame: FaceFrame, indices: number[]): LocalLine {
  const points = indices.map((i) => ({ i, p: toLocal(frame, landmarks[i][0], landmarks[i][1]) })).sort((a, b) => a.p[0] - b.p[0]);
  return { indices: points.map((q) => q.i), us: Float64Array.from(points, (q) => q.p[0]), vs: Float64Array.from(points, (q) => q.p[1]) };
}

export function measureMouth(landmarks: Point3[], frame: FaceFrame): MouthGeometry {
  const at = (i: number) => toLocal(frame, landmarks[i][0], landmarks[i][1]);
  const upper = localLine(landmarks, frame, UPPER_LIP_INNER);
  const lower = localLine(landmarks, frame, LOWER_LIP_INNER);
  const [r, l] = OUTER_CORNERS.map(at);
  const [ri, li] = [UPPER_LIP_INNER[0], UPPER_LIP_INNER[UPPER_LIP_INNER.length - 1]].map(at);
  const top = at(13);
  const bottom = at(14);
  const gapPx = Math.max(0, bottom[1] - top[1]);
  return {
    upper,
    lower,
    centreU: (top[0] + bottom[0]) / 2,
    centreV: (top[1] + bottom[1]) / 2,
    halfWidth: Math.max(2, Math.abs(l[0] - r[0]) / 2),
    innerHalfWidth: Math.max(1, Math.abs(li[0] - ri[0]) / 2),
    gapPx,
    upperThickPx: Math.max(1, top[1] - at(UPPER_LIP_OUTER_MID)[1]),
    lowerThickPx: Math.max(1, at(LOWER_LIP_OUTER_MID)[1] - bottom[1]),
  };
}

/** Pivot of the jaw hinge in the face frame: ear height, at the depth of the face's sides. */
export function jawHinge(landmarks: Point3[], frame: FaceFrame): { v: number; z: number } {
  const ears = EAR_POINTS.map((i) => ({ p: toLocal(frame, landmarks[i][0], landmarks[i][1]), z: landmarks[i][2] }));
  return { v: (ears[0].p[1] + ears[1].p[1]) / 2 + 0.04 * frame.heightPx, z: (ears[0].z + ears[1].z) / 2 };
}

export function measureEyes(subject: FaceSubject, frame: FaceFrame): [EyeGeometry, EyeGeometry] {
  const { landmarks } = subject;
  const make = (upperIdx: number[], lowerIdx: number[]): EyeGeometry => {
    const lower = localLine(landmarks, frame, lowerIdx);
    // the upper lid shares the corners with the lower one
    const upper = localLine(landmarks, frame, [lower.indices[0], ...upperIdx, lower.indices[lower.indices.length - 1]]);
    const centreU = (lower.us[0] + lower.us[lower.us.length - 1]) / 2;
    const centreV = (interpolate(upper.us, upper.vs, centreU) + interpolate(lower.us, lower.vs, centreU)) / 2;
    const cx = lowerIdx.reduce((s, i) => s + landmarks[i][0], 0) / lowerIdx.length;
    const cy = lowerIdx.reduce((s, i) => s + landmarks[i][1], 0) / lowerIdx.length;
    // the iris set nearer this eye
    const iris = [subject.irises.left, subject.irises.right]
      .filter((pts) => pts.length >= 5)
      .sort((a, b) => Math.hypot(a[0][0] - cx, a[0][1] - cy) - Math.hypot(b[0][0] - cx, b[0][1] - cy))[0];
    const widthPx = lower.us[lower.us.length - 1] - lower.us[0];
    const irisX = iris ? iris[0][0] : cx;
    const irisY = iris ? iris[0][1] : cy;
    const irisRadius = iris ? iris.slice(1).reduce((s, p) => s + Math.hypot(p[0] - irisX, p[1] - irisY), 0) / (iris.length - 1) : widthPx * 0.22;
    return { upper, lower, centreU, centreV, widthPx, irisX, irisY, irisRadius: Math.min(irisRadius, widthPx * 0.3) };
  };
  return [make(RIGHT_EYE_UPPER, RIGHT_EYE_LOWER), make(LEFT_EYE_UPPER, LEFT_EYE_LOWER)];
}

export function measureBrows(landmarks: Point3[], frame: FaceFrame, eyes: [EyeGeometry, EyeGeometry]): [BrowGeometry, BrowGeometry] {
  return [RIGHT_BROW, LEFT_BROW].map((indices, k) => {
    const pts = indices.map((i) => toLocal(frame, landmarks[i][0], landmarks[i][1]));
    const us = pts.map((p) => p[0]);
    const centreU = (Math.min(...us) + Math.max(...us)) / 2;
    const centreV = pts.reduce((s, p) => s + p[1], 0) / pts.length;
    const eye = eyes[k];
    const lidV = interpolate(eye.upper.us, eye.upper.vs, centreU);
    return { centreU, centreV, halfWidth: Math.max(2, (Math.max(...us) - Math.min(...us)) / 2), toLidPx: Math.max(2, lidV - centreV) };
  }) as [BrowGeometry, BrowGeometry];
}
