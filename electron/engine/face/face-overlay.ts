import type { RgbaImage } from '../media/rgba-image.js';
import { drawNumberLabel, drawPolygon, fillDisc, type Rgb } from '../media/raster-draw.js';
import type { FaceAnalysis } from './face-types.js';

const SUBJECT_COLORS: Rgb[] = [
  [255, 196, 0],
  [0, 200, 255],
  [255, 64, 160],
  [120, 230, 80],
  [180, 120, 255],
];

/**
 * Draws what the analysis found onto a copy of the picture: per subject its box, index, head region,
 * face oval, lips, eyes, irises and the 468 landmarks, in one colour per subject.
 */
export function drawAnalysisOverlay(image: RgbaImage, analysis: FaceAnalysis): RgbaImage {
  const out: RgbaImage = { width: image.width, height: image.height, data: new Uint8Array(image.data) };
  const unit = Math.max(1, Math.round(Math.max(image.width, image.height) / 600));
  for (const subject of analysis.subjects) {
    const color = SUBJECT_COLORS[subject.index % SUBJECT_COLORS.length];
    const [x, y, w, h] = subject.box;
    const faceUnit = Math.max(1, Math.min(unit, Math.round(w / 60)));
    drawPolygon(out, subject.masks.head, [255, 255, 255], faceUnit, 0.45);
    drawPolygon(out, [[x, y], [x + w, y], [x + w, y + h], [x, y + h]], color, 2 * unit);
    drawPolygon(out, subject.masks.faceOval, color, faceUnit, 0.8);
    drawPolygon(out, subject.masks.lips, [255, 80, 80], faceUnit);
    drawPolygon(out, subject.masks.innerMouth, [255, 160, 160], faceUnit);
    drawPolygon(out, subject.masks.rightEye, [80, 255, 120], faceUnit);
    drawPolygon(out, subject.masks.leftEye, [80, 255, 120], faceUnit);
    for (const [px, py] of subject.landmarks) fillDisc(out, px, py, faceUnit * 0.6, color, 0.9);
    for (const iris of [subject.irises.left, subject.irises.right]) {
      fillDisc(out, iris[0][0], iris[0][1], faceUnit * 1.2, [0, 255, 255]);
      const radius = Math.hypot(iris[1][0] - iris[3][0], iris[1][1] - iris[3][1]) / 2;
      const ring: [number, number][] = Array.from({ length: 24 }, (_, k) => [
        iris[0][0] + radius * Math.cos((k / 24) * 2 * Math.PI),
        iris[0][1] + radius * Math.sin((k / 24) * 2 * Math.PI),
      ]);
      drawPolygon(out, ring, [0, 255, 255], Math.max(1, faceUnit / 2));
    }
    const cell = Math.max(2, Math.round(Math.min(w, 200) / 20));
    drawNumberLabel(out, subject.index, x, Math.max(0, y - 7 * cell - 2 * unit), cell, color);
  }
  return out;
}
