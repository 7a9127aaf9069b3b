/**
 * BlazeFace (256×256 "back camera" variant) output decoding: anchors, boxes, keypoints, NMS.
 * Pure functions over the raw model outputs so they can be tested without a model.
 */

export const BLAZEFACE_INPUT_PX = 256;
/** Six keypoints per face: right eye, left eye, nose tip, mouth centre, right ear tragion, left ear tragion (subject's sides). */
export const BLAZEFACE_KEYPOINTS = 6;

export interface RawDetection {
  /** Box in model-input pixels: [xMin, yMin, xMax, yMax]. */
  box: [number, number, number, number];
  keypoints: [number, number][];
  score: number;
}

/** Anchor centres in input pixels: 2 per cell on the 16×16 grid (stride 16), then 6 per cell on the 8×8 grid (stride 32). */
export function generateAnchors(inputPx = BLAZEFACE_INPUT_PX): [number, number][] {
  const anchors: [number, number][] = [];
  for (const [stride, perCell] of [
    [inputPx / 16, 2],
    [inputPx / 8, 6],
  ]) {
    const cells = Math.ceil(inputPx / stride);
    for (let gy = 0; gy < cells; gy++)
      for (let gx = 0; gx < cells; gx++) for (let n = 0; n < perCell; n++) anchors.push([stride * (gx + 0.5), stride * (gy + 0.5)]);
  }
  return anchors;
}

const ANCHORS = generateAnchors();

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Decodes the four BlazeFace outputs (scores and 16 regressors per anchor, for the 16×16 then the 8×8
 * grid) into detections above `minScore`, in model-input pixels.
 */
export function decodeDetections(
  outputs: { scores16: Float32Array; scores8: Float32Array; regressors16: Float32Array; regressors8: Float32Array },
  minScore: number,
): RawDetection[] {
  const detections: RawDetection[] = [];
  const count16 = outputs.scores16.length;
  const logitThreshold = Math.log(minScore / (1 - minScore));
  for (let a = 0; a < ANCHORS.length; a++) {
    const inFirst = a < count16;
    const logit = inFirst ? outputs.scores16[a] : outputs.scores8[a - count16];
    if (logit < logitThreshold) continue;
    const reg = inFirst ? outputs.regressors16 : outputs.regressors8;
    const base = (inFirst ? a : a - count16) * 16;
    const [ax, ay] = ANCHORS[a];
    const cx = reg[base] + ax;
    const cy = reg[base + 1] + ay;
    const w = reg[base + 2];
    const h = reg[base + 3];
    const keypoints: [number, number][] = [];
    for (let k = 0; k < BLAZEFACE_KEYPOINTS; k++) keypoints.push([reg[base + 4 + k * 2] + ax, reg[base + 5 + k * 2] + ay]);
    detections.push({ box: [cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], keypoints, score: sigmoid(logit) });
  }
  return detections;
}

export function intersectionOverUnion(a: RawDetection['box'], b: RawDetection['box']): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * Weighted non-maximum suppression (as MediaPipe does for BlazeFace): overlapping detections of one
 * face are averaged, weighted by score, instead of keeping only the best; the result jitters less.
 */
export function weightedNonMaxSuppression(detections: RawDetection[], iouThreshold: number): RawDetection[] {
  const remaining = [...detections].sort((a, b) => b.score - a.score);
  const kept: RawDetection[] = [];
  while (remaining.length > 0) {
    const best = remaining[0];
    const cluster: RawDetection[] = [];
    for (let i = remaining.length - 1; i >= 0; i--) {
      if (intersectionOverUnion(best.box, remaining[i].box) >= iouThreshold) cluster.push(...remaining.splice(i, 1));
    }
    const total = cluster.reduce((s, d) => s + d.score, 0);
    const box = [0, 1, 2, 3].map((i) => cluster.reduce((s, d) => s + d.box[i] * d.score, 0) / total) as RawDetection['box'];
    const keypoints = best.keypoints.map((_, k) =>
      [0, 1].map((j) => cluster.reduce((s, d) => s + d.keypoints[k][j] * d.score, 0) / total),
    ) as [number, number][];
    kept.push({ box, keypoints, score: best.score });
  }
  return kept;
}
