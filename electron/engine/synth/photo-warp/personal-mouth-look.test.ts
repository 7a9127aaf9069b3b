import { describe, expect, it } from 'vitest';
import { LIPS_OUTER } from '../../face/mesh-regions.js';
import { createRgbaImage, type RgbaImage } from '../../media/rgba-image.js';
import { applyLookRecipe, blur, findLookRecipe, rescale, skinLookAround, type PointOf } from './personal-mouth-look.js';

/** Lips as an ellipse in the middle of a 120×90 crop: LIPS_OUTER's points in order round it. */
const pointOf: PointOf = (i) => {
  const k = Math.max(0, LIPS_OUTER.indexOf(i));
  const angle = Math.PI + (2 * Math.PI * k) / LIPS_OUTER.length;
  return [60 + 25 * Math.cos(angle), 45 + 10 * Math.sin(angle)];
};

/** Skin with pores and creases: soft-edged blotches of a few pixels, crisp as drawn. */
function skin(): RgbaImage {
  const image = createRgbaImage(120, 90);
  for (let y = 0; y < 90; y++) {
    for (let x = 0; x < 120; x++) {
      const v = 140 + 30 * Math.sign(Math.sin(x / 2.3) * Math.sin(y / 3.1 + x / 7));
      image.data.set([v + 30, v, v - 20, 255], (y * 120 + x) * 4);
    }
  }
  return image;
}

function withNoise(image: RgbaImage, sigma: number): RgbaImage {
  const out = createRgbaImage(image.width, image.height);
  let seed = 7;
  for (let i = 0; i < image.data.length; i += 4) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const n = ((seed / 4294967296) * 2 - 1) * sigma * 1.73;
    for (let c = 0; c < 3; c++) out.data[i + c] = Math.max(0, Math.min(255, Math.round(image.data[i + c] + n)));
    out.data[i + 3] = 255;
  }
  return out;
}

describe('a clip frame brought to the photo’s look', () => {
  it('blurs a crisp clean clip and adds grain to match a soft grainy photo', () => {
    const photo = skinLookAround(withNoise(blur(skin(), 1.1), 5), pointOf);
    const crop = skin();
    const before = skinLookAround(crop, pointOf);
    const recipe = findLookRecipe(crop, pointOf, photo);
    expect(recipe.blurSigma).toBeGreaterThan(0);
    expect(recipe.noiseSigma).toBeGreaterThan(0);
    const after = skinLookAround(applyLookRecipe(crop, recipe, 1), pointOf);
    expect(Math.abs(after.grain - photo.grain)).toBeLessThan(Math.abs(before.grain - photo.grain) / 2);
    expect(Math.abs(after.sharpness - photo.sharpness)).toBeLessThan(Math.abs(before.sharpness - photo.sharpness) / 2);
  });

  it('sharpens a soft clip for a crisp photo, and leaves a clip that already matches alone', () => {
    const photo = skinLookAround(skin(), pointOf);
    const recipe = findLookRecipe(blur(skin(), 1.2), pointOf, photo);
    expect(recipe.sharpenAmount).toBeGreaterThan(0);
    expect(recipe.blurSigma).toBe(0);
    expect(findLookRecipe(skin(), pointOf, photo)).toEqual({ blurSigma: 0, sharpenAmount: 0, noiseSigma: 0 });
  });

  it('rescales a crop to the photo’s size', () => {
    expect([rescale(skin(), 0.5).width, rescale(skin(), 2).height]).toEqual([60, 180]);
  });
});
