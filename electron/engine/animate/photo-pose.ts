/**
 * How far the photo's head is already turned, from its 3-D landmarks: a face turned away leaves less room to turn
 * before the warp shows the hidden side, so its head motion is scaled down.
 */
import type { FaceSubject } from '../face/face-types.js';
import { LEFT_EYE_CORNERS, RIGHT_EYE_CORNERS } from '../face/mesh-regions.js';

/** Yaw of the photo's face, radians (0 = facing the camera), from the depth difference between the outer eye corners. */
export function estimatePhotoYawRad(face: FaceSubject): number {
  const right = face.landmarks[RIGHT_EYE_CORNERS[0]];
  const left = face.landmarks[LEFT_EYE_CORNERS[0]];
  if (!right || !left) return 0;
  const dx = Math.hypot(left[0] - right[0], left[1] - right[1]);
  const dz = left[2] - right[2];
  return dx > 0 ? Math.atan2(dz, dx) : 0;
}

/** Beyond this photo yaw the generated yaw keeps only its minimum share. */
const YAW_ROOM_RAD = (50 * Math.PI) / 180;
const MIN_YAW_SHARE = 0.3;

/** Multiplier of the generated yaw amplitude: 1 for a frontal photo, 0.4 for a face already turned 30°. */
export function yawAmplitudeScale(face: FaceSubject | undefined): number {
  if (!face) return 1;
  const yaw = Math.abs(estimatePhotoYawRad(face));
  return Math.max(MIN_YAW_SHARE, 1 - yaw / YAW_ROOM_RAD);
}
