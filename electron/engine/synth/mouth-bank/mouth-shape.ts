/**
 * A mouth's shape read off a face mesh, in the face's own frame: the eye line is the x axis, the midpoint between the
 * eyes the origin, the distance between the eyes the unit. So shapes of different frames (head moved, turned a little,
 * nearer the camera) compare directly, and the jaw opening does not change the unit as a face height would.
 */
import { LIPS_INNER } from '../../face/mesh-regions.js';
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';

/** Landmarks as a flat x, y, z array (468 × 3), video pixels. */
export type FlatLandmarks = ArrayLike<number>;

export interface FaceFrame2d {
  originX: number;
  originY: number;
  /** Unit vector along the eye line (subject's right eye → left eye, in the picture). */
  cos: number;
  sin: number;
  /** Distance between the eye centres, pixels. */
  unitPx: number;
}

export interface MouthShape {
  /** Inner-lip gap at the middle (13–14), eye-distance units. */
  opening: number;
  /** Mouth corner to corner (61–291), eye-distance units. */
  width: number;
  /** Chin (152) below the eye line, eye-distance units: the jaw. */
  chinDrop: number;
  /** 0..1: share of bright pixels inside the mouth opening (teeth showing); 0 when not measured. */
  teeth: number;
}

const RIGHT_EYE = [33, 133];
const LEFT_EYE = [362, 263];

export function measureFaceFrame(landmarks: FlatLandmarks): FaceFrame2d {
  const centre = (pair: number[]) => [(landmarks[3 * pair[0]] + landmarks[3 * pair[1]]) / 2, (landmarks[3 * pair[0] + 1] + landmarks[3 * pair[1] + 1]) / 2];
  const [rx, ry] = centre(RIGHT_EYE);
  const [lx, ly] = centre(LEFT_EYE);
  const unitPx = Math.max(1e-6, Math.hypot(lx - rx, ly - ry));
  return { originX: (rx + lx) / 2, originY: (ry + ly) / 2, cos: (lx - rx) / unitPx, sin: (ly - ry) / unitPx, unitPx };
}

/** Landmark `i` in the face's frame: [u along the eye line, v down the face], eye-distance units. */
export function toFaceFrame(frame: FaceFrame2d, landmarks: FlatLandmarks, i: number): [number, number] {
  const dx = landmarks[3 * i] - frame.originX;
  const dy = landmarks[3 * i + 1] - frame.originY;
  return [(dx * frame.cos + dy * frame.sin) / frame.unitPx, (-dx * frame.sin + dy * frame.cos) / frame.unitPx];
}

export function measureMouthShape(landmarks: FlatLandmarks, image?: RgbaImage, imageScale = 1): MouthShape {
  const frame = measureFaceFrame(landmarks);
  const at = (i: number) => toFaceFrame(frame, landmarks, i);
  const [, upperV] = at(13);
  const [, lowerV] = at(14);
  const [leftU] = at(291);
  const [rightU] = at(61);
  return {
    opening: Math.max(0, lowerV - upperV),
    width: Math.abs(leftU - rightU),
    chinDrop: at(152)[1],
    teeth: image ? measureTeeth(landmarks, image, imageScale) : 0,
  };
}

/**
 * Share of pixels inside the inner-lip outline brighter than the lips' mid level: teeth read bright, a dark cavity or
 * a closed mouth not. Sampled on a coarse grid (a few hundred samples), so it costs little per frame.
 */
function measureTeeth(landmarks: FlatLandmarks, image: RgbaImage, scale: number): number {
  const xs = LIPS_INNER.map((i) => landmarks[3 * i] / scale);
  const ys = LIPS_INNER.map((i) => landmarks[3 * i + 1] / scale);
  const [x0, x1] = [Math.floor(Math.min(...xs)), Math.ceil(Math.max(...xs))];
  const [y0, y1] = [Math.floor(Math.min(...ys)), Math.ceil(Math.max(...ys))];
  if (y1 - y0 < 2 || x1 - x0 < 2) return 0;
  const lipLuma = lumaNear(image, landmarks[3 * 0] / scale, landmarks[3 * 0 + 1] / scale);
  const step = Math.max(1, Math.floor((x1 - x0) / 24));
  let inside = 0;
  let bright = 0;
  for (let y = y0; y <= y1; y += step) {
    for (let x = x0; x <= x1; x += step) {
      if (!insidePolygon(x, y, xs, ys)) continue;
      inside += 1;
      if (lumaNear(image, x, y) > lipLuma + 40) bright += 1;
    }
  }
  return inside === 0 ? 0 : bright / inside;
}

function lumaNear(image: RgbaImage, x: number, y: number): number {
  const cx = Math.min(image.width - 1, Math.max(0, Math.round(x)));
  const cy = Math.min(image.height - 1, Math.max(0, Math.round(y)));
  return lumaAt(image.data, (cy * image.width + cx) * 4);
}

function insidePolygon(x: number, y: number, xs: number[], ys: number[]): boolean {
  let inside = false;
  for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
    if (ys[i] > y !== ys[j] > y && x < ((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]) inside = !inside;
  }
  return inside;
}
