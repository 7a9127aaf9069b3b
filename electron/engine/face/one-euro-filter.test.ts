import { describe, expect, it } from 'vitest';
import { createRandom } from '../animate/seeded-random.js';
import { createOneEuroFilter } from './one-euro-filter.js';

const FPS = 30;

function run(values: number[]): number[] {
  const filter = createOneEuroFilter(1);
  const out = new Float64Array(1);
  return values.map((v) => filter.next([v], 1 / FPS, out)[0]);
}

const rms = (values: number[]) => Math.sqrt(values.reduce((s, v) => s + v * v, 0) / values.length);
const frameToFrame = (values: number[]) => values.slice(1).map((v, i) => v - values[i]);

describe('One-Euro filter', () => {
  it('takes most of the jitter out of a still point (±0.7 px noise)', () => {
    const random = createRandom(7);
    const noisy = Array.from({ length: 300 }, () => 100 + (random.next() - 0.5) * 1.4);
    const smoothed = run(noisy);
    expect(rms(frameToFrame(smoothed.slice(30)))).toBeLessThan(rms(frameToFrame(noisy.slice(30))) / 4);
  });

  it('follows a fast move (300 px/s) with less than a frame of lag once it is under way', () => {
    const speedPxPerFrame = 10;
    const ramp = Array.from({ length: 60 }, (_, i) => (i < 10 ? 0 : (i - 10) * speedPxPerFrame));
    const smoothed = run(ramp);
    const lagFrames = (ramp[40] - smoothed[40]) / speedPxPerFrame;
    expect(lagFrames).toBeGreaterThan(0);
    expect(lagFrames).toBeLessThan(1);
  });

  it('passes the first sample after a reset through unchanged', () => {
    const filter = createOneEuroFilter(2);
    const out = new Float64Array(2);
    filter.next([0, 0], 1 / FPS, out);
    filter.reset();
    expect([...filter.next([50, -20], 1 / FPS, out)]).toEqual([50, -20]);
  });
});
