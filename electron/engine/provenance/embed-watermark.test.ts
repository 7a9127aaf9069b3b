import { describe, expect, it } from 'vitest';
import { addMark, collectMarkSteps, createMarkDeltas } from './embed-watermark.js';

describe('addMark', () => {
  it('adds each step to red, green and blue, clamps at 0 and 255, keeps alpha, as the per-channel sum would', () => {
    const pixels = 4096;
    const rgba = new Uint8Array(pixels * 4);
    const deltas = new Int8Array(pixels);
    for (let p = 0; p < pixels; p++) {
      // Every byte value, extremes included, against every step from -2 to 2.
      for (let c = 0; c < 4; c++) rgba[p * 4 + c] = (p * 7 + c * 85) & 255;
      deltas[p] = (p % 5) - 2;
    }
    const into = new Uint8Array(rgba.length);
    addMark(rgba, collectMarkSteps(deltas), into);
    for (let p = 0; p < pixels; p++) {
      for (let c = 0; c < 3; c++) expect(into[p * 4 + c]).toBe(Math.min(255, Math.max(0, rgba[p * 4 + c] + deltas[p])));
      expect(into[p * 4 + 3]).toBe(rgba[p * 4 + 3]);
    }
  });

  it('works on a frame that does not start on a 4-byte boundary', () => {
    const backing = new Uint8Array(4 * 3 + 1);
    const rgba = backing.subarray(1);
    rgba.set([10, 20, 30, 255, 254, 1, 128, 255, 0, 0, 0, 0]);
    const into = new Uint8Array(12);
    addMark(rgba, collectMarkSteps(Int8Array.from([1, 2, -1])), into);
    expect([...into]).toEqual([11, 21, 31, 255, 255, 3, 130, 255, 0, 0, 0, 0]);
  });

  it('changes the picture by about 1 level RMS (PSNR ≈ 47 dB) and averages to nothing', () => {
    const key = new Uint8Array(32).fill(3);
    const deltas = createMarkDeltas({ key, output: { width: 1080, height: 1920 }, outputPxPerFramePx: 2 }, { width: 540, height: 960 });
    let sum = 0;
    let sumSq = 0;
    for (const d of deltas) {
      sum += d;
      sumSq += d * d;
    }
    const rms = Math.sqrt(sumSq / deltas.length);
    expect(20 * Math.log10(255 / rms)).toBeGreaterThan(45);
    expect(Math.abs(sum / deltas.length)).toBeLessThan(0.05);
  });
});
