/**
 * Identity: does the rendered face still look like the photo? Compares the upper face (forehead down to
 * below the eyes, which no lip sync should change) of every output frame with the same region of the source
 * photo, aligned by the landmarks both carry, using SSIM on luma.
 */
import type { Point3 } from '../face/face-types.js';
import type { RgbaImage } from '../media/rgba-image.js';
import { eyeApertures } from './face-geometry.js';
import type { FrameMeasure, FrameVisitor } from './measure-video.js';
import { applySimilarity, refineSimilarity, sampleBilinear, type Patch, type Similarity } from './register-similarity.js';
import { lumaOf, meanSsim, type LumaPlane } from './ssim.js';

/** Points of the upper face that a talking render should not move relative to each other (brows, eye corners, nose bridge, forehead). */
export const UPPER_FACE_ANCHORS = [10, 109, 338, 67, 297, 151, 9, 8, 168, 6, 197, 195, 33, 133, 263, 362, 70, 300, 105, 334, 127, 356];
const REGION_LEFT = 70;
const REGION_RIGHT = 300;
const REGION_TOP = 10;
const REGION_BOTTOM = 195;
/** A frame whose eye is shut below this share of the photo's opening is a blink: its eyes are not the photo's. */
const BLINK_SKIP_RATIO = 0.5;

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

/** Whole-pixel shifts tried around the landmark fit before the fine registration. */
const SEARCH_RADIUS_PX = 3;
/** Wider upper faces are compared on a box-shrunk frame: SSIM's 11-px window then still sees features, and it stays fast. */
const MAX_PATCH_WIDTH_PX = 192;
/** The shift search looks at every this-many-th sample only. */
const SEARCH_SUBSAMPLE = 3;

/**
 * Upper-face SSIM of one frame against the reference. The reference region is mapped into the frame by a
 * similarity fitted to the landmarks, then registered on the pixels (best whole-pixel shift, then
 * Lucas–Kanade): landmarks jitter by a pixel or two between frames, and on a textured face (stubble, pores)
 * that misregistration alone costs 0.2 SSIM (a still photo encoded as video scored 0.79 instead of 0.99),
 * which would be blamed on the render.
 */
export function compareUpperFace(input: {
  reference: LumaPlane;
  referenceLandmarks: Point3[];
  frame: LumaPlane;
  frameLandmarks: Point3[];
}): number {
  const faceWidthPx = Math.hypot(input.frameLandmarks[REGION_LEFT][0] - input.frameLandmarks[REGION_RIGHT][0], input.frameLandmarks[REGION_LEFT][1] - input.frameLandmarks[REGION_RIGHT][1]);
  const frameShrink = Math.max(1, Math.ceil(faceWidthPx / MAX_PATCH_WIDTH_PX));
  if (frameShrink > 1) {
    const offset = (frameShrink - 1) / 2;
    return compareUpperFace({
      ...input,
      frame: boxDownscale(input.frame, frameShrink),
      frameLandmarks: input.frameLandmarks.map(([x, y, z]) => [(x - offset) / frameShrink, (y - offset) / frameShrink, z / frameShrink]),
    });
  }
  const [rx, ry, rw, rh] = upperFaceRect(input.referenceLandmarks);
  const centre: [number, number] = [rx + rw / 2, ry + rh / 2];
  const anchorsFrom = UPPER_FACE_ANCHORS.map((i) => [input.referenceLandmarks[i][0] - centre[0], input.referenceLandmarks[i][1] - centre[1]] as [number, number]);
  const anchorsTo = UPPER_FACE_ANCHORS.map((i) => [input.frameLandmarks[i][0], input.frameLandmarks[i][1]] as [number, number]);
  const fromLandmarks = fitSimilarity(anchorsFrom, anchorsTo);
  const frameScale = Math.hypot(fromLandmarks.a, fromLandmarks.b);
  // Compare at the frame's resolution: one sample per frame pixel, the photo pre-shrunk when it is larger.
  const shrink = frameScale < 0.75 ? Math.round(1 / frameScale) : 1;
  const reference = boxDownscale(input.reference, shrink);
  const width = Math.max(8, Math.round(rw * frameScale));
  const height = Math.max(8, Math.round(rh * frameScale));
  const patch: Patch = { points: new Float32Array(width * height * 2), values: new Float32Array(width * height) };
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const px = rx + ((u + 0.5) / width) * rw;
      const py = ry + ((v + 0.5) / height) * rh;
      patch.values[v * width + u] = sampleBilinear(reference, (px - (shrink - 1) / 2) / shrink, (py - (shrink - 1) / 2) / shrink);
      patch.points[(v * width + u) * 2] = px - centre[0];
      patch.points[(v * width + u) * 2 + 1] = py - centre[1];
    }
  }
  const shifted = bestShift(patch, input.frame, fromLandmarks);
  const registered = refineSimilarity(patch, input.frame, shifted);
  return meanSsim({ width, height, data: patch.values }, { width, height, data: sampleThrough(patch, input.frame, registered) });
}

function sampleThrough(patch: Patch, frame: LumaPlane, t: Similarity): Float32Array {
  const out = new Float32Array(patch.values.length);
  for (let i = 0; i < out.length; i++) {
    const [fx, fy] = applySimilarity(t, patch.points[i * 2], patch.points[i * 2 + 1]);
    out[i] = sampleBilinear(frame, fx, fy);
  }
  return out;
}

/** The whole-pixel shift of `t` whose samples correlate best with the patch (normalised cross-correlation). */
function bestShift(fullPatch: Patch, frame: LumaPlane, t: Similarity): Similarity {
  const patch = subsample(fullPatch, SEARCH_SUBSAMPLE);
  let best = t;
  let bestScore = -Infinity;
  for (let dy = -SEARCH_RADIUS_PX; dy <= SEARCH_RADIUS_PX; dy++) {
    for (let dx = -SEARCH_RADIUS_PX; dx <= SEARCH_RADIUS_PX; dx++) {
      const candidate = { ...t, tx: t.tx + dx, ty: t.ty + dy };
      const score = normalisedCorrelation(patch.values, sampleThrough(patch, frame, candidate));
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
  }
  return best;
}

function subsample(patch: Patch, every: number): Patch {
  const count = Math.ceil(patch.values.length / every);
  const out: Patch = { points: new Float32Array(count * 2), values: new Float32Array(count) };
  for (let k = 0; k < count; k++) {
    out.values[k] = patch.values[k * every];
    out.points[k * 2] = patch.points[k * every * 2];
    out.points[k * 2 + 1] = patch.points[k * every * 2 + 1];
  }
  return out;
}

export function normalisedCorrelation(a: Float32Array, b: Float32Array): number {
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < a.length; i++) {
    meanA += a[i];
    meanB += b[i];
  }
  meanA /= a.length;
  meanB /= b.length;
  let cov = 0;
  let varA = 0;
  let varB = 0;
  for (let i = 0; i < a.length; i++) {
    cov += (a[i] - meanA) * (b[i] - meanB);
    varA += (a[i] - meanA) ** 2;
    varB += (b[i] - meanB) ** 2;
  }
  return varA > 0 && varB > 0 ? cov / Math.sqrt(varA * varB) : 0;
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
