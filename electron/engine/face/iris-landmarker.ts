import * as ort from 'onnxruntime-node';
import type { RgbaImage } from '../media/rgba-image.js';
import type { SessionPool } from '../models/session-pool.js';
import type { Point3 } from './face-types.js';
import { cropScale, cropToImage, sampleCrop, squareCropTransform, type CropTransform } from './image-sampling.js';
import { eyeLineAngle } from './face-landmarker.js';
import {
  IRIS_MODEL_IRIS_START,
  IRIS_MODEL_LID_LOWER,
  IRIS_MODEL_LID_UPPER,
  LEFT_EYE_CORNERS,
  LEFT_EYE_LOWER,
  LEFT_EYE_UPPER,
  RIGHT_EYE_CORNERS,
  RIGHT_EYE_LOWER,
  RIGHT_EYE_UPPER,
} from './mesh-regions.js';

const IRIS_INPUT_PX = 64;
const IRIS_MODEL_POINTS = 76;
/** The eye crop is this many times the corner-to-corner distance (MediaPipe's choice). */
const EYE_CROP_SCALE = 2.3;
/** Beyond this depth difference between the eyes (relative to eye spacing) the head is turned and the far eye's lid fit is unreliable. */
const FRONTAL_DEPTH_RATIO = 0.25;

export interface IrisResult {
  /** Mesh with the eyelid contours replaced by the Iris model's finer fit (when the face is frontal enough). */
  landmarks: Point3[];
  irises: { left: Point3[]; right: Point3[] };
}

function eyeTransform(landmarks: Point3[], corners: [number, number]): CropTransform {
  const [a, b] = [landmarks[corners[0]], landmarks[corners[1]]];
  const center: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  const size = Math.hypot(a[0] - b[0], a[1] - b[1]) * EYE_CROP_SCALE;
  const angle = eyeLineAngle(landmarks[RIGHT_EYE_CORNERS[0]] as unknown as [number, number], landmarks[LEFT_EYE_CORNERS[0]] as unknown as [number, number]);
  return squareCropTransform(center, size, angle, IRIS_INPUT_PX);
}

/**
 * Refines both eyes of one face with the Iris model. The model knows one eye (the subject's right):
 * the left eye is fed mirrored and its points are mirrored back.
 */
export async function refineEyes(pool: SessionPool, image: RgbaImage, landmarks: Point3[]): Promise<IrisResult> {
  const { session } = await pool.get('iris');
  const px = IRIS_INPUT_PX;
  const perEye = px * px * 3;
  const input = new Float32Array(perEye * 2);
  const right = eyeTransform(landmarks, RIGHT_EYE_CORNERS);
  const left = eyeTransform(landmarks, LEFT_EYE_CORNERS);
  sampleCrop(image, right, px, px, { scale: 1 / 255, offset: 0, target: input, targetOffset: 0 });
  sampleCrop(image, left, px, px, { scale: 1 / 255, offset: 0, target: input, targetOffset: perEye, mirror: true });
  const out = await session.run({ image: new ort.Tensor('float32', input, [2, px, px, 3]) });
  const data = out.eye.data as Float32Array;

  const toPhoto = (eye: 0 | 1, t: CropTransform): Point3[] => {
    const points: Point3[] = [];
    for (let p = 0; p < IRIS_MODEL_POINTS; p++) {
      const o = (eye * IRIS_MODEL_POINTS + p) * 3;
      const u = eye === 1 ? px - data[o] : data[o];
      const [x, y] = cropToImage(t, u, data[o + 1]);
      points.push([x, y, data[o + 2] * cropScale(t)]);
    }
    return points;
  };
  const rightPoints = toPhoto(0, right);
  const leftPoints = toPhoto(1, left);

  const refined = landmarks.map((p) => [...p] as Point3);
  const eyeSpan = Math.hypot(landmarks[RIGHT_EYE_CORNERS[0]][0] - landmarks[LEFT_EYE_CORNERS[0]][0], landmarks[RIGHT_EYE_CORNERS[0]][1] - landmarks[LEFT_EYE_CORNERS[0]][1]);
  const depthGap = Math.abs(landmarks[RIGHT_EYE_CORNERS[0]][2] - landmarks[LEFT_EYE_CORNERS[0]][2]);
  if (eyeSpan > 0 && depthGap / eyeSpan < FRONTAL_DEPTH_RATIO) {
    replaceLids(refined, rightPoints, RIGHT_EYE_LOWER, RIGHT_EYE_UPPER);
    replaceLids(refined, leftPoints, LEFT_EYE_LOWER, LEFT_EYE_UPPER);
  }
  // The Iris model's z for the iris itself is unreliable; seat the iris at the depth of its eye's corners.
  const irisOf = (points: Point3[], corners: [number, number]): Point3[] => {
    const z = (refined[corners[0]][2] + refined[corners[1]][2]) / 2;
    return points.slice(IRIS_MODEL_IRIS_START).map(([x, y]) => [x, y, z] as Point3);
  };
  return { landmarks: refined, irises: { right: irisOf(rightPoints, RIGHT_EYE_CORNERS), left: irisOf(leftPoints, LEFT_EYE_CORNERS) } };
}

function replaceLids(mesh: Point3[], eye: Point3[], lower: number[], upper: number[]): void {
  const put = (modelIndices: number[], meshIndices: number[]) =>
    modelIndices.forEach((m, i) => {
      const target = mesh[meshIndices[i]];
      mesh[meshIndices[i]] = [eye[m][0], eye[m][1], target[2]];
    });
  put(IRIS_MODEL_LID_LOWER, lower);
  put(IRIS_MODEL_LID_UPPER, upper);
}
