/**
 * Measures of how a painted mouth looks next to the photo around it (issue 14): are the teeth lit like the photo's
 * own whites (the eyes), and does the mouth carry the photo's grain instead of being cleaner than the skin beside it.
 * Each takes a frame and outlines in that frame's pixels, so it works on photo-size frames and on output-size crops.
 */
import type { Point2 } from '../face/face-types.js';
import { lumasInside, pointInPolygon, pullTowards } from '../face/subject-masks.js';
import { lumaAt, type RgbaImage } from '../media/rgba-image.js';
import { grainOf, quantile, type Box } from '../media/image-statistics.js';
import { edgeSharpnessOf } from '../media/edge-sharpness.js';

function boxOf(points: Point2[], marginPx: number): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return { x0: Math.min(...xs) - marginPx, y0: Math.min(...ys) - marginPx, x1: Math.max(...xs) + marginPx + 1, y1: Math.max(...ys) + marginPx + 1 };
}

/**
 * Brightest teeth against the photo's brightest eye whites: the 90th-percentile luma inside the mouth opening over
 * the 90th-percentile luma inside both eye openings. Real teeth sit at or below the whites of the same face; a
 * denture pasted on reads 1.2 and more.
 */
export function teethToEyeWhites(input: { frame: RgbaImage; mouth: Point2[]; eyes: Point2[][]; insetPx?: number }): number {
  const teeth = quantile(lumasInside(input.frame, input.mouth, input.insetPx ?? 1), 0.9);
  const whites = quantile(input.eyes.flatMap((e) => lumasInside(input.frame, e, input.insetPx ?? 1)), 0.9);
  return teeth / Math.max(whites, 1);
}

/**
 * Brightest teeth against the lit skin: the 90th-percentile luma inside the mouth opening over the median luma of
 * discs on the cheeks. Unlike the eye whites the skin is there to measure in every portrait, dim or shaded eyes or
 * not; teeth a photo shows read 1.2–1.3 of it, grey painted teeth under 1.
 */
export function teethToSkin(input: { frame: RgbaImage; mouth: Point2[]; cheeks: Point2[]; cheekRadiusPx: number; insetPx?: number }): number {
  const teeth = quantile(lumasInside(input.frame, input.mouth, input.insetPx ?? 1), 0.9);
  const r = input.cheekRadiusPx;
  const skin: number[] = [];
  for (const [cx, cy] of input.cheeks) {
    for (let y = Math.max(0, Math.round(cy - r)); y <= Math.min(input.frame.height - 1, Math.round(cy + r)); y++) {
      for (let x = Math.max(0, Math.round(cx - r)); x <= Math.min(input.frame.width - 1, Math.round(cx + r)); x++) {
        if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) skin.push(lumaAt(input.frame.data, (y * input.frame.width + x) * 4));
      }
    }
  }
  return teeth / Math.max(quantile(skin, 0.5), 1);
}

/**
 * Grain in the mouth's cavity (the darker half of the opening) over grain of the skin beside it (two cheek discs), on
 * the same frame: about 1 means the mouth is as grainy as the photo, near 0 a clean painted sticker.
 */
export function mouthGrainRatio(input: { frame: RgbaImage; mouth: Point2[]; cheeks: Point2[]; cheekRadiusPx: number; insetPx?: number }): number {
  const inset = input.insetPx ?? 2;
  const xs = input.mouth.map((p) => p[0]);
  const ys = input.mouth.map((p) => p[1]);
  const cx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const cy = ys.reduce((a, b) => a + b, 0) / ys.length;
  const shrunk = input.mouth.map((p) => pullTowards(p, [cx, cy], inset));
  // the darker half of the opening is the cavity: flat in a painted sticker, grainy in a photo (teeth and their gaps
  // are structure, not grain, and would swamp the figure)
  const darkBelow = quantile(lumasInside(input.frame, shrunk), 0.5);
  const mouth = grainOf(input.frame, (x, y) => pointInPolygon([x, y], shrunk) && lumaAt(input.frame.data, (y * input.frame.width + x) * 4) <= darkBelow, boxOf(shrunk, 0));
  const r = input.cheekRadiusPx;
  const skin = grainOf(input.frame, (x, y) => input.cheeks.some(([px, py]) => (x - px) ** 2 + (y - py) ** 2 <= r * r), boxOf(input.cheeks, r));
  return mouth / Math.max(skin, 1e-3);
}

/**
 * Edge sharpness (media/edge-sharpness.ts) inside the mouth opening over that of the skin around the lips (outside the
 * outer lip line, within a margin of the mouth's width), on the same frame. A photo's own open mouth reads about as
 * sharp as its skin; crisp painted teeth in a soft photo read far sharper.
 */
export function mouthSharpnessRatio(input: { frame: RgbaImage; mouth: Point2[]; lips: Point2[]; insetPx?: number }): number {
  const inset = input.insetPx ?? 1;
  const xs = input.mouth.map((p) => p[0]);
  const ys = input.mouth.map((p) => p[1]);
  const centre: Point2 = [xs.reduce((a, b) => a + b, 0) / xs.length, ys.reduce((a, b) => a + b, 0) / ys.length];
  const shrunk = input.mouth.map((p) => pullTowards(p, centre, inset));
  const mouth = edgeSharpnessOf(input.frame, (x, y) => pointInPolygon([x, y], shrunk), boxOf(shrunk, 0));
  const lx = input.lips.map((p) => p[0]);
  const width = Math.max(...lx) - Math.min(...lx);
  const around = boxOf(input.lips, 0.3 * width);
  const skin = edgeSharpnessOf(input.frame, (x, y) => !pointInPolygon([x, y], input.lips), around);
  return mouth / Math.max(skin, 1e-6);
}
