import { describe, expect, it } from 'vitest';
import { cropScale, cropToImage, downscaleByInteger, sampleCrop, squareCropTransform } from './image-sampling.js';

function gradient(width: number, height: number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data.set([x, y, 100, 255], (y * width + x) * 4);
  return { width, height, data };
}

describe('square crops', () => {
  it('maps crop corners and centre to the right photo points, with and without rotation', () => {
    const t = squareCropTransform([50, 40], 20, 0, 10);
    expect(cropToImage(t, 0, 0)).toEqual([40, 30]);
    expect(cropToImage(t, 10, 10)).toEqual([60, 50]);
    expect(cropScale(t)).toBe(2);
    const r = squareCropTransform([50, 40], 20, Math.PI / 2, 10);
    const [cx, cy] = cropToImage(r, 5, 5);
    expect(cx).toBeCloseTo(50, 9);
    expect(cy).toBeCloseTo(40, 9);
    // rotated a quarter turn: the crop's x axis runs down the photo
    const [x, y] = cropToImage(r, 10, 5);
    expect(x).toBeCloseTo(50, 9);
    expect(y).toBeCloseTo(50, 9);
  });

  it('samples a rotated crop well inside the picture (its own fast path) as the general path does (reached here by mirroring)', () => {
    const data = new Uint8Array(200 * 150 * 4);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const image = { width: 200, height: 150, data };
    const t = squareCropTransform([90, 70], 60, 0.4, 24);
    const plain = sampleCrop(image, t, 24, 24, { scale: 1 / 255, offset: 0 });
    const mirrored = sampleCrop(image, t, 24, 24, { scale: 1 / 255, offset: 0, mirror: true });
    let worst = 0;
    for (let v = 0; v < 24; v++)
      for (let u = 0; u < 24; u++)
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(plain[(v * 24 + u) * 3 + c] - mirrored[(v * 24 + 23 - u) * 3 + c]));
    expect(worst).toBeLessThan(1e-6);
    expect(new Set(plain).size).toBeGreaterThan(500);
  });

  it('samples the photo through the transform, scaled and offset, mirrored on request', () => {
    const image = gradient(64, 64);
    const t = squareCropTransform([32, 32], 8, 0, 8);
    const out = sampleCrop(image, t, 8, 8, { scale: 1, offset: 0 });
    // first crop pixel centre is photo pixel (28, 28)
    expect(out[0]).toBeCloseTo(28, 5);
    expect(out[1]).toBeCloseTo(28, 5);
    expect(out[2]).toBeCloseTo(100, 5);
    const mirrored = sampleCrop(image, t, 8, 8, { scale: 1, offset: 0, mirror: true });
    expect(mirrored[0]).toBeCloseTo(35, 5);
    const normalised = sampleCrop(image, t, 8, 8, { scale: 2 / 255, offset: -1 });
    expect(normalised[2]).toBeCloseTo((100 * 2) / 255 - 1, 5);
  });

  it('fills outside the photo with the given value or the nearest edge', () => {
    const image = gradient(16, 16);
    const t = squareCropTransform([0, 0], 8, 0, 8);
    const constant = sampleCrop(image, t, 8, 8, { scale: 1, offset: 0, outside: 0 });
    expect(constant[0]).toBe(0);
    const clamped = sampleCrop(image, t, 8, 8, { scale: 1, offset: 0, outside: 'clamp' });
    expect(clamped[2]).toBe(100);
  });

  it('box-filters when shrinking by an integer factor', () => {
    const image = gradient(8, 4);
    const half = downscaleByInteger(image, 2);
    expect([half.width, half.height]).toEqual([4, 2]);
    expect(half.data[0]).toBe(0); // (0+1+0+1)/4 = 0.5 → stored as 0 in a Uint8Array
    expect(half.data[4]).toBe(2); // (2+3+2+3)/4 = 2.5 → 2
    expect(half.data[(1 * 4 + 0) * 4 + 1]).toBe(2); // rows 2 and 3 → 2.5
  });
});
