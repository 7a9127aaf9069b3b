import { describe, expect, it } from 'vitest';
import { computeFrameFeatures } from './audio-features.js';
import { speechLevelDb } from './loudness.js';
import { resamplePcm } from './resample-pcm.js';
import { measureSpeakerNormalisation } from './speaker-normalisation.js';
import { pcmFrom, writeNoise, writeVowel } from './synthetic-signals.js';
import type { PcmAudio } from './speech-types.js';

/** Three vowels and two hissy consonants by a speaker whose vocal tract scales every formant by `scale`. */
function utterance(scale: number, pitchHz: number): PcmAudio {
  const x = new Float32Array(24000);
  const vowels = [[600, 1500, 2500], [350, 2000, 2800], [500, 1100, 2400]];
  vowels.forEach((formants, k) => writeVowel(x, { startSec: 0.05 + k * 0.5, durationSec: 0.3, formantsHz: formants.map((hz) => hz * scale), pitchHz }));
  writeNoise(x, { startSec: 0.37, durationSec: 0.12, amplitude: 0.2, highPass: true });
  writeNoise(x, { startSec: 0.87, durationSec: 0.12, amplitude: 0.2, highPass: true, seed: 9 });
  return pcmFrom(x);
}

function normalisationOf(audio: PcmAudio) {
  const f = computeFrameFeatures(resamplePcm(audio, 16000));
  return { f, norm: measureSpeakerNormalisation(f, new Uint8Array(f.frameCount).fill(1), speechLevelDb(f.energyDb)) };
}

describe('measureSpeakerNormalisation', () => {
  it('scales a short vocal tract (formants 18 % higher, higher pitch) back to the same formants as a long one', () => {
    const long = normalisationOf(utterance(1, 110)).norm;
    const short = normalisationOf(utterance(1.18, 220)).norm;
    expect(short.f2Scale).toBeLessThan(long.f2Scale);
    // After scaling, both speakers' F2 medians agree far better than the 18 % they differ by.
    expect(Math.abs((1.18 * short.f2Scale) / long.f2Scale - 1)).toBeLessThan(0.08);
    expect(Math.abs((1.18 * short.f1Scale) / long.f1Scale - 1)).toBeLessThan(0.12);
  });

  it('sees a telephone line in the hiss it takes away (the low/high ratio of the hissiest frames rises)', () => {
    const wide = normalisationOf(utterance(1, 120)).norm;
    const phone = normalisationOf(resamplePcm(utterance(1, 120), 6800)).norm;
    expect(phone.ratioShiftDb).toBeGreaterThan(wide.ratioShiftDb + 5);
  });

  it('leaves a clip with too little voiced sound unscaled', () => {
    const x = new Float32Array(1600);
    writeNoise(x, { startSec: 0, durationSec: 0.1, amplitude: 0.1 });
    const { norm } = normalisationOf(pcmFrom(x));
    expect(norm).toMatchObject({ f1Scale: 1, f2Scale: 1 });
  });
});
