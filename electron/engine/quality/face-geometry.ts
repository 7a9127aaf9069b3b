/**
 * Measures read off one face's 468 FaceMesh landmarks: how open the mouth is, how open each eye is, and
 * which way the head points. Pure functions; every length is divided by a length of the same face, so the
 * figures do not depend on how large the face is in the picture.
 */
import type { Point3 } from '../face/face-types.js';
import { polygonArea } from '../face/subject-masks.js';
import {
  CHIN,
  FOREHEAD_TOP,
  LEFT_EYE_CORNERS,
  LIPS_INNER,
  LOWER_LIP_INNER_MID,
  RIGHT_EYE_CORNERS,
  UPPER_LIP_INNER_MID,
} from '../face/mesh-regions.js';

/** Upper-lid/lower-lid landmark pairs across the middle of each eye (subject's own sides). */
const RIGHT_EYE_LID_PAIRS: [number, number][] = [
  [160, 144],
  [159, 145],
  [158, 153],
];
const LEFT_EYE_LID_PAIRS: [number, number][] = [
  [387, 373],
  [386, 374],
  [385, 380],
];

const distance2d = (a: Point3, b: Point3): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Forehead top to chin, in pixels: the face height every other length is divided by. */
export function faceHeightPx(landmarks: Point3[]): number {
  return distance2d(landmarks[FOREHEAD_TOP], landmarks[CHIN]);
}

/** Distance between the inner lips at the middle (landmarks 13/14) over face height; about 0 when closed. */
export function lipGapRatio(landmarks: Point3[]): number {
  return distance2d(landmarks[UPPER_LIP_INNER_MID], landmarks[LOWER_LIP_INNER_MID]) / faceHeightPx(landmarks);
}

/** Area of the inner-lip polygon (the mouth opening) over face height squared. */
export function innerLipAreaRatio(landmarks: Point3[]): number {
  const polygon = LIPS_INNER.map((i) => [landmarks[i][0], landmarks[i][1]] as [number, number]);
  return Math.abs(polygonArea(polygon)) / faceHeightPx(landmarks) ** 2;
}

function eyeAperture(landmarks: Point3[], pairs: [number, number][], corners: [number, number]): number {
  const lidDistance = pairs.reduce((sum, [upper, lower]) => sum + distance2d(landmarks[upper], landmarks[lower]), 0) / pairs.length;
  return lidDistance / distance2d(landmarks[corners[0]], landmarks[corners[1]]);
}

/** Lid distance over eye width, per eye (subject's own left/right); about 0.25–0.35 open, under 0.1 shut. */
export function eyeApertures(landmarks: Point3[]): { left: number; right: number } {
  return {
    left: eyeAperture(landmarks, LEFT_EYE_LID_PAIRS, LEFT_EYE_CORNERS),
    right: eyeAperture(landmarks, RIGHT_EYE_LID_PAIRS, RIGHT_EYE_CORNERS),
  };
}

export interface HeadPose {
  yawRad: number;
  pitchRad: number;
  rollRad: number;
}

/**
 * Head orientation from the 3-D landmarks: yaw from the depth difference along the eye line, pitch from the
 * depth difference along the forehead–chin line, roll from the eye line's slope in the picture. An estimate
 * (FaceMesh depth is relative), good for how the pose changes over time rather than its absolute value.
 */
export function estimateHeadPose(landmarks: Point3[]): HeadPose {
  const right = landmarks[RIGHT_EYE_CORNERS[0]];
  const left = landmarks[LEFT_EYE_CORNERS[0]];
  const top = landmarks[FOREHEAD_TOP];
  const chin = landmarks[CHIN];
  const eyeX = left[0] - right[0];
  const eyeY = left[1] - right[1];
  const eyeZ = left[2] - right[2];
  const faceY = chin[1] - top[1];
  const faceZ = chin[2] - top[2];
  return {
    yawRad: Math.atan2(eyeZ, Math.hypot(eyeX, eyeY)),
    pitchRad: Math.atan2(faceZ, faceY),
    rollRad: Math.atan2(eyeY, eyeX),
  };
}
