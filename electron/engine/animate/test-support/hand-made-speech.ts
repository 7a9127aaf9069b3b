/**
 * Hand-made speech for tests of the performance (the real speech stage lives on another branch): phrases of
 * CV(C) words with one stressed syllable each, pauses between phrases, articulation curves that close the lips
 * exactly on b/p/m frames, and loudness that peaks on stressed vowels. Seeded, so every test sees fixed data.
 */
import { createRandom, deriveSeed } from '../seeded-random.js';
import type { ArticulationCurves, SpeechPerformanceInput, SpeechSegment, TimedPhoneme, TimedWord } from '../../speech/speech-types.js';

const CONSONANTS = ['p', 'b', 'm', 't', 'd', 'k', 's', 'n', 'l', 'r', 'f', 'v'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ɑ'];
const BILABIALS = new Set(['p', 'b', 'm']);

export interface HandMadeSpeechOptions {
  seed: number;
  fps: number;
  durationSec: number;
  /** Silence before the first phrase. */
  leadInSec?: number;
  /** Range of pauses between phrases, seconds. */
  pauseSec?: [number, number];
  /** Range of words per phrase. */
  wordsPerPhrase?: [number, number];
}

export function handMadeSpeech(options: HandMadeSpeechOptions): SpeechPerformanceInput {
  const { seed, fps, durationSec } = options;
  const random = createRandom(deriveSeed('hand-made-speech', seed));
  const [minPause, maxPause] = options.pauseSec ?? [0.4, 2.6];
  const [minWords, maxWords] = options.wordsPerPhrase ?? [3, 12];
  const phonemes: TimedPhoneme[] = [];
  const words: TimedWord[] = [];
  const vad: SpeechSegment[] = [];
  const wordLoudness: number[] = [];
  let t = options.leadInSec ?? 0.5;
  while (t < durationSec - 1) {
    const phraseStart = t;
    const wordCount = minWords + Math.floor(random.next() * (maxWords - minWords + 1));
    for (let w = 0; w < wordCount && t < durationSec - 0.8; w++) {
      const wordIndex = words.length;
      const wordStart = t;
      const syllables = 1 + Math.floor(random.next() * 3);
      const stressedSyllable = random.chance(0.7) ? 0 : Math.floor(random.next() * syllables);
      let text = '';
      for (let s = 0; s < syllables; s++) {
        const stressed = s === stressedSyllable;
        const parts = [CONSONANTS[Math.floor(random.next() * CONSONANTS.length)], VOWELS[Math.floor(random.next() * VOWELS.length)]];
        if (random.chance(0.3)) parts.push(CONSONANTS[Math.floor(random.next() * CONSONANTS.length)]);
        for (const phoneme of parts) {
          const vowel = VOWELS.includes(phoneme);
          const length = vowel ? random.uniform(0.08, 0.15) * (stressed ? 1.3 : 1) : random.uniform(0.06, 0.09);
          phonemes.push({ start: t, end: t + length, phoneme, word: wordIndex, ...(stressed ? { stressed: true } : {}) });
          text += phoneme;
          t += length;
        }
      }
      words.push({ start: wordStart, end: t, text });
      wordLoudness.push(random.uniform(0.4, 1));
      t += random.chance(0.6) ? 0 : random.uniform(0.02, 0.08);
    }
    vad.push({ start: phraseStart, end: t });
    const pause = random.uniform(minPause, maxPause);
    phonemes.push({ start: t, end: t + pause, phoneme: '_' });
    t += pause;
  }
  const frameCount = Math.round(durationSec * fps);
  const curves: ArticulationCurves = { fps, frameCount, jawOpen: [], lipPress: [], lipRound: [], lipSpread: [], upperLipRaise: [], teethShow: [], tongueShow: [] };
  const loudness: number[] = [];
  let p = 0;
  for (let f = 0; f < frameCount; f++) {
    const time = f / fps;
    while (p < phonemes.length && phonemes[p].end <= time) p++;
    const ph = phonemes[p] && phonemes[p].start <= time ? phonemes[p] : undefined;
    const symbol = ph?.phoneme ?? '_';
    const vowel = VOWELS.includes(symbol);
    const speaking = symbol !== '_';
    curves.jawOpen.push(vowel ? (symbol === 'i' ? 0.3 : symbol === 'a' || symbol === 'ɑ' ? 0.8 : 0.5) : speaking && !BILABIALS.has(symbol) ? 0.15 : 0);
    curves.lipPress.push(BILABIALS.has(symbol) ? 1 : 0);
    curves.lipRound.push(symbol === 'o' || symbol === 'u' ? 0.7 : 0);
    curves.lipSpread.push(symbol === 'i' || symbol === 'e' ? 0.5 : 0);
    curves.upperLipRaise.push(symbol === 'f' || symbol === 'v' ? 0.4 : 0);
    curves.teethShow.push(vowel || symbol === 's' ? 0.4 : 0);
    curves.tongueShow.push(symbol === 'l' || symbol === 't' || symbol === 'd' ? 0.3 : 0);
    const level = ph?.word === undefined ? 0.02 : wordLoudness[ph.word] * (vowel ? (ph.stressed ? 1 : 0.6) : 0.35);
    loudness.push(Math.min(1, level));
  }
  return { timeline: { durationSec, source: 'tts', phonemes, words, confidence: 1 }, vad, curves, loudness };
}
