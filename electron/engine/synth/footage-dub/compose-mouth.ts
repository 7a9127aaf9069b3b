/**
 * Draws a banked mouth onto a video frame: the bank frame's lower face is placed in the current face's frame (eye line
 * and eye distance), its lips, jaw and chin keep their banked shape while its top edge meets the current frame's own
 * cheeks and nose, and it is blended in through a feathered lower-face mask whose lower edge runs outside both jaws
 * (the banked one and the frame's own), so no part of the original mouth or chin survives inside it. Colour is
 * matched per channel in the feather band and the gains change slowly, so the patch does not flicker.
 */
import type { RgbaImage } from '../../media/rgba-image.js';
import type { MouthBankEntry } from '../mouth-bank/mouth-bank.js';
import { measureFaceFrame, toFaceFrame, type FaceFrame2d, type FlatLandmarks } from '../mouth-bank/mouth-shape.js';
import type { PixelRect } from '../photo-warp/face-rig.js';
import { blendPixel } from '../photo-warp/pixel-blend.js';
import { pixelWords, warpTriangle } from '../photo-warp/triangle-warp.js';
import { mouthCentre, RING_OUT, type DubMesh } from './dub-mesh.js';
import { drawFeatherMask } from './feather-mask.js';

/** The mask's top edge, below the eye line (eye-distance units): under the nose, above the upper lip. */
const MASK_TOP_V = 0.66;
const MASK_HALF_WIDTH_U = 0.78;
/** Feather width, eye-distance units. */
const FEATHER = 0.16;
/** Share of the new colour gain taken each frame. */
const GAIN_FOLLOW = 0.25;

export interface MouthCompositor {
  /**
   * Blends `entry` into `frame` (in place) at strength `weight` (0..1), the current face at `landmarks` (video pixels).
   * `openBy` (eye-distance units, ≥ 0) opens the banked mouth further than it is, for a shape the bank lacks.
   */
  compose(frame: RgbaImage, landmarks: FlatLandmarks, entry: MouthBankEntry, weight: number, openBy?: number): void;
  /** Forgets the colour gains (after a cut). */
  reset(): void;
}

export function createMouthCompositor(mesh: DubMesh): MouthCompositor {
  const source = new Float64Array(mesh.vertexCount * 3);
  const dest = new Float64Array(mesh.vertexCount * 2);
  let patch: RgbaImage = { width: 0, height: 0, data: new Uint8Array(0) };
  let alpha = new Float32Array(0);
  // grown, never shrunk: the rectangle changes size by a pixel or two most frames, and a fresh patch each time was
  // a megabyte of garbage per frame at 1080p
  let patchStore = new Uint8Array(0);
  let alphaStore = new Float32Array(0);
  const gains = [1, 1, 1];
  let gainsSet = false;

  return {
    reset() {
      gainsSet = false;
    },
    compose(frame, landmarks, entry, weight, openBy = 0) {
      if (weight <= 0) return;
      const current = measureFaceFrame(landmarks);
      const banked = measureFaceFrame(entry.landmarks);
      placeVertices(mesh, landmarks, current, entry, banked, openBy, source, dest);
      const rect = boundsOf(dest, frame);
      if (rect.x1 - rect.x0 < 4 || rect.y1 - rect.y0 < 4) return;
      const width = rect.x1 - rect.x0;
      const height = rect.y1 - rect.y0;
      if (patch.width !== width || patch.height !== height) {
        if (alphaStore.length < width * height) {
          alphaStore = new Float32Array(Math.ceil(width * height * 1.25));
          patchStore = new Uint8Array(alphaStore.length * 4);
        }
        patch = { width, height, data: patchStore.subarray(0, width * height * 4) };
        alpha = alphaStore.subarray(0, width * height);
      }
      copyRect(frame, rect, patch);
      const local = dest.map((v, i) => v - (i % 2 === 0 ? rect.x0 : rect.y0));
      const srcWords = pixelWords(entry.crop, true);
      const patchWords = pixelWords(patch, false);
      const clip: PixelRect = { x0: 0, y0: 0, x1: width, y1: height };
      for (let t = 0; t < mesh.triangles.length; t += 3) warpTriangle(srcWords, patchWords, clip, local, source, mesh.triangles[t], mesh.triangles[t + 1], mesh.triangles[t + 2]);
      drawMask(mesh, landmarks, current, dest, rect, alpha, width, height);
      matchColour(frame, patch, alpha, rect, gains, gainsSet);
      gainsSet = true;
      blend(frame, patch, alpha, rect, gains, weight);
    },
  };
}

