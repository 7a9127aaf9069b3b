/**
 * Statistics of an image area that both the renderer (matching a painted mouth to the photo) and the quality suite
 * (judging it) read: one definition, so what is matched is what is measured.
 */
import { lumaAt, type RgbaImage } from './rgba-image.js';

/** A pixel box, x0/y0 inclusive and x1/y1 exclusive. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The q-quantile (0..1) of `values`; NaN when empty. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

/**
 * Fine grain of an area: the median absolute response to the second difference across both axes at once
 * ([1 −2 1] ⊗ [1 −2 1], Immerkær's noise kernel), over the pixels `inside` accepts, scaled so white noise reads as it
 * did against the 3×3 mean (0.716 σ). The kernel ignores any shading or edge that runs along either axis, however
 * curved across it, so a thin soft band (a cavity between teeth and tongue) is not taken for grain; the deviation
 * from the 3×3 mean read such a band, with no noise added at all, as 3× the grain of the cheeks.
 */
export function grainOf(image: RgbaImage, inside: (x: number, y: number) => boolean, box?: Box): number {
  const deviations: number[] = [];
  const { width, height, data } = image;
  const b = box ?? { x0: 0, y0: 0, x1: width, y1: height };
  const at = (x: number, y: number) => lumaAt(data, (y * width + x) * 4);
  for (let y = Math.max(1, Math.floor(b.y0)); y < Math.min(height - 1, Math.ceil(b.y1)); y++) {
    for (let x = Math.max(1, Math.floor(b.x0)); x < Math.min(width - 1, Math.ceil(b.x1)); x++) {
      if (!inside(x, y)) continue;
      const row = (yy: number) => at(x - 1, yy) - 2 * at(x, yy) + at(x + 1, yy);
      deviations.push(Math.abs(row(y - 1) - 2 * row(y) + row(y + 1)));
    }
  }
  // white noise of σ: the kernel's response has σ·6, its median |·| 0.6745·6σ, against 0.716σ before
  return quantile(deviations, 0.5) / ((6 * 0.6745) / 0.716);
}
