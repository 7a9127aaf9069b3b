import { describe, expect, it } from 'vitest';
import { createRandom, deriveSeed, randomFor } from './seeded-random.js';

const draw = (seed: number, n = 1000) => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('seeded random', () => {
  it('repeats a sequence for the same seed and changes it for another', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it('gives independent streams per subject and label', () => {
    const a = randomFor(7, 0, 'blinks').next();
    expect(randomFor(7, 0, 'blinks').next()).toBe(a);
    expect(randomFor(7, 1, 'blinks').next()).not.toBe(a);
    expect(randomFor(7, 0, 'gaze').next()).not.toBe(a);
    expect(deriveSeed(1, 23)).not.toBe(deriveSeed(12, 3));
  });

  it('draws uniforms in [0, 1) with the right mean, and normals and gammas with the right moments', () => {
    const r = createRandom(5);
    const n = 40_000;
    const u = Array.from({ length: n }, () => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x, 0) / n).toBeCloseTo(0.5, 2);
    const z = Array.from({ length: n }, () => r.normal());
    const zMean = z.reduce((s, x) => s + x, 0) / n;
    expect(zMean).toBeCloseTo(0, 1);
    expect(z.reduce((s, x) => s + (x - zMean) ** 2, 0) / n).toBeCloseTo(1, 1);
    for (const shape of [0.5, 3]) {
      const g = Array.from({ length: n }, () => r.gamma(shape, 2));
      const mean = g.reduce((s, x) => s + x, 0) / n;
      const variance = g.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
      expect(mean).toBeCloseTo(shape * 2, 0);
      expect(variance / (shape * 4)).toBeGreaterThan(0.9);
      expect(variance / (shape * 4)).toBeLessThan(1.1);
    }
  });
});
