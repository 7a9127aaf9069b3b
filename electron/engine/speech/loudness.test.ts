import { describe, expect, it } from 'vitest';
import { computeFrameFeatures } from './audio-features.js';
import { loudnessPerFrame } from './loudness.js';
import { pcmFrom, writeNoise, writeVowel } from './synthetic-signals.js';

describe('loudnessPerFrame', () => {
  it('is 0 in silence, near 1 at the speech level, lower for quieter speech, and rises at the onset frame', () => {
    const x = new Float32Array(16000 * 2);
    writeVowel(x, { startSec: 0.5, durationSec: 0.5, formantsHz: [700, 1200], amplitude: 0.5 });
    writeVowel(x, { startSec: 1.3, durationSec: 0.5, formantsHz: [700, 1200], amplitude: 0.05 });
    const loud = loudnessPerFrame(computeFrameFeatures(pcmFrom(x)), 30);
    expect(loud).toHaveLength(60);
    expect(loud[5]).toBe(0);
    expect(loud[22]).toBeGreaterThan(0.9);
    expect(loud[46]).toBeGreaterThan(0.3);
    expect(loud[46]).toBeLessThan(loud[22] - 0.3);
    expect(loud[15]).toBeGreaterThan(0.5); // frame round(0.5 s · 30) already hears the onset
    expect(loud[13]).toBe(0);
  });

  it('puts loudness 0 just above steady background noise', () => {
    const x = new Float32Array(16000 * 2);
    writeNoise(x, { startSec: 0, durationSec: 2, amplitude: 0.02 });
    writeVowel(x, { startSec: 0.8, durationSec: 0.5, formantsHz: [700, 1200], amplitude: 0.5 });
    const loud = loudnessPerFrame(computeFrameFeatures(pcmFrom(x)), 30);
    expect(loud[5]).toBe(0);
    expect(loud[30]).toBeGreaterThan(0.9);
  });
});
