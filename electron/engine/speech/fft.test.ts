import { describe, expect, it } from 'vitest';
import { Fft, nextPowerOfTwo } from './fft.js';
import { seededNoise } from './synthetic-signals.js';

describe('Fft', () => {
  it('matches a direct DFT on a random real signal', () => {
    const n = 64;
    const rand = seededNoise(3);
    const x = Array.from({ length: n }, rand);
    const out = new Float64Array(n / 2 + 1);
    new Fft(n).powerSpectrum(x, out);
    for (let k = 0; k <= n / 2; k++) {
      let re = 0;
      let im = 0;
      for (let t = 0; t < n; t++) {
        re += x[t] * Math.cos((2 * Math.PI * k * t) / n);
        im -= x[t] * Math.sin((2 * Math.PI * k * t) / n);
      }
      expect(out[k]).toBeCloseTo(re * re + im * im, 8);
    }
  });

  it('zero-pads short input and rejects sizes that are not powers of two', () => {
    const out = new Float64Array(5);
    new Fft(8).powerSpectrum([1], out);
    expect([...out]).toEqual([1, 1, 1, 1, 1]);
    expect(() => new Fft(12)).toThrow(/power of two/);
    expect(nextPowerOfTwo(400)).toBe(512);
  });
});

describe('Fft.powerSpectraOfTwo', () => {
  it('equals two separate power spectra', () => {
    const rand = seededNoise(11);
    const a = Array.from({ length: 50 }, rand);
    const b = Array.from({ length: 19 }, rand);
    const fft = new Fft(64);
    const [ea, eb, ga, gb] = [0, 0, 0, 0].map(() => new Float64Array(33));
    fft.powerSpectrum(a, ea);
    fft.powerSpectrum(b, eb);
    fft.powerSpectraOfTwo(a, b, ga, gb);
    for (let k = 0; k <= 32; k++) {
      expect(ga[k]).toBeCloseTo(ea[k], 9);
      expect(gb[k]).toBeCloseTo(eb[k], 9);
    }
  });
});
