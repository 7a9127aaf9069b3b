import { describe, expect, it } from 'vitest';
import { createRandom } from './seeded-random.js';
import { headWander, lowPassNoise } from './head-motion.js';
import { spectralPeak } from './spectral-peak.js';

const fps = 30;
const n = 180 * fps;

describe('spectral peak share', () => {
  it('flags a motion made of a few sines as periodic', () => {
    const sines = Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * i) / (4 * fps)) + 0.4 * Math.sin((2 * Math.PI * i) / (7.3 * fps)) + 0.2 * Math.sin((2 * Math.PI * i) / (2.1 * fps)));
    const peak = spectralPeak(sines, fps);
    expect(peak.share).toBeGreaterThan(0.3);
    expect(peak.periodSec).toBeGreaterThan(3.8);
    expect(peak.periodSec).toBeLessThan(4.2);
  });

  it('finds no dominant period in low-pass noise, which has unit variance and no drift', () => {
    for (const seed of [1, 2, 3]) {
      const noise = lowPassNoise(createRandom(seed), fps, n, 0.45);
      expect(spectralPeak(noise, fps).share).toBeLessThan(0.2);
      const mean = noise.reduce((s, x) => s + x, 0) / n;
      const variance = noise.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
      expect(Math.abs(mean)).toBeLessThan(0.5);
      expect(variance).toBeGreaterThan(0.5);
      expect(variance).toBeLessThan(1.6);
    }
  });

  it('keeps the velocity of the head wander free of a beat even in 10–20 s clips, where one band alone has one', () => {
    // The velocity spectrum of a single low-pass band is a band-pass around its corner: short clips show a rhythm.
    const velocityShare = (track: Float64Array) => spectralPeak(track.slice(1).map((v, i) => v - track[i]), fps).share;
    for (const seconds of [10, 20]) {
      const wander: number[] = [];
      const single: number[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        wander.push(velocityShare(headWander(createRandom(seed), fps, seconds * fps)));
        single.push(velocityShare(lowPassNoise(createRandom(seed), fps, seconds * fps, 0.45)));
      }
      const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
      expect(median(wander)).toBeLessThan(0.75 * median(single));
      expect(Math.max(...wander)).toBeLessThan(0.2);
    }
  });

  it('returns zero for a constant track', () => {
    expect(spectralPeak(new Array(100).fill(3), fps).share).toBe(0);
  });
});

describe('spectral peak share on long tracks', () => {
  it('uses the padded FFT past 8192 samples and still finds a sine', () => {
    const long = Array.from({ length: 20_000 }, (_, i) => Math.sin((2 * Math.PI * i) / (5 * fps)));
    const peak = spectralPeak(long, fps);
    expect(peak.share).toBeGreaterThan(0.3);
    expect(peak.periodSec).toBeGreaterThan(4.8);
    expect(peak.periodSec).toBeLessThan(5.2);
    const noise = lowPassNoise(createRandom(9), fps, 20_000, 0.45);
    expect(spectralPeak(noise, fps).share).toBeLessThan(0.1);
  });
});
