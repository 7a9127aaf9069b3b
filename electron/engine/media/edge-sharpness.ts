/**
 * How sharp an area is, apart from what it shows: at its edges, the share of detail finer than a pixel or two. Next to
 * `grainOf` (mouth-look), it says whether a mouth drawn or pasted into a photo is crisper or softer than the photo.
 */
import { lumaAt, type RgbaImage } from './rgba-image.js';

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Mean luma of the (2r+1)² square around (x, y), clamped to the image. */
function boxMean(image: RgbaImage, x: number, y: number, r: number): number {
  let sum = 0;
  let n = 0;
  for (let yy = Math.max(0, y - r); yy <= Math.min(image.height - 1, y + r); yy++) {
    for (let xx = Math.max(0, x - r); xx <= Math.min(image.width - 1, x + r); xx++, n++) sum += lumaAt(image.data, (yy * image.width + xx) * 4);
  }
  return sum / n;
}

/**
 * Edge sharpness of the pixels `inside` accepts: all their fine detail (the 3×3 mean against the 7×7 mean) over all
 * their coarse detail (the 7×7 mean against the 15×15 mean). A crisp edge has much of both, the same edge blurred by
 * a pixel or two keeps its coarse detail and loses the fine; flat areas add nothing to either, so what the area shows
 * (how many edges, how strong) cancels out. Starting from 3×3 means keeps pixel grain (`grainOf`'s part) mostly out.
 */
export function edgeSharpnessOf(image: RgbaImage, inside: (x: number, y: number) => boolean, box?: Box): number {
  let fine = 0;
  let coarse = 0;
  let count = 0;
  const b = box ?? { x0: 0, y0: 0, x1: image.width, y1: image.height };
  for (let y = Math.max(7, Math.floor(b.y0)); y < Math.min(image.height - 7, Math.ceil(b.y1)); y++) {
    for (let x = Math.max(7, Math.floor(b.x0)); x < Math.min(image.width - 7, Math.ceil(b.x1)); x++) {
      if (!inside(x, y)) continue;
      const mean7 = boxMean(image, x, y, 3);
      fine += Math.abs(boxMean(image, x, y, 1) - mean7);
      coarse += Math.abs(mean7 - boxMean(image, x, y, 7));
      count++;
    }
  }
  return count < 8 ? NaN : fine / Math.max(coarse, 1e-6);
}
