import { describe, expect, it } from 'vitest';
import { mergeVisemes, basePhonemeLetters, phonemesToVisemeSegments, phonemeToViseme, phonemeToVisemes, VISEMES } from './visemes.js';

describe('phonemeToVisemes', () => {
  it('maps the bilabials, labiodentals and sibilants of eSpeak NG English', () => {
    expect(['p', 'b', 'm', 'pʰ'].map(phonemeToViseme)).toEqual(['PP', 'PP', 'PP', 'PP']);
    expect(['f', 'v', 'θ', 'ð', 's', 'z', 'ʃ', 'ʒ', 'tʃ', 'dʒ'].map(phonemeToViseme)).toEqual(['FF', 'FF', 'TH', 'TH', 'SS', 'SS', 'CH', 'CH', 'CH', 'CH']);
    expect(['t', 'd', 'n', 'l', 'ɾ', 'k', 'ɡ', 'ŋ', 'ɹ', 'ɚ', 'w', 'j', 'h'].map(phonemeToViseme)).toEqual(['DD', 'DD', 'DD', 'DD', 'DD', 'kk', 'kk', 'kk', 'RR', 'RR', 'U', 'I', 'kk']);
  });

  it('strips stress, length, tie bars and tones, and splits diphthongs into start and end', () => {
    expect(phonemeToVisemes('ˈaɪ')).toEqual(['aa', 'I']);
    expect(phonemeToVisemes('ˌoʊ')).toEqual(['O', 'U']);
    expect(phonemeToVisemes('aʊ')).toEqual(['aa', 'U']);
    expect(phonemeToVisemes('ɔɪ')).toEqual(['O', 'I']);
    expect(phonemeToVisemes('iː')).toEqual(['I']);
    expect(phonemeToVisemes('t͡ʃ')).toEqual(['CH']);
    expect(phonemeToVisemes('a˥˩')).toEqual(['aa']);
    expect(phonemeToVisemes('ma55')).toEqual(['PP', 'aa']);
    expect(basePhonemeLetters('ˈɑ̃ː')).toBe('ɑ');
  });

  it('covers Spanish, French, German and Mandarin symbols', () => {
    expect(['β', 'ɾ', 'r', 'x', 'ɲ', 'ʎ'].map(phonemeToViseme)).toEqual(['PP', 'DD', 'RR', 'kk', 'kk', 'DD']);
    expect(['ʁ', 'y', 'ø', 'œ', 'ɛ̃', 'ɔ̃', 'ɑ̃', 'ɥ'].map(phonemeToViseme)).toEqual(['kk', 'U', 'O', 'O', 'E', 'O', 'aa', 'U']);
    expect(['ç', 'pf', 'ts', 'ʏ', 'ɐ'].map(phonemeToViseme)).toEqual(['SS', 'PP', 'SS', 'U', 'aa']);
    expect(phonemeToVisemes('pf')).toEqual(['PP']);
    expect(['tɕ', 'ɕ', 'ʂ', 'tʂʰ', 'ʐ', 'ɤ', 'ɯ', 'tsʰ'].map(phonemeToViseme)).toEqual(['CH', 'CH', 'CH', 'CH', 'CH', 'E', 'I', 'SS']);
  });

  it('treats pauses and symbol-less phonemes as silence and only ever returns set members', () => {
    expect(phonemeToVisemes('_')).toEqual(['sil']);
    expect(phonemeToVisemes('˥')).toEqual(['sil']);
    for (const p of ['ə', 'ɜː', 'eɪ', 'ʊə', 'ɪə', 'ɒ', 'ʌ', 'æ', 'ᵻ']) for (const v of phonemeToVisemes(p)) expect(VISEMES).toContain(v);
  });
});

describe('phonemesToVisemeSegments', () => {
  it('splits a diphthong 55/45 and merges equal neighbours', () => {
    const segs = phonemesToVisemeSegments([
      { start: 0, end: 0.1, phoneme: 'm' },
      { start: 0.1, end: 0.3, phoneme: 'aɪ' },
      { start: 0.3, end: 0.35, phoneme: 'm' },
      { start: 0.35, end: 0.4, phoneme: 'b' },
    ]);
    expect(segs.map((s) => s.viseme)).toEqual(['PP', 'aa', 'I', 'PP', 'PP']);
    expect(segs[1].end).toBeCloseTo(0.21, 6);
    expect(segs[2].phonemeIndex).toBe(1);
    const merged = mergeVisemes(segs);
    expect(merged.map((s) => [s.viseme, s.start, s.end])).toEqual([
      ['PP', 0, 0.1],
      ['aa', 0.1, segs[1].end],
      ['I', segs[1].end, 0.3],
      ['PP', 0.3, 0.4],
    ]);
  });
});
