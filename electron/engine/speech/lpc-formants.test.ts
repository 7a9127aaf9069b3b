import { describe, expect, it } from 'vitest';
import { autocorrelate } from './lpc-formants.js';
import { seededNoise } from './synthetic-signals.js';

describe('autocorrelate', () => {
  it('gives the plain lag-by-lag sums for every order and frame length, short frames included', () => {
    const random = seededNoise(3);
    for (const length of [1, 2, 3, 5, 17, 400]) {
      const frame = Float64Array.from({ length }, () => random());
      for (const order of [0, 1, 3, 4, 7, 18]) {
        const r = new Float64Array(order + 1);
        autocorrelate(frame, length, order, r);
        for (let lag = 0; lag <= order; lag++) {
          let sum = 0;
          for (let n = lag; n < length; n++) sum += frame[n] * frame[n - lag];
          expect(r[lag], `length ${length}, lag ${lag}`).toBeCloseTo(sum, 12);
        }
      }
    }
  });
});
