import { describe, expect, it } from 'vitest';
import { insertPausesAtSilences, silenceGaps } from './silence-pauses.js';
import type { TimedPhoneme } from './speech-types.js';

describe('silenceGaps', () => {
  it('lists silences of at least 150 ms, including before the first and after the last segment', () => {
    const gaps = silenceGaps([{ start: 0.3, end: 1 }, { start: 1.1, end: 2 }, { start: 2.5, end: 3 }], 3.5);
    expect(gaps).toEqual([{ start: 0, end: 0.3 }, { start: 2, end: 2.5 }, { start: 3, end: 3.5 }]);
  });
});

describe('insertPausesAtSilences', () => {
  const phonemes: TimedPhoneme[] = [
    { start: 0, end: 0.1, phoneme: '_' },
    { start: 0.1, end: 0.3, phoneme: 'n', word: 0 },
    { start: 0.3, end: 0.9, phoneme: 'ɑː', word: 0, stressed: true },
    { start: 0.9, end: 1.0, phoneme: 't', word: 0 },
    { start: 1.0, end: 1.2, phoneme: 'w', word: 1 },
  ];

  it('turns the silent part of a phoneme into a pause and keeps the rest', () => {
    const out = insertPausesAtSilences(phonemes, [{ start: 0.5, end: 0.8 }]);
    expect(out.map((p) => [p.phoneme, p.start, p.end])).toEqual([
      ['_', 0, 0.1],
      ['n', 0.1, 0.3],
      ['ɑː', 0.3, 0.5],
      ['_', 0.5, 0.8],
      ['ɑː', 0.8, 0.9],
      ['t', 0.9, 1.0],
      ['w', 1.0, 1.2],
    ]);
    expect(out[4]).toMatchObject({ word: 0, stressed: true });
  });

  it('merges with neighbouring pauses and keeps phonemes wholly inside a gap', () => {
    const out = insertPausesAtSilences(phonemes, [{ start: 0, end: 0.2 }, { start: 0.85, end: 1.05 }]);
    expect(out.map((p) => p.phoneme)).toEqual(['_', 'n', 'ɑː', '_', 't', '_', 'w']);
    expect(out[0]).toMatchObject({ start: 0, end: 0.2 });
    expect(out[4]).toMatchObject({ phoneme: 't', start: 0.9, end: 1.0 });
    for (let i = 1; i < out.length; i++) expect(out[i].start).toBeCloseTo(out[i - 1].end, 9);
  });
});
