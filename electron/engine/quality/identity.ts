/**
 * Identity: does the rendered face still look like the photo? Compares the upper face (forehead down to
 * below the eyes, which no lip sync should change) of every output frame with the same region of the source
 * photo, aligned by the landmarks both carry, using SSIM on luma.
 */
import type { Point3 } from '../face/face-types.js';
import type { RgbaImage } from '../media/rgba-image.js';
import { eyeApertures } from './face-geometry.js';
import type { FrameMeasure, FrameVisitor } from './measure-video.js';
import { lumaOf, meanSsim, type LumaPlane } from './ssim.js';

/** Points of the upper face that a talking render should not move relative to each other (brows, eye corners, nose bridge, forehead). */
export const UPPER_FACE_ANCHORS = [10, 109, 338, 67, 297, 151, 9, 8, 168, 6, 197, 195, 33, 133, 263, 362, 70, 300, 105, 334, 127, 356];
const REGION_LEFT = 70;
const REGION_RIGHT = 300;
const REGION_TOP = 10;
const REGION_BOTTOM = 195;
/** A frame whose eye is shut below this share of the photo's opening is a blink: its eyes are not the photo's. */
const BLINK_SKIP_RATIO = 0.5;

export interface Similarity {
  /** scale·cos, scale·sin, translation: q = [a −b; b a]·p + t */
  a: number;
  b: number;
  tx: number;
  ty: number;
}

/** Least-squares similarity (scale, rotation, shift) taking `from` points onto `to` points. */
export function fitSimilarity(from: [number, number][], to: [number, number][]): Similarity {
  const n = from.length;
  const mean = (pts: [number, number][]) => pts.reduce((m, p) => [m[0] + p[0] / n, m[1] + p[1] / n], [0, 0]);
  const [fx, fy] = mean(from);
  const [tx, ty] = mean(to);
  let dot = 0;
  let cross = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const px = from[i][0] - fx;
    const py = from[i][1] - fy;
    const qx = to[i][0] - tx;
    const qy = to[i][1] - ty;
    dot += px * qx + py * qy;
    cross += px * qy - py * qx;
    norm += px * px + py * py;
  }
  const a = dot / norm;
  const b = cross / norm;
  return { a, b, tx: tx - (a * fx - b * fy), ty: ty - (b * fx + a * fy) };
}

export function applySimilarity(t: Similarity, x: number, y: number): [number, number] {
  return [t.a * x - t.b * y + t.tx, t.b * x + t.a * y + t.ty];
}

export function sampleBilinear(plane: LumaPlane, x: number, y: number): number {
  const cx = Math.min(plane.width - 1, Math.max(0, x));
  const cy = Math.min(plane.height - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(plane.width - 1, x0 + 1);
  const y1 = Math.min(plane.height - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const row0 = plane.data[y0 * plane.width + x0] * (1 - fx) + plane.data[y0 * plane.width + x1] * fx;
  const row1 = plane.data[y1 * plane.width + x0] * (1 - fx) + plane.data[y1 * plane.width + x1] * fx;
  return row0 * (1 - fy) + row1 * fy;
}

/** Averages factor×factor blocks, so a large photo compared with a small frame is not aliased. */
export function boxDownscale(plane: LumaPlane, factor: number): LumaPlane {
  if (factor <= 1) return plane;
  const width = Math.max(1, Math.floor(plane.width / factor));
  const height = Math.max(1, Math.floor(plane.height / factor));
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) sum += plane.data[(y * factor + dy) * plane.width + x * factor + dx];
      }
      data[y * width + x] = sum / (factor * factor);
    }
  }
  return { width, height, data };
}

export interface IdentityReference {
  image: RgbaImage;
  /** The subject's landmarks in `image`. */
  landmarks: Point3[];
}

export interface IdentitySummary {
  meanSsim: number;
  minSsim: number;
  comparedFrames: number;
  skippedBlinkFrames: number;
  missingFaceFrames: number;
}

