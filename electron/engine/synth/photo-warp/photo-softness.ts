/**
 * How soft the photo is around the mouth, as the Gaussian blur (pixels) its edges carry. The painted interior (teeth,
 * cavity, tongue) is drawn with edges a pixel wide; in an old print, a painting or a small compressed photo everything
 * else is softer, and crisp teeth read as pasted on. Fine texture (craquelure, pores, grain) says nothing about this:
 * the blur is read off the strongest edges (lips, nostrils, chin), from how much a known extra blur lowers their
 * steepness — a crisp edge loses much of it, an already soft one little (the gradient-ratio defocus estimate).
 */
import { lumaAt, type RgbaImage } from '../../media/rgba-image.js';
import type { Point2 } from '../../face/face-types.js';
import { LIPS_OUTER } from '../../face/mesh-regions.js';

/** The known extra blur, pixels. */
const REBLUR_SIGMA = 1;
/** Only edges this steep among the area's (the top share) are read: flat skin and grain have no edge to measure. */
const EDGE_SHARE = 0.08;
/** The estimate of a perfectly sharp, pixel-sampled edge: the finest blur this method sees. */
export const FLOOR_SIGMA = 0.3;

/** Points of landmark `i` in the image's pixels. */
export type PointOf = (i: number) => Point2;

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Luma of `box` as a row-major Float64Array of its width × height. */
function lumaPlane(image: RgbaImage, box: Box): Float64Array {
  const w = box.x1 - box.x0;
  const plane = new Float64Array(w * (box.y1 - box.y0));
  for (let y = box.y0; y < box.y1; y++) for (let x = box.x0; x < box.x1; x++) plane[(y - box.y0) * w + x - box.x0] = lumaAt(image.data, (y * image.width + x) * 4);
  return plane;
}

/** Separable Gaussian blur of a plane (edges clamped). */
export function blurPlane(plane: Float64Array, width: number, height: number, sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const pass = (from: Float64Array, dx: number, dy: number) => {
    const to = new Float64Array(from.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = -radius; k <= radius; k++) {
          const xx = Math.min(width - 1, Math.max(0, x + k * dx));
          const yy = Math.min(height - 1, Math.max(0, y + k * dy));
          sum += kernel[k + radius] * from[yy * width + xx];
        }
        to[y * width + x] = sum / total;
      }
    }
    return to;
  };
  return pass(pass(plane, 1, 0), 0, 1);
}

function gradientAt(plane: Float64Array, width: number, x: number, y: number): number {
  const o = y * width + x;
  return Math.hypot(plane[o + 1] - plane[o - 1], plane[o + width] - plane[o - width]) / 2;
}

/**
 * The blur (pixels) of the strongest edges in `box` of `image`: at each, an edge blurred by σ and then by R has its
 * steepness cut by σ/√(σ² + R²), so the ratio r of the two steepnesses gives σ = R/√(r² − 1). The median over the edges.
 */
export function edgeBlurPx(image: RgbaImage, box: Box): number {
  const b = {
    x0: Math.max(0, Math.floor(box.x0)),
    y0: Math.max(0, Math.floor(box.y0)),
    x1: Math.min(image.width, Math.ceil(box.x1)),
    y1: Math.min(image.height, Math.ceil(box.y1)),
  };
  const w = b.x1 - b.x0;
  const h = b.y1 - b.y0;
  if (w < 12 || h < 12) return NaN;
  const plane = lumaPlane(image, b);
  const soft = blurPlane(plane, w, h, REBLUR_SIGMA);
  const margin = 4;
  const steep: { g: number; o: number }[] = [];
  for (let y = margin; y < h - margin; y++) {
    for (let x = margin; x < w - margin; x++) {
      const o = y * w + x;
      const g = gradientAt(plane, w, x, y);
      // the edge's middle only (its steepest point across it): the ratio on its flanks says little
      const across = Math.abs(plane[o + 1] - plane[o - 1]) >= Math.abs(plane[o + w] - plane[o - w]) ? 1 : w;
      if (g >= gradientAt(plane, w, (o - across) % w, Math.floor((o - across) / w)) && g > gradientAt(plane, w, (o + across) % w, Math.floor((o + across) / w))) steep.push({ g, o });
    }
  }
  steep.sort((a, c) => c.g - a.g);
  const take = steep.slice(0, Math.max(8, Math.round(EDGE_SHARE * steep.length))).filter((e) => e.g > 4);
  if (take.length < 8) return NaN;
  const sigmas = take.map(({ g, o }) => {
    const r = g / Math.max(1e-6, gradientAt(soft, w, o % w, Math.floor(o / w)));
    return r <= 1.0001 ? 8 : REBLUR_SIGMA / Math.sqrt(r * r - 1);
  });
  sigmas.sort((a, c) => a - c);
  return sigmas[sigmas.length >> 1];
}

/** The box round the lips and the skin a mouth's width about them. */
export function mouthSurroundBox(pointOf: PointOf): Box {
  const lips = LIPS_OUTER.map(pointOf);
  const width = Math.hypot(pointOf(291)[0] - pointOf(61)[0], pointOf(291)[1] - pointOf(61)[1]);
  const xs = lips.map((p) => p[0]);
  const ys = lips.map((p) => p[1]);
  return { x0: Math.min(...xs) - 0.3 * width, x1: Math.max(...xs) + 0.3 * width, y0: Math.min(...ys) - 0.35 * width, y1: Math.max(...ys) + 0.35 * width };
}

/** The photo's softness round the mouth as a blur beyond a crisp edge's, pixels; 0 when unknown. */
export function photoSoftnessPx(image: RgbaImage, pointOf: PointOf): number {
  const sigma = edgeBlurPx(image, mouthSurroundBox(pointOf));
  return Number.isFinite(sigma) ? Math.max(0, sigma - FLOOR_SIGMA) : 0;
}

/** A tooth's edges and the gaps between teeth are never crisper than this (pixels), however sharp the photo. */
const INTERIOR_MIN_BLUR_PX = 0.7;

/** The blur the painted interior is given: the photo's own softness round the mouth, and never a hairline. */
export function interiorSoftnessPx(image: RgbaImage, pointOf: PointOf): number {
  return Math.max(INTERIOR_MIN_BLUR_PX, photoSoftnessPx(image, pointOf));
}
