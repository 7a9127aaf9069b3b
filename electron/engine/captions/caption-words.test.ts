import { describe, expect, it } from 'vitest';
import type { TimedWord } from '../speech/speech-types.js';
import { captionWordsFromTimeline } from './caption-words.js';
import { tokenizeScript } from './script-tokens.js';

const w = (text: string, start: number, end: number): TimedWord => ({ text, start, end });

describe('tokenizeScript', () => {
  it('keeps punctuation on its word and splits unspaced scripts into words', () => {
    expect(tokenizeScript('Hello, world! It\'s an e-mail at 3:30 — at 5pm. "Quoted" (yes)').map((t) => t.text)).toEqual([
      'Hello,', 'world!', "It's", 'an', 'e-mail', 'at', '3:30 —', 'at', '5pm.', '"Quoted"', '(yes)',
    ]);
    expect(tokenizeScript('你好，世界。今天天气很好！').map((t) => t.text)).toEqual(['你好，', '世界。', '今天', '天气', '很好！']);
    expect(tokenizeScript('「你好」他说。').map((t) => t.text)[0]).toBe('「你好」');
  });
});

describe('captionWordsFromTimeline', () => {
  it('shows the script\'s words and times them by the timeline words inside them (eSpeak, en-us)', () => {
    // The words eSpeak NG reported for this script (split and shortened as it speaks them).
    const script = "Hello, world! It's an e-mail at 3:30 — call me at 5pm.";
    const timeline = [w('Hello', 0.01, 0.44), w('world', 0.59, 1.03), w('It', 1.37, 1.59), w('an', 1.59, 1.71), w('e', 1.71, 2.06), w('at', 2.06, 2.22), w('3', 2.22, 2.45), w('30', 2.45, 2.86), w('call', 3.13, 3.4), w('me', 3.4, 3.5), w('at', 3.54, 3.69), w('5', 3.69, 4), w('pm', 4, 4.47)];
    const words = captionWordsFromTimeline(script, timeline, 10);
    expect(words.map((x) => x.text)).toEqual(['Hello,', 'world!', "It's", 'an', 'e-mail', 'at', '3:30 —', 'call', 'me', 'at', '5pm.']);
    const byText = Object.fromEntries(words.map((x) => [x.text, x]));
    expect(byText["It's"].start).toBeCloseTo(11.37, 6);
    expect(byText["It's"].end).toBeCloseTo(11.59, 6);
    expect(byText['3:30 —'].start).toBeCloseTo(12.22, 6);
    expect(byText['3:30 —'].end).toBeCloseTo(12.86, 6);
    expect(byText['5pm.'].start).toBeCloseTo(13.69, 6);
    expect(byText['5pm.'].end).toBeCloseTo(14.47, 6);
    for (let i = 1; i < words.length; i++) expect(words[i].start).toBeGreaterThanOrEqual(words[i - 1].start);
  });

  it('times Chinese words from single characters and Arabic words one to one', () => {
    const zh = captionWordsFromTimeline('你好，世界。', [w('你好', 0, 0.5), w('世', 0.67, 0.91), w('界', 0.95, 1.19)]);
    expect(zh).toEqual([
      { text: '你好，', start: 0, end: 0.5 },
      { text: '世界。', start: 0.67, end: 1.19 },
    ]);
    const ar = captionWordsFromTimeline('مرحبا بالعالم.', [w('مرحبا', 0, 0.58), w('بالعالم', 0.58, 1.34)]);
    expect(ar).toEqual([
      { text: 'مرحبا', start: 0, end: 0.58 },
      { text: 'بالعالم.', start: 0.58, end: 1.34 },
    ]);
  });

  it('gives words the timeline dropped a share of the time around them', () => {
    // eSpeak (ko) folded "날씨가" into "오늘": no gap is left for it, so it shares 오늘's time.
    const ko = captionWordsFromTimeline('오늘 날씨가 좋네요!', [w('오늘', 1.89, 2.69), w('좋네요', 2.69, 3.34)]);
    expect(ko.map((x) => x.text)).toEqual(['오늘', '날씨가', '좋네요!']);
    expect(ko[0].start).toBe(1.89);
    expect(ko[1].start).toBeGreaterThan(1.95);
    expect(ko[1].end).toBeCloseTo(2.69, 6);
    // A real gap: the missing word sits in it.
    const en = captionWordsFromTimeline('one two three', [w('one', 0, 0.3), w('three', 1, 1.4)]);
    expect(en[1]).toEqual({ text: 'two', start: 0.3, end: 1 });
  });

  it('returns no words without timeline words', () => {
    expect(captionWordsFromTimeline('Hello there', [])).toEqual([]);
  });
});
