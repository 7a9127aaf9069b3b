/**
 * The painted mouth interior gathered over its box before it goes onto the frame, so it can be given the photo's look:
 * blurred as soft as the photo is around the mouth (photo-softness.ts), then grained like its cheeks. Painted straight
 * onto the frame its teeth had edges and gaps a pixel wide, crisper than anything in a soft photo. The blur stays
 * inside the opening (the lips' edges are the photo's own) and leaves the photo's own teeth, already as soft as it.
 */
import type { RgbaImage } from '../../media/rgba-image.js';
import { blendPixel } from './pixel-blend.js';

export interface InteriorLayer {
  x0: number;
  y0: number;
  width: number;
  height: number;
  /** Colour before grain, three per pixel. */
  rgb: Float64Array;
  /** How much of the pixel the interior covers (0 outside the opening). */
  alpha: Float64Array;
  /** Share of the pixel that is the photo's own teeth: kept as they are, neither blurred nor grained. */
  own: Float64Array;
  scratch: Float64Array;
}

export function createInteriorLayer(): InteriorLayer {
  return { x0: 0, y0: 0, width: 0, height: 0, rgb: new Float64Array(0), alpha: new Float64Array(0), own: new Float64Array(0), scratch: new Float64Array(0) };
}

/** Empties `layer` over the box [x0, x1] × [y0, y1] (inclusive), growing its buffers when needed. */
export function resetInteriorLayer(layer: InteriorLayer, x0: number, y0: number, x1: number, y1: number): void {
  layer.x0 = x0;
  layer.y0 = y0;
  layer.width = Math.max(0, x1 - x0 + 1);
  layer.height = Math.max(0, y1 - y0 + 1);
  const n = layer.width * layer.height;
  if (layer.alpha.length < n) {
    const room = Math.ceil(n * 1.25);
    layer.rgb = new Float64Array(3 * room);
    layer.alpha = new Float64Array(room);
    layer.own = new Float64Array(room);
    // the blur's two sums (colour times weight, and weight) for a pass, four values per pixel
    layer.scratch = new Float64Array(8 * room);
  }
  layer.alpha.fill(0, 0, n);
}

export function setInteriorPixel(layer: InteriorLayer, x: number, y: number, r: number, g: number, b: number, alpha: number, own: number): void {
  const i = (y - layer.y0) * layer.width + x - layer.x0;
  layer.rgb[3 * i] = r;
  layer.rgb[3 * i + 1] = g;
  layer.rgb[3 * i + 2] = b;
  layer.alpha[i] = alpha;
  layer.own[i] = own;
}

export interface InteriorLook {
  /** Gaussian blur, pixels, of the painted part (inside the opening only). */
  blurPx: number;
  /** Standard deviation of the photo's grain on the skin, luma levels, and that skin's luma. */
  grainSigma: number;
  skinLuma: number;
}

const kernelScratch: number[] = [];

/**
 * Blurs the painted part of the layer within the opening (each pixel's colour weighted by its coverage, so the dark
 * beyond the lip line never bleeds in), adds grain and blends it onto `out` by its coverage.
 */
export function compositeInteriorLayer(layer: InteriorLayer, look: InteriorLook, out: RgbaImage): void {
  const { width: w, height: h, rgb, alpha, own, scratch } = layer;
  const n = w * h;
  if (n === 0) return;
  // scratch holds [r·a, g·a, b·a, a] per pixel, blurred in place through a second half
  for (let i = 0; i < n; i++) {
    const a = alpha[i];
    scratch[4 * i] = rgb[3 * i] * a;
    scratch[4 * i + 1] = rgb[3 * i + 1] * a;
    scratch[4 * i + 2] = rgb[3 * i + 2] * a;
    scratch[4 * i + 3] = a;
  }
  if (look.blurPx > 0.05) {
    const radius = Math.ceil(3 * look.blurPx);
    kernelScratch.length = 0;
    for (let k = -radius; k <= radius; k++) kernelScratch.push(Math.exp(-(k * k) / (2 * look.blurPx * look.blurPx)));
    blurPass(scratch, 0, 4 * n, w, h, 1, kernelScratch, radius);
    blurPass(scratch, 4 * n, 0, w, h, w, kernelScratch, radius);
  }
  const data = out.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const a = alpha[i];
      if (a <= 0) continue;
      const weight = scratch[4 * i + 3];
      const keep = own[i];
      let r = rgb[3 * i];
      let g = rgb[3 * i + 1];
      let b = rgb[3 * i + 2];
      if (weight > 1e-6) {
        r += (scratch[4 * i] / weight - r) * (1 - keep);
        g += (scratch[4 * i + 1] / weight - g) * (1 - keep);
        b += (scratch[4 * i + 2] / weight - b) * (1 - keep);
      }
      // noise in a photo grows with the light (shot noise): a dark cavity carries less than the cheeks
      const px = layer.x0 + x;
      const py = layer.y0 + y;
      const grain = (1 - keep) * look.grainSigma * Math.sqrt(Math.max(0, 0.299 * r + 0.587 * g + 0.114 * b) / look.skinLuma) * grainAt(px, py);
      blendPixel(data, (py * out.width + px) * 4, r + grain, g + grain, b + grain, a);
    }
  }
}

/** One direction (`step` 1: along rows, `width`: down columns) of the blur, four values per pixel, from one half of `buf` to the other. */
function blurPass(buf: Float64Array, from: number, to: number, w: number, h: number, step: number, kernel: number[], radius: number): void {
  const along = step === 1 ? w : h;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const at = step === 1 ? x : y;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = Math.max(-radius, -at); k <= Math.min(radius, along - 1 - at); k++) {
        const q = from + 4 * (y * w + x + k * step);
        const kw = kernel[k + radius];
        s0 += kw * buf[q];
        s1 += kw * buf[q + 1];
        s2 += kw * buf[q + 2];
        s3 += kw * buf[q + 3];
      }
      const o = to + 4 * (y * w + x);
      buf[o] = s0;
      buf[o + 1] = s1;
      buf[o + 2] = s2;
      buf[o + 3] = s3;
    }
  }
}

/** Fine grain like the photo's: a fixed pattern (a still photo's grain does not crawl), about unit variance. */
function grainAt(x: number, y: number): number {
  let h = Math.imul(x, 374761393) + Math.imul(y, 668265263);
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  h ^= h >>> 16;
  // two uniform bytes summed: a triangular spread with standard deviation 0.408 of a unit
  return (((h & 255) + ((h >>> 8) & 255)) / 255 - 1) / 0.408;
}
