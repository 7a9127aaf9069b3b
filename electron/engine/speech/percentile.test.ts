import { describe, expect, it } from 'vitest';
import { kthSmallest, percentile } from './percentile.js';
import { seededNoise } from './synthetic-signals.js';

describe('kthSmallest / percentile', () => {
  it('picks what a full sort puts at k, for random, repeated, sorted and constant values', () => {
    const random = seededNoise(7);
    const cases: Float32Array[] = [
      Float32Array.from({ length: 1001 }, () => random()),
      Float32Array.from({ length: 500 }, () => Math.round(random() * 3)),
      Float32Array.from({ length: 300 }, (_, i) => i),
      Float32Array.from({ length: 300 }, (_, i) => -i),
      new Float32Array(64).fill(-100),
      Float32Array.of(5),
    ];
    for (const values of cases) {
      const sorted = Float32Array.from(values).sort();
      for (const k of [0, 1, values.length >> 3, values.length >> 1, values.length - 1]) {
        if (k >= values.length) continue;
        expect(kthSmallest(Float32Array.from(values), k)).toBe(sorted[k]);
      }
      expect(percentile(values, 0.1)).toBe(sorted[Math.floor(0.1 * values.length)]);
      expect(percentile(values, 1)).toBe(sorted[values.length - 1]);
    }
    expect(percentile(new Float32Array(0), 0.5)).toBe(0);
  });
});
