import { describe, expect, it } from 'vitest';
import { computeFrameFeatures } from './audio-features.js';
import { pcmFrom, writeNoise, writeVowel } from './synthetic-signals.js';

const SR = 16000;
const mean = (a: ArrayLike<number>, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i];
  return s / (to - from);
};

describe('computeFrameFeatures', () => {
  it('centres frames on i·hop so an onset shows at its own frame', () => {
    const x = new Float32Array(SR);
    writeNoise(x, { startSec: 0.5, durationSec: 0.5, amplitude: 0.5 });
    const f = computeFrameFeatures(pcmFrom(x));
    expect(f.frameCount).toBe(100);
    expect(f.times[50]).toBeCloseTo(0.5, 6);
    expect(f.energyDb[40]).toBe(-100);
    // Half the window at frame 50 holds noise: ~3 dB under the full level, but far above silence.
    expect(f.energyDb[50]).toBeGreaterThan(f.energyDb[60] - 4);
    expect(f.energyDb[48]).toBe(-100);
    const peakFlux = f.flux.indexOf(Math.max(...f.flux));
    expect(Math.abs(peakFlux - 50)).toBeLessThanOrEqual(1);
  });

  it('tells a tone from noise by zero-crossing rate, centroid and band ratio', () => {
    const x = new Float32Array(SR);
    for (let i = 0; i < SR / 2; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 500 * i) / SR);
    writeNoise(x, { startSec: 0.5, durationSec: 0.5, amplitude: 0.3, highPass: true });
    const f = computeFrameFeatures(pcmFrom(x));
    expect(mean(f.zcr, 5, 45)).toBeCloseTo((2 * 500) / SR, 2);
    expect(mean(f.zcr, 55, 95)).toBeGreaterThan(0.4);
    expect(mean(f.centroidHz, 5, 45)).toBeLessThan(900);
    expect(mean(f.centroidHz, 55, 95)).toBeGreaterThan(4000);
    expect(mean(f.lowHighRatioDb, 5, 45)).toBeGreaterThan(20);
    expect(mean(f.lowHighRatioDb, 55, 95)).toBeLessThan(-10);
  });

  it('finds the formants of a synthetic open and a synthetic close-front vowel', () => {
    const x = new Float32Array(SR);
    writeVowel(x, { startSec: 0, durationSec: 0.5, formantsHz: [750, 1200, 2500] });
    writeVowel(x, { startSec: 0.5, durationSec: 0.5, formantsHz: [300, 2200, 3000] });
    const f = computeFrameFeatures(pcmFrom(x));
    const median = (a: Float32Array, from: number, to: number) => [...a.slice(from, to)].sort((p, q) => p - q)[(to - from) >> 1];
    expect(Math.abs(median(f.f1Hz, 10, 40) - 750)).toBeLessThan(120);
    expect(Math.abs(median(f.f2Hz, 10, 40) - 1200)).toBeLessThan(150);
    expect(Math.abs(median(f.f1Hz, 60, 90) - 300)).toBeLessThan(100);
    expect(Math.abs(median(f.f2Hz, 60, 90) - 2200)).toBeLessThan(250);
  });

  it('mean-normalises each MFCC over the clip and keeps 40 mel bands per frame', () => {
    const x = new Float32Array(SR / 2);
    writeVowel(x, { startSec: 0.1, durationSec: 0.3, formantsHz: [600, 1500] });
    const f = computeFrameFeatures(pcmFrom(x));
    expect(f.logMel.length).toBe(f.frameCount * 40);
    for (let c = 0; c < 13; c++) {
      let s = 0;
      for (let i = 0; i < f.frameCount; i++) s += f.mfcc[i * 13 + c];
      expect(Math.abs(s / f.frameCount)).toBeLessThan(1e-3);
    }
    // Silent frames and vowel frames must differ in c0 (the overall level).
    expect(f.mfcc[25 * 13]).toBeGreaterThan(f.mfcc[2 * 13] + 5);
  });
});