/** The upper-face rectangle of a face, in its picture's pixels: [x, y, width, height]. */
export function upperFaceRect(landmarks: Point3[]): [number, number, number, number] {
  const x0 = Math.min(landmarks[REGION_LEFT][0], landmarks[REGION_RIGHT][0]);
  const x1 = Math.max(landmarks[REGION_LEFT][0], landmarks[REGION_RIGHT][0]);
  const y0 = landmarks[REGION_TOP][1];
  const y1 = landmarks[REGION_BOTTOM][1];
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Upper-face SSIM of one frame against the reference: the frame is sampled at the reference's points mapped through the landmark fit. */
export function compareUpperFace(input: {
  reference: LumaPlane;
  referenceLandmarks: Point3[];
  frame: LumaPlane;
  frameLandmarks: Point3[];
}): number {
  const anchorsFrom = UPPER_FACE_ANCHORS.map((i) => [input.referenceLandmarks[i][0], input.referenceLandmarks[i][1]] as [number, number]);
  const anchorsTo = UPPER_FACE_ANCHORS.map((i) => [input.frameLandmarks[i][0], input.frameLandmarks[i][1]] as [number, number]);
  const toFrame = fitSimilarity(anchorsFrom, anchorsTo);
  const frameScale = Math.hypot(toFrame.a, toFrame.b);
  // Compare at the frame's resolution: one sample per frame pixel, the photo pre-shrunk when it is larger.
  const shrink = frameScale < 0.75 ? Math.round(1 / frameScale) : 1;
  const reference = boxDownscale(input.reference, shrink);
  const [rx, ry, rw, rh] = upperFaceRect(input.referenceLandmarks);
  const width = Math.max(8, Math.round(rw * frameScale));
  const height = Math.max(8, Math.round(rh * frameScale));
  const a = new Float32Array(width * height);
  const b = new Float32Array(width * height);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const px = rx + ((u + 0.5) / width) * rw;
      const py = ry + ((v + 0.5) / height) * rh;
      a[v * width + u] = sampleBilinear(reference, (px - (shrink - 1) / 2) / shrink, (py - (shrink - 1) / 2) / shrink);
      const [fx, fy] = applySimilarity(toFrame, px, py);
      b[v * width + u] = sampleBilinear(input.frame, fx, fy);
    }
  }
  return meanSsim({ width, height, data: a }, { width, height, data: b });
}

/**
 * A frame visitor for `measureVideo` that scores every frame's upper face against the photo. Frames in a
 * blink are skipped (shut lids are meant to differ); frames without the face count as missing.
 */
export function createIdentityCheck(reference: IdentityReference): { visit: FrameVisitor; summary(): IdentitySummary } {
  const referenceLuma = lumaOf(reference.image);
  const referenceEyes = eyeApertures(reference.landmarks);
  const scores: number[] = [];
  let skippedBlinkFrames = 0;
  let missingFaceFrames = 0;
  const inBlink = (m: FrameMeasure) =>
    (m.eyeLeft ?? 0) < BLINK_SKIP_RATIO * referenceEyes.left || (m.eyeRight ?? 0) < BLINK_SKIP_RATIO * referenceEyes.right;
  return {
    visit(frame, measure, landmarks) {
      if (!landmarks) {
        missingFaceFrames += 1;
        return;
      }
      if (inBlink(measure)) {
        skippedBlinkFrames += 1;
        return;
      }
      scores.push(compareUpperFace({ reference: referenceLuma, referenceLandmarks: reference.landmarks, frame: lumaOf(frame), frameLandmarks: landmarks }));
    },
    summary() {
      return {
        meanSsim: scores.length ? scores.reduce((s, v) => s + v, 0) / scores.length : NaN,
        minSsim: scores.length ? Math.min(...scores) : NaN,
        comparedFrames: scores.length,
        skippedBlinkFrames,
        missingFaceFrames,
      };
    },
  };
}