/** Source (crop pixels) and destination (frame pixels) of every mesh vertex. */
function placeVertices(mesh: DubMesh, landmarks: FlatLandmarks, current: FaceFrame2d, entry: MouthBankEntry, banked: FaceFrame2d, openBy: number, source: Float64Array, dest: Float64Array): void {
  const n = mesh.landmarkIndices.length;
  const [lowerLipV] = [toFaceFrame(banked, entry.landmarks, 14)[1]];
  for (let k = 0; k < n; k++) {
    const i = mesh.landmarkIndices[k];
    source[3 * k] = entry.landmarks[3 * i] * entry.scale - entry.cropX;
    source[3 * k + 1] = entry.landmarks[3 * i + 1] * entry.scale - entry.cropY;
    source[3 * k + 2] = 0;
    const [u, v] = toFaceFrame(banked, entry.landmarks, i);
    // a wider opening than banked: everything from the lower lip down drops with the jaw
    const drop = openBy > 0 && v >= lowerLipV - 0.01 ? openBy : 0;
    const [bx, by] = fromFaceFrame(current, u, v + drop);
    const f = mesh.follow[k];
    dest[2 * k] = landmarks[3 * i] * (1 - f) + bx * f;
    dest[2 * k + 1] = landmarks[3 * i + 1] * (1 - f) + by * f;
  }
  const [scx, scy] = mouthCentre(entry.landmarks).map((c) => c * entry.scale);
  const [srcCx, srcCy] = [scx - entry.cropX, scy - entry.cropY];
  const [dcx, dcy] = centreOfDest(mesh, dest);
  mesh.ringOf.forEach((k, r) => {
    const v = n + r;
    source[3 * v] = source[3 * k] + (source[3 * k] - srcCx) * RING_OUT;
    source[3 * v + 1] = source[3 * k + 1] + (source[3 * k + 1] - srcCy) * RING_OUT;
    source[3 * v + 2] = 0;
    // outside whichever jaw reaches further: the frame's own or the banked one
    const i = mesh.landmarkIndices[k];
    const own = Math.hypot(landmarks[3 * i] - dcx, landmarks[3 * i + 1] - dcy);
    const placed = Math.hypot(dest[2 * k] - dcx, dest[2 * k + 1] - dcy);
    const reach = (Math.max(own, placed) / Math.max(1e-6, placed)) * (1 + RING_OUT);
    dest[2 * v] = dcx + (dest[2 * k] - dcx) * reach;
    dest[2 * v + 1] = dcy + (dest[2 * k + 1] - dcy) * reach;
  });
}

function centreOfDest(mesh: DubMesh, dest: Float64Array): [number, number] {
  const a = mesh.landmarkIndices.indexOf(61);
  const b = mesh.landmarkIndices.indexOf(291);
  return [(dest[2 * a] + dest[2 * b]) / 2, (dest[2 * a + 1] + dest[2 * b + 1]) / 2];
}

function fromFaceFrame(frame: FaceFrame2d, u: number, v: number): [number, number] {
  const x = u * frame.unitPx;
  const y = v * frame.unitPx;
  return [frame.originX + x * frame.cos - y * frame.sin, frame.originY + x * frame.sin + y * frame.cos];
}

function boundsOf(dest: Float64Array, frame: RgbaImage): PixelRect {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < dest.length; i += 2) {
    x0 = Math.min(x0, dest[i]);
    x1 = Math.max(x1, dest[i]);
    y0 = Math.min(y0, dest[i + 1]);
    y1 = Math.max(y1, dest[i + 1]);
  }
  return { x0: Math.max(0, Math.floor(x0)), y0: Math.max(0, Math.floor(y0)), x1: Math.min(frame.width, Math.ceil(x1) + 1), y1: Math.min(frame.height, Math.ceil(y1) + 1) };
}

