import { describe, expect, it } from 'vitest';
import { cropAndShrink } from './area-downscale.js';

function gradient(width: number, height: number) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([x % 256, y % 256, (x + y) % 256, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

describe('cropAndShrink', () => {
  it('averages the box under each output pixel of the cut-out', () => {
    const image = gradient(10, 8);
    const out = cropAndShrink(image, { x: 2, y: 2, width: 6, height: 4 }, 3, 2);
    expect([out.width, out.height]).toEqual([3, 2]);
    // Output (0,0) covers source x 2–3, y 2–3: mean x 2.5 → 3 (rounded half up), mean y 2.5 → 3.
    expect(Array.from(out.data.subarray(0, 4))).toEqual([3, 3, 5, 255]);
    // Output (2,1) covers x 6–7, y 4–5.
    expect(Array.from(out.data.subarray((1 * 3 + 2) * 4, (1 * 3 + 2) * 4 + 4))).toEqual([7, 5, 11, 255]);
  });

  it('keeps a smooth ramp smooth at a non-integer factor, and refuses to enlarge', () => {
    const image = gradient(200, 10);
    const out = cropAndShrink(image, { x: 0, y: 0, width: 200, height: 10 }, 77, 4);
    for (let x = 1; x < 77; x++) {
      const step = out.data[x * 4] - out.data[(x - 1) * 4];
      expect(step).toBeGreaterThanOrEqual(2);
      expect(step).toBeLessThanOrEqual(3);
    }
    expect(() => cropAndShrink(image, { x: 0, y: 0, width: 20, height: 10 }, 40, 10)).toThrow(/only shrinks/);
  });
});
