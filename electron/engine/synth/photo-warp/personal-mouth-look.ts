/**
 * A personal mouth's clip frame brought to the photo's look before its interior is shown: at the photo's scale, as
 * sharp (blurred or sharpened) and as grainy (noise added) as the photo's own skin around the mouth. A clip is
 * usually crisper and cleaner, or softer, than a given photo; pasted as it is, its teeth read as another picture.
 * NOT wired into personal-mouth.ts yet: on Obama reconstructions (scripts/measure-personal-mouth-look.ts, with and
 * without --degrade) it moved the open mouth's grain and sharpness against the skin no closer to the real clip's.
 */
import { pointInPolygon } from '../../face/subject-masks.js';
import type { Point2 } from '../../face/face-types.js';
import { LIPS_OUTER } from '../../face/mesh-regions.js';
import { createRgbaImage, type RgbaImage } from '../../media/rgba-image.js';
import { grainOf } from '../../media/image-statistics.js';
import { edgeSharpnessOf } from '../../media/edge-sharpness.js';
import { sampleCrop } from './personal-mouth.js';

export interface AreaLook {
  grain: number;
  sharpness: number;
}

/** Median |luma − 3×3 mean| of white Gaussian noise of standard deviation 1 (0.6745 × √(1 + 1/8)). */
const GRAIN_PER_SIGMA = 0.716;
/** The interior is sampled between pixels as the warped skin around it is, so added noise needs no making up. */
const SAMPLING_NOISE_LOSS = 1;
const BLUR_SIGMAS = [0.5, 0.8, 1.2, 1.6, 2.1, 2.8, 3.6];
const SHARPEN_AMOUNTS = [0.25, 0.5, 0.8, 1.2, 1.8];
/** Within this share of the photo's sharpness the clip frame is left as it is. */
const SHARPNESS_TOLERANCE = 0.06;

/** Points of landmark `i` in the image's pixels. */
export type PointOf = (i: number) => Point2;

/** Grain and edge sharpness of the skin around the mouth (outside the outer lips, within a margin of the mouth's width). */
export function skinLookAround(image: RgbaImage, pointOf: PointOf): AreaLook {
  const lips = LIPS_OUTER.map(pointOf);
  const width = Math.hypot(pointOf(291)[0] - pointOf(61)[0], pointOf(291)[1] - pointOf(61)[1]);
  const xs = lips.map((p) => p[0]);
  const ys = lips.map((p) => p[1]);
  const box = { x0: Math.min(...xs) - 0.3 * width, x1: Math.max(...xs) + 0.3 * width, y0: Math.min(...ys) - 0.35 * width, y1: Math.max(...ys) + 0.35 * width };
  const skin = (x: number, y: number) => !pointInPolygon([x, y], lips);
  return { grain: grainOf(image, skin, box), sharpness: edgeSharpnessOf(image, skin, box) };
}

/** `image` resampled by `factor` (bilinear; area-averaged first when shrinking by more than half). */
export function rescale(image: RgbaImage, factor: number): RgbaImage {
  const source = factor < 0.5 ? blur(image, 0.5 / factor - 0.5) : image;
  const out = createRgbaImage(Math.max(1, Math.round(image.width * factor)), Math.max(1, Math.round(image.height * factor)));
  const rgb: [number, number, number] = [0, 0, 0];
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) {
      sampleCrop(source, (x + 0.5) / factor - 0.5, (y + 0.5) / factor - 0.5, rgb);
      out.data.set([Math.round(rgb[0]), Math.round(rgb[1]), Math.round(rgb[2]), 255], (y * out.width + x) * 4);
    }
  }
  return out;
}

