import { describe, expect, it } from 'vitest';
import { estimateVisemesFromAudio } from './audio-only.js';
import { synthesizeSpeech } from './espeak-synth.js';
import { ratio, scoreLipSync, type LipSyncScore } from './lip-sync-metrics.js';
import { resamplePcm } from './resample-pcm.js';

/** Sentences rich in b/p/m and open vowels; none of them was used to tune the estimator. */
const SENTENCES = [
  'The mob of bumblebees buzzed above the apple pie.',
  'Mark parked the bus by the barn and bought a map.',
  'Bring me both bottles of maple syrup, please.',
];

async function scoreAudioOnly(voice: string): Promise<LipSyncScore> {
  const total: LipSyncScore = { closures: 0, closuresHit: 0, pressRuns: 0, pressRunsOnBilabial: 0, falseRunsInPause: 0, openVowels: 0, openVowelsHit: 0 };
  for (const text of SENTENCES) {
    const { audio, timeline } = await synthesizeSpeech(text, { voice });
    const estimate = estimateVisemesFromAudio(resamplePcm(audio, 16000), { fps: 30 });
    expect(estimate.timeline.source).toBe('audio-only');
    const s = scoreLipSync(timeline.phonemes, estimate.curves);
    for (const k of Object.keys(total) as (keyof LipSyncScore)[]) total[k] += s[k];
  }
  return total;
}

describe('estimateVisemesFromAudio against the synthesiser’s own phoneme times', () => {
  it('closes the lips at most b/p/m (±1 frame at 30 fps) without pressing them everywhere, and opens the jaw on open vowels', async () => {
    for (const voice of ['en-us', 'en-gb']) {
      const s = await scoreAudioOnly(voice);
      expect(s.closures).toBeGreaterThan(20);
      expect(ratio(s.closuresHit, s.closures), `${voice} closure recall`).toBeGreaterThanOrEqual(0.6);
      expect(ratio(s.pressRunsOnBilabial, s.pressRuns), `${voice} closure precision`).toBeGreaterThanOrEqual(0.6);
      expect(ratio(s.openVowelsHit, s.openVowels), `${voice} open vowels`).toBeGreaterThanOrEqual(0.8);
    }
  }, 60_000);
});