function copyRect(frame: RgbaImage, rect: PixelRect, into: RgbaImage): void {
  const rowBytes = (rect.x1 - rect.x0) * 4;
  for (let y = rect.y0; y < rect.y1; y++) {
    const from = (y * frame.width + rect.x0) * 4;
    into.data.set(frame.data.subarray(from, from + rowBytes), (y - rect.y0) * rowBytes);
  }
}

/**
 * Mask outline: across under the nose (MASK_TOP_V, ±MASK_HALF_WIDTH_U in the current face's frame), then down and
 * round along the ring outside the jaw; alpha rises from 0 at the outline to 1 FEATHER inside it.
 */
function drawMask(mesh: DubMesh, landmarks: FlatLandmarks, current: FaceFrame2d, dest: Float64Array, rect: PixelRect, alpha: Float32Array, width: number, height: number): void {
  const n = mesh.landmarkIndices.length;
  const outline: [number, number][] = [];
  const topLeft = fromFaceFrame(current, -MASK_HALF_WIDTH_U, MASK_TOP_V);
  const topRight = fromFaceFrame(current, MASK_HALF_WIDTH_U, MASK_TOP_V);
  // the jaw ring in FACE_OVAL order runs from the subject's left side (image right) round the chin to the right side
  const ring = mesh.ringOf.map((_, r) => [dest[2 * (n + r)] - rect.x0, dest[2 * (n + r) + 1] - rect.y0] as [number, number]);
  const pull = 0.5; // the ring is the outer edge of the warp; the mask stops halfway between jaw and ring
  const jaw = mesh.ringOf.map((k, r) => [dest[2 * k] - rect.x0 + (ring[r][0] - dest[2 * k] + rect.x0) * pull, dest[2 * k + 1] - rect.y0 + (ring[r][1] - dest[2 * k + 1] + rect.y0) * pull] as [number, number]);
  outline.push([topRight[0] - rect.x0, topRight[1] - rect.y0], ...jaw, [topLeft[0] - rect.x0, topLeft[1] - rect.y0]);
  void landmarks;
  drawFeatherMask({ outline, featherPx: FEATHER * current.unitPx, alpha, width, height });
}

/** Per-channel gains that bring the patch's feather band to the frame's own colour there, eased over frames. */
function matchColour(frame: RgbaImage, patch: RgbaImage, alpha: Float32Array, rect: PixelRect, gains: number[], keep: boolean): void {
  const width = rect.x1 - rect.x0;
  const { data: fd } = frame;
  const { data: pd } = patch;
  let [f0, f1, f2, p0, p1, p2] = [0, 0, 0, 0, 0, 0];
  for (let y = rect.y0; y < rect.y1; y++) {
    const row = (y - rect.y0) * width;
    for (let x = rect.x0; x < rect.x1; x++) {
      const m = row + x - rect.x0;
      const a = alpha[m];
      if (a <= 0.02 || a >= 0.7) continue;
      const f = (y * frame.width + x) * 4;
      const p = m * 4;
      f0 += fd[f];
      f1 += fd[f + 1];
      f2 += fd[f + 2];
      p0 += pd[p];
      p1 += pd[p + 1];
      p2 += pd[p + 2];
    }
  }
  const frameSum = [f0, f1, f2];
  const patchSum = [p0, p1, p2];
  for (let c = 0; c < 3; c++) {
    const gain = patchSum[c] > 0 ? Math.min(1.4, Math.max(0.7, frameSum[c] / patchSum[c])) : 1;
    gains[c] = keep ? gains[c] + GAIN_FOLLOW * (gain - gains[c]) : gain;
  }
}

function blend(frame: RgbaImage, patch: RgbaImage, alpha: Float32Array, rect: PixelRect, gains: number[], weight: number): void {
  const width = rect.x1 - rect.x0;
  const { data: fd } = frame;
  const { data: pd } = patch;
  const [g0, g1, g2] = gains;
  for (let y = rect.y0; y < rect.y1; y++) {
    const row = (y - rect.y0) * width;
    for (let x = rect.x0; x < rect.x1; x++) {
      const m = row + x - rect.x0;
      const a = alpha[m] * weight;
      if (a <= 0) continue;
      const f = (y * frame.width + x) * 4;
      const p = m * 4;
      blendPixel(fd, f, pd[p] * g0, pd[p + 1] * g1, pd[p + 2] * g2, a);
    }
  }
}
