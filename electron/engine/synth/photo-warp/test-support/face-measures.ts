import type { FaceSubject, Point2 } from '../../../face/face-types.js';
import { lumaAt, type RgbaImage } from '../../../media/rgba-image.js';

/** Test measures on rendered frames, taken from a fresh face analysis of the frame. */

export const luma = (image: RgbaImage, x: number, y: number): number => lumaAt(image.data, (Math.round(y) * image.width + Math.round(x)) * 4);

/** Face height: forehead top to chin. */
export const faceHeight = (s: FaceSubject): number => Math.hypot(s.landmarks[152][0] - s.landmarks[10][0], s.landmarks[152][1] - s.landmarks[10][1]);

/** Inner-lip gap at the centre of the mouth (upper inner 13 to lower inner 14), pixels. */
export const innerLipGap = (s: FaceSubject): number => Math.hypot(s.landmarks[14][0] - s.landmarks[13][0], s.landmarks[14][1] - s.landmarks[13][1]);

/** Mean eye opening of both eyes (upper lid middle to lower lid middle), pixels. */
export const eyeAperture = (s: FaceSubject): number =>
  (Math.hypot(s.landmarks[159][0] - s.landmarks[145][0], s.landmarks[159][1] - s.landmarks[145][1]) +
    Math.hypot(s.landmarks[386][0] - s.landmarks[374][0], s.landmarks[386][1] - s.landmarks[374][1])) /
  2;

/** Mean horizontal position of both iris centres within their eyes, in eye widths from the eye's middle (+ = image right). */
export function irisOffset(s: FaceSubject): number {
  const eyes: [number, number, Point2][] = [
    [33, 133, [0, 0]],
    [263, 362, [0, 0]],
  ];
  let sum = 0;
  for (const [outer, inner] of eyes) {
    const a = s.landmarks[outer];
    const b = s.landmarks[inner];
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const iris = [s.irises.left, s.irises.right].sort((p, q) => Math.hypot(p[0][0] - mid[0], p[0][1] - mid[1]) - Math.hypot(q[0][0] - mid[0], q[0][1] - mid[1]))[0][0];
    sum += (iris[0] - mid[0]) / Math.abs(b[0] - a[0]);
  }
  return sum / 2;
}

/** Mean luminance along the segment between two points, ignoring `trim` of its length at each end. */
export function meanLumaAlong(image: RgbaImage, from: Point2, to: Point2, trim = 0.15): number {
  let sum = 0;
  let count = 0;
  const steps = Math.max(2, Math.ceil(Math.hypot(to[0] - from[0], to[1] - from[1])));
  for (let k = 0; k <= steps; k++) {
    const t = trim + ((1 - 2 * trim) * k) / steps;
    sum += luma(image, from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t);
    count++;
  }
  return sum / count;
}

/** The largest absolute channel difference between two images over the pixels `inside` accepts. */
export function maxDifference(a: RgbaImage, b: RgbaImage, inside: (x: number, y: number) => boolean = () => true): number {
  let worst = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!inside(x, y)) continue;
      const i = (y * a.width + x) * 4;
      for (let c = 0; c < 4; c++) worst = Math.max(worst, Math.abs(a.data[i + c] - b.data[i + c]));
    }
  }
  return worst;
}

export function closestSubject(subjects: FaceSubject[], to: FaceSubject): FaceSubject | undefined {
  const centre = (s: FaceSubject) => [s.box[0] + s.box[2] / 2, s.box[1] + s.box[3] / 2];
  const [cx, cy] = centre(to);
  return [...subjects].sort((p, q) => Math.hypot(centre(p)[0] - cx, centre(p)[1] - cy) - Math.hypot(centre(q)[0] - cx, centre(q)[1] - cy))[0];
}
