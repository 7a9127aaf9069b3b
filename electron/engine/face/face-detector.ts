import * as ort from 'onnxruntime-node';
import type { RgbaImage } from '../media/rgba-image.js';
import type { SessionPool } from '../models/session-pool.js';
import { BLAZEFACE_INPUT_PX, decodeDetections, weightedNonMaxSuppression, type RawDetection } from './blazeface-decoder.js';
import { downscaleByInteger, sampleCrop, squareCropTransform, type CropTransform } from './image-sampling.js';

export interface DetectOptions {
  /** Minimum detector confidence, 0..1. */
  minScore?: number;
  /** IoU above which two detections are the same face. */
  iouThreshold?: number;
  /** Look only in these square windows (default: the whole picture, plus tiles for small faces in large pictures). */
  windows?: { center: [number, number]; sizePx: number }[];
}

/** Side of the square tiles (source pixels) scanned on top of the whole picture, so faces down to ~40 px are found. */
const TILE_PX = 512;
const TILE_STRIDE_PX = 384;
/** Pictures whose long side is at most this are only scanned whole. */
const WHOLE_ONLY_MAX_PX = 640;

interface Window {
  /** The pixels the window samples from (the photo, or a box-filtered copy when shrinking a lot). */
  source: RgbaImage;
  /** Source pixels → photo pixels. */
  sourceScale: number;
  transform: CropTransform;
}

/** Square windows covering the photo: the whole of it, plus overlapping tiles for large photos. */
export function detectionWindows(image: RgbaImage): { center: [number, number]; sizePx: number }[] {
  const windows = [{ center: [image.width / 2, image.height / 2] as [number, number], sizePx: Math.max(image.width, image.height) }];
  if (Math.max(image.width, image.height) <= WHOLE_ONLY_MAX_PX) return windows;
  const starts = (length: number) => {
    if (length <= TILE_PX) return [(length - TILE_PX) / 2];
    const count = Math.ceil((length - TILE_PX) / TILE_STRIDE_PX) + 1;
    return Array.from({ length: count }, (_, i) => (i * (length - TILE_PX)) / (count - 1));
  };
  for (const y of starts(image.height))
    for (const x of starts(image.width)) windows.push({ center: [x + TILE_PX / 2, y + TILE_PX / 2], sizePx: TILE_PX });
  return windows;
}

function prepareWindow(image: RgbaImage, center: [number, number], sizePx: number, shrunk: Map<number, RgbaImage>): Window {
  const factor = Math.floor(sizePx / BLAZEFACE_INPUT_PX);
  if (factor < 2) return { source: image, sourceScale: 1, transform: squareCropTransform(center, sizePx, 0, BLAZEFACE_INPUT_PX) };
  let source = shrunk.get(factor);
  if (!source) shrunk.set(factor, (source = downscaleByInteger(image, factor)));
  return {
    source,
    sourceScale: factor,
    transform: squareCropTransform([center[0] / factor, center[1] / factor], sizePx / factor, 0, BLAZEFACE_INPUT_PX),
  };
}

/** Detects every face in the photo with BlazeFace; boxes and keypoints in photo pixels, best first. */
export async function detectFaces(pool: SessionPool, image: RgbaImage, options: DetectOptions = {}): Promise<RawDetection[]> {
  const minScore = options.minScore ?? 0.5;
  const { session } = await pool.get('blazeface');
  const shrunk = new Map<number, RgbaImage>();
  const all: RawDetection[] = [];
  const input = new Float32Array(BLAZEFACE_INPUT_PX * BLAZEFACE_INPUT_PX * 3);
  for (const { center, sizePx } of options.windows ?? detectionWindows(image)) {
    const window = prepareWindow(image, center, sizePx, shrunk);
    // BlazeFace takes RGB scaled to [-1, 1]; outside the photo is black.
    sampleCrop(window.source, window.transform, BLAZEFACE_INPUT_PX, BLAZEFACE_INPUT_PX, { scale: 2 / 255, offset: -1, outside: 0, target: input });
    const out = await session.run({ image: new ort.Tensor('float32', input, [1, BLAZEFACE_INPUT_PX, BLAZEFACE_INPUT_PX, 3]) });
    const detections = decodeDetections(
      {
        scores16: out.scores_16.data as Float32Array,
        scores8: out.scores_8.data as Float32Array,
        regressors16: out.regressors_16.data as Float32Array,
        regressors8: out.regressors_8.data as Float32Array,
      },
      minScore,
    );
    const toPhoto = (x: number, y: number): [number, number] => {
      const t = window.transform;
      return [
        (t.origin[0] + x * t.axisU[0] + y * t.axisV[0]) * window.sourceScale,
        (t.origin[1] + x * t.axisU[1] + y * t.axisV[1]) * window.sourceScale,
      ];
    };
    for (const d of detections) {
      const [x0, y0] = toPhoto(d.box[0], d.box[1]);
      const [x1, y1] = toPhoto(d.box[2], d.box[3]);
      all.push({ box: [x0, y0, x1, y1], keypoints: d.keypoints.map(([x, y]) => toPhoto(x, y)), score: d.score });
    }
  }
  return weightedNonMaxSuppression(all, options.iouThreshold ?? 0.3);
}
