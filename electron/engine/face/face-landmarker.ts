import * as ort from 'onnxruntime-node';
import type { RgbaImage } from '../media/rgba-image.js';
import type { SessionPool } from '../models/session-pool.js';
import type { Point3 } from './face-types.js';
import { cropScale, cropToImage, sampleCrop, squareCropTransform, type CropTransform } from './image-sampling.js';
import { LEFT_EYE_CORNERS, RIGHT_EYE_CORNERS } from './mesh-regions.js';

export const FACEMESH_INPUT_PX = 192;
export const MESH_POINTS = 468;

/** Where to look for a face: a square region, rotated so the eyes are level inside it. */
export interface FaceRegion {
  center: [number, number];
  sizePx: number;
  angleRad: number;
}

export interface MeshResult {
  landmarks: Point3[];
  /** FaceMesh's confidence that the crop holds a face, 0..1. */
  score: number;
  region: FaceRegion;
}

/** MediaPipe crops 1.5× the face box for its landmark model. */
const REGION_SCALE = 1.5;

/** The angle of the line from the subject's right eye to their left eye (0 for an upright face). */
export function eyeLineAngle(rightEye: [number, number], leftEye: [number, number]): number {
  return Math.atan2(leftEye[1] - rightEye[1], leftEye[0] - rightEye[0]);
}

/** A landmark region from a detector box and its eye keypoints. */
export function regionFromDetection(box: [number, number, number, number], rightEye: [number, number], leftEye: [number, number]): FaceRegion {
  return {
    center: [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2],
    sizePx: Math.max(box[2] - box[0], box[3] - box[1]) * REGION_SCALE,
    angleRad: eyeLineAngle(rightEye, leftEye),
  };
}

/** A tighter region from a previous mesh: its extent measured along the eye line, so rotation does not inflate it. */
export function regionFromLandmarks(landmarks: Point3[]): FaceRegion {
  const angleRad = eyeLineAngle(
    landmarks[RIGHT_EYE_CORNERS[0]] as unknown as [number, number],
    landmarks[LEFT_EYE_CORNERS[0]] as unknown as [number, number],
  );
  const cos = Math.cos(angleRad);
  const sin = Math.sin(angleRad);
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (const [x, y] of landmarks) {
    const u = x * cos + y * sin;
    const v = -x * sin + y * cos;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  const cu = (minU + maxU) / 2;
  const cv = (minV + maxV) / 2;
  return {
    center: [cu * cos - cv * sin, cu * sin + cv * cos],
    sizePx: Math.max(maxU - minU, maxV - minV) * REGION_SCALE * (FACE_BOX_TO_MESH_EXTENT),
    angleRad,
  };
}

/**
 * The mesh spans forehead to chin, which is larger than the detector's box (brows to chin); this factor
 * keeps the face the same size in the crop on the second pass as on the first.
 */
const FACE_BOX_TO_MESH_EXTENT = 0.85;

/** Runs FaceMesh on every region in one batch; landmarks come back in photo pixels (z in the same scale). */
export async function landmarkFaces(pool: SessionPool, image: RgbaImage, regions: FaceRegion[]): Promise<MeshResult[]> {
  if (regions.length === 0) return [];
  const { session } = await pool.get('facemesh');
  const px = FACEMESH_INPUT_PX;
  const perFace = px * px * 3;
  const input = new Float32Array(perFace * regions.length);
  const transforms: CropTransform[] = regions.map((r, i) => {
    const t = squareCropTransform(r.center, r.sizePx, r.angleRad, px);
    sampleCrop(image, t, px, px, { scale: 1 / 255, offset: 0, target: input, targetOffset: i * perFace });
    return t;
  });
  const out = await session.run({ image: new ort.Tensor('float32', input, [regions.length, px, px, 3]) });
  const mesh = out.mesh.data as Float32Array;
  const flags = out.face_flag.data as Float32Array;
  return regions.map((region, i) => {
    const t = transforms[i];
    const zScale = cropScale(t);
    const landmarks: Point3[] = [];
    for (let p = 0; p < MESH_POINTS; p++) {
      const o = (i * MESH_POINTS + p) * 3;
      const [x, y] = cropToImage(t, mesh[o], mesh[o + 1]);
      landmarks.push([x, y, mesh[o + 2] * zScale]);
    }
    return { landmarks, score: flags[i], region };
  });
}
