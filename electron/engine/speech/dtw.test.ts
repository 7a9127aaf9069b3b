import { describe, expect, it } from 'vitest';
import { dtwBanded, dtwCoarseToFine, mapFramesBToA } from './dtw.js';

/** A 1-D sequence of plateaus: value v held for n frames. */
const plateaus = (spec: Array<[number, number]>) => Float32Array.from(spec.flatMap(([v, n]) => Array<number>(n).fill(v)));

describe('dtwBanded', () => {
  it('maps each plateau of B onto the same plateau of A when they are held for different lengths', () => {
    const a = plateaus([[0, 10], [5, 30], [1, 5], [8, 20]]);
    const b = plateaus([[0, 20], [5, 10], [1, 15], [8, 10]]);
    const result = dtwBanded({ a, b, dims: 1, bandFrames: 40 });
    expect(result.normalizedCost).toBe(0);
    const map = mapFramesBToA(result, b.length);
    // Plateau starts in B: 0, 20, 30, 45 → in A: 0, 10, 40, 45.
    expect(Math.floor(map[20])).toBeGreaterThanOrEqual(10);
    expect(Math.ceil(map[19])).toBeLessThanOrEqual(10);
    expect(Math.floor(map[30])).toBeGreaterThanOrEqual(40);
    expect(Math.floor(map[45])).toBeGreaterThanOrEqual(45);
    expect(map[44]).toBeLessThanOrEqual(45);
    for (let s = 1; s < result.pathA.length; s++) {
      expect(result.pathA[s] - result.pathA[s - 1]).toBeGreaterThanOrEqual(0);
      expect(result.pathB[s] - result.pathB[s - 1]).toBeGreaterThanOrEqual(0);
    }
    expect(result.pathA[0]).toBe(0);
    expect(result.pathA.at(-1)).toBe(a.length - 1);
  });

  it('costs more when the sequences differ', () => {
    const a = plateaus([[0, 10], [5, 10], [1, 10]]);
    const same = dtwBanded({ a, b: plateaus([[0, 8], [5, 14], [1, 8]]), dims: 1, bandFrames: 10 });
    const other = dtwBanded({ a, b: plateaus([[3, 10], [9, 10], [4, 10]]), dims: 1, bandFrames: 10 });
    expect(other.normalizedCost).toBeGreaterThan(same.normalizedCost + 1);
  });

  it('keeps the path inside the band', () => {
    const a = Float32Array.from({ length: 100 }, (_, i) => Math.sin(i / 5));
    const b = Float32Array.from({ length: 60 }, (_, i) => Math.sin(i / 3));
    const result = dtwBanded({ a, b, dims: 1, bandFrames: 5 });
    for (let s = 0; s < result.pathA.length; s++) {
      const diagonal = (result.pathB[s] * 99) / 59;
      expect(Math.abs(result.pathA[s] - diagonal)).toBeLessThanOrEqual(6);
    }
  });
});

describe('dtwCoarseToFine', () => {
  /** A 3-D sequence of random plateaus (distinct "sounds"), each held for 3–12 frames. */
  function sounds(count: number, seed: number): { values: Float32Array; starts: number[] } {
    let state = seed;
    const next = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const rows: number[] = [];
    const starts: number[] = [];
    for (let k = 0; k < count; k++) {
      starts.push(rows.length / 3);
      const v = [next() * 10, next() * 10, next() * 10];
      const hold = 3 + Math.floor(next() * 10);
      for (let h = 0; h < hold; h++) rows.push(...v);
    }
    return { values: Float32Array.from(rows), starts };
  }
  /** The same sounds held for other lengths. */
  function restretch(src: { values: Float32Array; starts: number[] }, seed: number) {
    let state = seed;
    const next = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const rows: number[] = [];
    const starts: number[] = [];
    const n = src.values.length / 3;
    for (let k = 0; k < src.starts.length; k++) {
      starts.push(rows.length / 3);
      const i = src.starts[k] * 3;
      const hold = Math.max(2, Math.round(((src.starts[k + 1] ?? n) - src.starts[k]) * (0.6 + 0.8 * next())));
      for (let h = 0; h < hold; h++) rows.push(src.values[i], src.values[i + 1], src.values[i + 2]);
    }
    return { values: Float32Array.from(rows), starts };
  }

  it('finds the same sound boundaries as the full banded pass, also when the coarse pass itself recurses', () => {
    const b = sounds(400, 7);
    const a = restretch(b, 11);
    const n = a.values.length / 3;
    const band = Math.round(0.25 * n);
    const full = mapFramesBToA(dtwBanded({ a: a.values, b: b.values, dims: 3, bandFrames: band }), b.values.length / 3);
    for (const maxBandedCells of [undefined, 5000]) {
      const fast = mapFramesBToA(dtwCoarseToFine({ a: a.values, b: b.values, dims: 3, bandFrames: band, factor: 4, radius: 8, maxBandedCells }), b.values.length / 3);
      const errors = b.starts.map((start, k) => Math.abs(fast[start] - a.starts[k]));
      const agree = b.starts.filter((start) => fast[start] === full[start]).length / b.starts.length;
      expect(Math.max(...errors)).toBeLessThanOrEqual(1);
      expect(agree).toBeGreaterThan(0.95);
    }
  });
});
