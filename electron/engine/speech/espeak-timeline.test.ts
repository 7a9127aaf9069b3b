import { describe, expect, it } from 'vitest';
import type { EspeakEvent } from './espeak-module.js';
import { buildTimelineFromEvents, stripStressMarks } from './espeak-timeline.js';

const word = (text_position: number, word_length: number, audio_position: number): EspeakEvent => ({ type: 'word', text_position, word_length, audio_position });
const phone = (id: string, audio_position: number): EspeakEvent => ({ type: 'phoneme', text_position: 0, word_length: 0, audio_position, id });

// Events eSpeak NG (en-us) reported for "Bob met Pam." (positions in ms).
const BOB_MET_PAM: EspeakEvent[] = [
  { type: 'sentence', text_position: 1, word_length: 0, audio_position: 0 },
  word(1, 3, 0),
  phone('b', 12),
  phone('ˈɑː', 41),
  phone('b', 181),
  word(5, 3, 256),
  phone('m', 256),
  phone('ˈɛ', 326),
  phone('t', 460),
  word(9, 3, 506),
  phone('p', 555),
  phone('ˈæ', 587),
  phone('m', 796),
  phone('', 926),
  phone('', 933),
  { type: 'end', text_position: 12, word_length: 0, audio_position: 933 },
];

describe('buildTimelineFromEvents', () => {
  const { phonemes, words } = buildTimelineFromEvents({ text: 'Bob met Pam.', events: BOB_MET_PAM, durationSec: 0.9334 });

  it('makes contiguous phonemes from the first event to the end, with pauses as "_"', () => {
    expect(phonemes.map((p) => p.phoneme)).toEqual(['_', 'b', 'ɑː', 'b', 'm', 'ɛ', 't', 'p', 'æ', 'm', '_']);
    expect(phonemes[0]).toMatchObject({ start: 0, end: 0.012 });
    expect(phonemes[1]).toMatchObject({ start: 0.012, end: 0.041, word: 0 });
    for (let i = 1; i < phonemes.length; i++) expect(phonemes[i].start).toBe(phonemes[i - 1].end);
    expect(phonemes.at(-1)).toMatchObject({ start: 0.926, end: 0.9334 });
    expect(phonemes.at(-1)?.word).toBeUndefined();
  });

  it('keeps stress as a flag and the word of each phoneme', () => {
    expect(phonemes.filter((p) => p.stressed).map((p) => p.phoneme)).toEqual(['ɑː', 'ɛ', 'æ']);
    expect(phonemes.map((p) => p.word ?? -1)).toEqual([-1, 0, 0, 0, 1, 1, 1, 2, 2, 2, -1]);
  });

  it('times words from their first phoneme to their last', () => {
    expect(words).toEqual([
      { start: 0.012, end: 0.256, text: 'Bob' },
      { start: 0.256, end: 0.555, text: 'met' },
      { start: 0.555, end: 0.926, text: 'Pam' },
    ]);
  });

  it('takes the whole of a word written without spaces', () => {
    const events = [word(1, 1, 0), phone('n', 0), phone('ˈi', 81), word(3, 1, 428), phone('s.', 440), phone('', 700)];
    const result = buildTimelineFromEvents({ text: '你好世界', events, durationSec: 0.8 });
    expect(result.words.map((w) => w.text)).toEqual(['你好', '世界']);
    expect(result.phonemes.map((p) => p.phoneme)).toEqual(['n', 'i', 's', '_']);
  });
});

describe('stripStressMarks', () => {
  it('drops stress and syllable marks but keeps length and diacritics', () => {
    expect(stripStressMarks('ˈɑː')).toBe('ɑː');
    expect(stripStressMarks('ˌɔ̃')).toBe('ɔ̃');
    expect(stripStressMarks('s.')).toBe('s');
  });
});
