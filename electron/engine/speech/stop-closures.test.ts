import { describe, expect, it } from 'vitest';
import { moveStopsToClosureOnset } from './stop-closures.js';
import type { PcmAudio, TimedPhoneme } from './speech-types.js';

const RATE = 16000;
/** A loud tone from 0 to `silenceAt`, digital silence until `releaseAt`, then a loud tone again. */
function vowelClosureRelease(silenceAt: number, releaseAt: number, total = 0.5): PcmAudio {
  const samples = new Float32Array(Math.round(total * RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / RATE;
    samples[i] = t < silenceAt || t >= releaseAt ? 0.5 * Math.sin(2 * Math.PI * 220 * t) : 0;
  }
  return { sampleRate: RATE, samples, durationSec: total };
}

describe('moveStopsToClosureOnset', () => {
  it('moves a stop reported at its release back to the start of its silent closure', () => {
    const phonemes: TimedPhoneme[] = [
      { start: 0, end: 0.25, phoneme: 'æ', word: 0 },
      { start: 0.25, end: 0.5, phoneme: 'p', word: 0 },
    ];
    moveStopsToClosureOnset(phonemes, vowelClosureRelease(0.2, 0.25));
    expect(phonemes[1].start).toBeCloseTo(0.2, 2);
    expect(phonemes[0].end).toBe(phonemes[1].start);
  });

  it('leaves stops without a closure gap, nasals, and stops after a pause alone', () => {
    const audio = vowelClosureRelease(0.2, 0.25);
    const noGap: TimedPhoneme[] = [
      { start: 0, end: 0.2, phoneme: 'æ' },
      { start: 0.2, end: 0.5, phoneme: 'b' },
    ];
    moveStopsToClosureOnset(noGap, audio);
    expect(noGap[1].start).toBe(0.2);
    const nasal: TimedPhoneme[] = [
      { start: 0, end: 0.25, phoneme: 'æ' },
      { start: 0.25, end: 0.5, phoneme: 'm' },
    ];
    moveStopsToClosureOnset(nasal, audio);
    expect(nasal[1].start).toBe(0.25);
    const afterPause: TimedPhoneme[] = [
      { start: 0, end: 0.25, phoneme: '_' },
      { start: 0.25, end: 0.5, phoneme: 'p' },
    ];
    moveStopsToClosureOnset(afterPause, audio);
    expect(afterPause[1].start).toBe(0.25);
  });
});
