import { describe, expect, it } from 'vitest';
import type { SpeechPerformanceInput } from '../speech/speech-types.js';
import { extractSpeechCues, intervalMask } from './speech-cues.js';

const fps = 10;

function speech(partial: Partial<SpeechPerformanceInput['timeline']>, vad: SpeechPerformanceInput['vad'], loudness: number[]): SpeechPerformanceInput {
  const frameCount = loudness.length;
  const zeros = () => new Array(frameCount).fill(0);
  return {
    timeline: { durationSec: frameCount / fps, source: 'tts', phonemes: [], words: [], confidence: 1, ...partial },
    vad,
    curves: { fps, frameCount, jawOpen: zeros(), lipPress: zeros(), lipRound: zeros(), lipSpread: zeros(), upperLipRaise: zeros(), teethShow: zeros(), tongueShow: zeros() },
    loudness,
  };
}

describe('extractSpeechCues', () => {
  it('places phrases, words and stressed onsets at the clip offset, with the loudness rank as strength', () => {
    const loudness = new Array(40).fill(0.1);
    loudness[9] = 0.9;
    loudness[21] = 0.4;
    const input = speech(
      {
        words: [
          { start: 0.5, end: 1.2, text: 'hello' },
          { start: 2, end: 2.6, text: 'there' },
        ],
        phonemes: [
          { start: 0.5, end: 0.6, phoneme: 'h', word: 0 },
          { start: 0.6, end: 0.8, phoneme: 'ə', word: 0 },
          { start: 0.8, end: 0.9, phoneme: 'l', word: 0, stressed: true },
          { start: 0.9, end: 1.2, phoneme: 'oʊ', word: 0, stressed: true },
          { start: 2, end: 2.1, phoneme: 'ð', word: 1, stressed: true },
          { start: 2.1, end: 2.6, phoneme: 'ɛ', word: 1, stressed: true },
        ],
      },
      [
        { start: 0.45, end: 1.25 },
        { start: 1.35, end: 1.4 },
        { start: 1.95, end: 2.7 },
      ],
      loudness,
    );
    const cues = extractSpeechCues([{ startFrame: 30, speech: input }], fps);
    // The tiny VAD gap of 0.1 s joins the first two segments into one phrase.
    expect(cues.phrases).toEqual([
      { start: 3.45, end: 4.4 },
      { start: 4.95, end: 5.7 },
    ]);
    expect(cues.words.map((w) => w.start)).toEqual([3.5, 5]);
    expect(cues.accents.map((a) => a.timeSec)).toEqual([3.8, 5]);
    // The louder accent ranks top (1), the quieter bottom (0.3).
    expect(cues.accents.map((a) => a.strength)).toEqual([1, 0.3]);
    expect(cues.accents.map((a) => a.phraseInitial)).toEqual([true, true]);
  });

  it('falls back to word onsets, then to loudness onsets, when there is no stress', () => {
    const loudness = [0, 0, 0.8, 0.9, 0.1, 0, 0.6, 0.2, 0, 0];
    const byWords = extractSpeechCues([{ startFrame: 0, speech: speech({ words: [{ start: 0.2, end: 0.4, text: 'a' }] }, [], loudness) }], fps);
    expect(byWords.accents.map((a) => a.timeSec)).toEqual([0.2]);
    const byLoudness = extractSpeechCues([{ startFrame: 0, speech: speech({}, [], loudness) }], fps);
    expect(byLoudness.accents.map((a) => a.timeSec)).toEqual([0.2, 0.6]);
  });

  it('ranks accent strength within each clip, ties sharing their rank', () => {
    const loudness = [0, 0.9, 0.9, 0.9, 0, 0.5, 0.5, 0.5, 0, 0.9, 0.9, 0.9, 0, 0.2, 0.2, 0.2, 0, 0, 0, 0];
    const words = [1, 5, 9, 13].map((f) => ({ start: f / fps, end: (f + 3) / fps, text: 'w' }));
    const cues = extractSpeechCues([{ startFrame: 0, speech: speech({ words }, [], loudness) }], fps);
    expect(cues.accents.map((a) => a.strength.toFixed(3))).toEqual(['0.883', '0.533', '0.883', '0.300']);
  });

  it('masks the frames inside intervals', () => {
    expect(Array.from(intervalMask([{ start: 0.15, end: 0.4 }], fps, 6))).toEqual([0, 0, 1, 1, 0, 0]);
  });
});
