import { describe, expect, it } from 'vitest';
import { computeFrameFeatures } from './audio-features.js';
import { detectClosures } from './closure-detector.js';
import { speechLevelDb } from './loudness.js';
import { pcmFrom, writeNoise, writeVowel } from './synthetic-signals.js';

/** vowel, 70 ms of silence at 0.33 s, a 15 ms burst at 0.40 s, vowel again. */
function vowelGapBurstVowel(burst: { highPass?: boolean; lowPass?: boolean; amplitude: number }) {
  const x = new Float32Array(16000);
  writeVowel(x, { startSec: 0.05, durationSec: 0.28, formantsHz: [700, 1200, 2500] });
  writeNoise(x, { startSec: 0.4, durationSec: 0.015, ...burst });
  writeVowel(x, { startSec: 0.415, durationSec: 0.3, formantsHz: [700, 1200, 2500] });
  const f = computeFrameFeatures(pcmFrom(x));
  return detectClosures(f, new Uint8Array(f.frameCount).fill(1), speechLevelDb(f.energyDb));
}

describe('detectClosures', () => {
  it('finds a silent gap ending in a flat burst as a labial stop, timed from the gap to the burst', () => {
    const found = vowelGapBurstVowel({ lowPass: true, amplitude: 0.1 });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ place: 'labial', manner: 'stop' });
    expect(found[0].start).toBeGreaterThan(0.31);
    expect(found[0].start).toBeLessThan(0.36);
    expect(Math.abs(found[0].end - 0.4)).toBeLessThanOrEqual(0.011);
  });

  it('reads a hissing high-frequency burst as alveolar, not labial', () => {
    const found = vowelGapBurstVowel({ highPass: true, amplitude: 0.3 });
    expect(found).toHaveLength(1);
    expect(found[0].place).toBe('alveolar');
  });

  it('under steady noise, finds a closure whose release climbs over 40 ms instead of bursting', () => {
    const x = new Float32Array(16000);
    writeVowel(x, { startSec: 0.05, durationSec: 0.28, formantsHz: [700, 1200, 2500] });
    const after = new Float32Array(16000);
    writeVowel(after, { startSec: 0.4, durationSec: 0.4, formantsHz: [700, 1200, 2500] });
    // The noise masks the burst: the vowel after the closure fades in over 40 ms.
    for (let i = 0; i < x.length; i++) x[i] += after[i] * Math.min(1, Math.max(0, (i / 16000 - 0.4) / 0.04));
    writeNoise(x, { startSec: 0, durationSec: 1, amplitude: 0.05, lowPass: true });
    const f = computeFrameFeatures(pcmFrom(x));
    const found = detectClosures(f, new Uint8Array(f.frameCount).fill(1), speechLevelDb(f.energyDb)).filter((c) => c.end > 0.1);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ place: 'labial', manner: 'stop' });
    expect(found[0].start).toBeGreaterThan(0.31);
    expect(found[0].start).toBeLessThan(0.36);
    expect(found[0].end).toBeGreaterThanOrEqual(0.39);
    expect(found[0].end).toBeLessThanOrEqual(0.44);
  });

  it('finds nothing in a steady vowel', () => {
    const x = new Float32Array(16000);
    writeVowel(x, { startSec: 0.05, durationSec: 0.9, formantsHz: [700, 1200, 2500] });
    const f = computeFrameFeatures(pcmFrom(x));
    expect(detectClosures(f, new Uint8Array(f.frameCount).fill(1), speechLevelDb(f.energyDb))).toEqual([]);
  });
});
