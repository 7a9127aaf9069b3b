import { describe, expect, it } from 'vitest';
import { countBlinks, IDENTICAL_FRAME_DIFF, measurePeriodicity, summariseFreezes } from '../../electron/engine/quality/life.js';

/** A small deterministic generator, so the noise is the same on every run. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648 - 0.5;
  };
}

describe('blink counting', () => {
  const fps = 30;
  const open = (n: number) => Array.from({ length: n }, (_, i) => 0.3 + 0.01 * Math.sin(i));

  it('counts each synthetic dip once, at its start, and none in an open series', () => {
    const series = open(600);
    const dips = [40, 150, 330, 500];
    for (const start of dips) [0.2, 0.08, 0.03, 0.06, 0.15].forEach((v, k) => (series[start + k] = v));
    const result = countBlinks(series, fps);
    expect(result.startFrames).toEqual(dips.map((d) => d + 1)); // 0.2 is above 60 % of 0.3; 0.08 is the first frame under it
    expect(result.perMinute).toBeCloseTo(12, 5);
    expect(countBlinks(open(600), fps).count).toBe(0);
  });

  it('does not count a lid that flutters around the threshold as several blinks (hysteresis)', () => {
    const series = open(120);
    [0.15, 0.19, 0.16, 0.2, 0.1, 0.22, 0.3].forEach((v, k) => (series[50 + k] = v));
    expect(countBlinks(series, fps).count).toBe(1);
  });
});

describe('head-motion periodicity', () => {
  const fps = 30;

  it('flags a pure sine nod', () => {
    const sine = Array.from({ length: 180 }, (_, i) => 0.05 * Math.sin((2 * Math.PI * 0.7 * i) / fps));
    const result = measurePeriodicity(sine, fps);
    expect(result.periodic).toBe(true);
    expect(result.peakShare).toBeGreaterThan(0.9);
    expect(result.peakHz).toBeCloseTo(0.7, 1);
  });

  it.each([1, 7, 99, 1234])('passes low-pass filtered noise (seed %i)', (seed) => {
    const rand = noise(seed);
    const white = Array.from({ length: 190 }, rand);
    const filtered = Array.from({ length: 180 }, (_, i) => white.slice(i, i + 5).reduce((s, v) => s + v, 0));
    const result = measurePeriodicity(filtered, fps);
    expect(result.periodic).toBe(false);
    expect(result.peakShare).toBeLessThan(0.25);
  });

  it('flags noise with a sine of the same strength hidden in it', () => {
    const rand = noise(5);
    const white = Array.from({ length: 190 }, rand);
    const series = Array.from({ length: 180 }, (_, i) => white.slice(i, i + 5).reduce((s, v) => s + v, 0) * 0.2 + 0.5 * Math.sin((2 * Math.PI * 1.1 * i) / fps));
    expect(measurePeriodicity(series, fps).periodic).toBe(true);
  });
});

describe('freeze detection', () => {
  const fps = 10;
  const thumb = (value: number) => new Float32Array(64 * 64).fill(value);

  it('finds a frozen second and the run it sits in, and none in a moving clip', () => {
    const moving = Array.from({ length: 30 }, (_, i) => thumb(100 + i));
    const frozen = [...moving.slice(0, 10), ...Array.from({ length: 12 }, () => thumb(110)), ...moving.slice(22)];
    const still = summariseFreezes(frozen, fps);
    expect(still.frozenRuns).toBe(1);
    expect(still.longestFrozenRunFrames).toBe(12);
    expect(still.frozenSeconds).toBe(1);
    const alive = summariseFreezes(moving, fps);
    expect(alive).toMatchObject({ frozenRuns: 0, frozenSeconds: 0, identicalSecondPairs: 0 });
  });

  it('finds a clip that repeats its last second (a loop), though no two neighbouring frames are equal', () => {
    const second = Array.from({ length: 10 }, (_, i) => thumb(50 + 3 * i));
    const looped = summariseFreezes([...second, ...second, ...second], fps);
    expect(looped.frozenRuns).toBe(0);
    expect(looped.identicalSecondPairs).toBe(2);
  });

  it('treats differences under the threshold as the same picture', () => {
    const frames = [thumb(100), thumb(100 + IDENTICAL_FRAME_DIFF / 2), thumb(100 + 10)];
    expect(summariseFreezes(frames, fps).frozenRuns).toBe(1);
  });
});