/** Separable Gaussian blur of the colour channels. */
export function blur(image: RgbaImage, sigma: number): RgbaImage {
  const radius = Math.max(1, Math.ceil(2.5 * sigma));
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const pass = (from: RgbaImage, dx: number, dy: number) => {
    const to = createRgbaImage(from.width, from.height);
    for (let y = 0; y < from.height; y++) {
      for (let x = 0; x < from.width; x++) {
        const o = (y * from.width + x) * 4;
        for (let c = 0; c < 3; c++) {
          let sum = 0;
          for (let k = -radius; k <= radius; k++) {
            const xx = Math.min(from.width - 1, Math.max(0, x + k * dx));
            const yy = Math.min(from.height - 1, Math.max(0, y + k * dy));
            sum += kernel[k + radius] * from.data[(yy * from.width + xx) * 4 + c];
          }
          to.data[o + c] = Math.round(sum / total);
        }
        to.data[o + 3] = 255;
      }
    }
    return to;
  };
  return pass(pass(image, 1, 0), 0, 1);
}

function sharpen(image: RgbaImage, amount: number): RgbaImage {
  const soft = blur(image, 1);
  const out = createRgbaImage(image.width, image.height);
  for (let i = 0; i < image.data.length; i++) out.data[i] = i % 4 === 3 ? 255 : Math.max(0, Math.min(255, Math.round(image.data[i] + amount * (image.data[i] - soft.data[i]))));
  return out;
}

/** Adds luma noise of standard deviation `sigma` (the same pattern for the same seed). */
function addNoise(image: RgbaImage, sigma: number, seed: number): RgbaImage {
  const out = createRgbaImage(image.width, image.height);
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  for (let i = 0; i < image.data.length; i += 4) {
    const n = sigma * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    for (let c = 0; c < 3; c++) out.data[i + c] = Math.max(0, Math.min(255, Math.round(image.data[i + c] + n)));
    out.data[i + 3] = 255;
  }
  return out;
}

/** What brings a clip's frames to the photo's look: a blur or a sharpening (or neither), then noise. */
export interface LookRecipe {
  blurSigma: number;
  sharpenAmount: number;
  noiseSigma: number;
}

/**
 * The recipe that brings `crop` (at the photo's scale already; `pointOf` places the landmarks in it) to the photo's
 * edge sharpness and grain around the mouth, each step measured on the crop's own skin.
 */
export function findLookRecipe(crop: RgbaImage, pointOf: PointOf, photo: AreaLook): LookRecipe {
  const recipe = { blurSigma: 0, sharpenAmount: 0, noiseSigma: 0 };
  if (!Number.isFinite(photo.sharpness) || !Number.isFinite(photo.grain)) return recipe;
  const own = skinLookAround(crop, pointOf);
  if (!Number.isFinite(own.sharpness)) return recipe;
  let bestLook = own;
  if (Math.abs(own.sharpness - photo.sharpness) > SHARPNESS_TOLERANCE * photo.sharpness) {
    const softer = own.sharpness > photo.sharpness;
    for (const value of softer ? BLUR_SIGMAS : SHARPEN_AMOUNTS) {
      const look = skinLookAround(softer ? blur(crop, value) : sharpen(crop, value), pointOf);
      if (Math.abs(look.sharpness - photo.sharpness) < Math.abs(bestLook.sharpness - photo.sharpness)) {
        bestLook = look;
        recipe.blurSigma = softer ? value : 0;
        recipe.sharpenAmount = softer ? 0 : value;
      }
    }
  }
  if (photo.grain > bestLook.grain) recipe.noiseSigma = (SAMPLING_NOISE_LOSS * Math.sqrt(photo.grain ** 2 - bestLook.grain ** 2)) / GRAIN_PER_SIGMA;
  return recipe;
}

export function applyLookRecipe(crop: RgbaImage, recipe: LookRecipe, seed: number): RgbaImage {
  let out = recipe.blurSigma > 0 ? blur(crop, recipe.blurSigma) : recipe.sharpenAmount > 0 ? sharpen(crop, recipe.sharpenAmount) : crop;
  if (recipe.noiseSigma > 0) out = addNoise(out, recipe.noiseSigma, seed);
  return out;
}
