import { describe, expect, it } from 'vitest';
import { captionFontFor } from './caption-font-files.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { captionGeometry } from './caption-geometry.js';
import { layoutCaptionCues } from './caption-layout.js';
import { joinCaptionText } from './caption-script.js';
import type { CaptionCue, CaptionWord } from './caption-types.js';
import { tokenizeScript } from './script-tokens.js';
import { loadCaptionFont } from './font-metrics.js';

/** Words of `text` spoken one after another, `secPerWord` each, with a 0.5 s pause after each sentence. */
function spoken(text: string, secPerWord = 0.3): CaptionWord[] {
  let t = 0.2;
  return tokenizeScript(text).map((token) => {
    const word = { text: token.text, start: t, end: t + secPerWord };
    t = word.end + (/[.!?。！？]$/u.test(token.text) ? 0.5 : 0.02);
    return word;
  });
}

const PARAGRAPH =
  'Creators publish weekly batches of reels, and every one of them needs captions that are easy to read. ' +
  'Internationalization and supercalifragilisticexpialidocious words must never be cut in half! ' +
  'Short words too. Then a long sentence follows that keeps going for a good while so the pager has to split it into several captions.';

function checkCues(cues: CaptionCue[], words: CaptionWord[], style: 'clean' | 'reel', width: number, height: number) {
  // Every word appears once, whole, in order.
  expect(cues.flatMap((cue) => cue.lines.flat()).map((w) => w.text)).toEqual(words.map((w) => w.text));
  const geometry = captionGeometry(style, width, height);
  for (const cue of cues) {
    expect(cue.lines.length).toBeLessThanOrEqual(2);
    const font = loadCaptionFont(captionFontsDir(), captionFontFor(cue.script, geometry.weight));
    for (const line of cue.lines) {
      const measured = font.measureText(joinCaptionText(line), geometry.emPx * cue.fontScale);
      expect(measured).toBeLessThanOrEqual(geometry.maxLineWidthPx + 0.01);
    }
  }
  for (let i = 0; i < cues.length; i++) {
    expect(cues[i].end).toBeGreaterThan(cues[i].start);
    if (i > 0) expect(cues[i].start).toBeGreaterThanOrEqual(cues[i - 1].end);
  }
}

describe('layoutCaptionCues', () => {
  it('pages English into short reel cues and two-line clean cues, never cutting or overflowing', () => {
    const words = spoken(PARAGRAPH);
    const reel = layoutCaptionCues(words, { style: 'reel', width: 1080, height: 1920 });
    const clean = layoutCaptionCues(words, { style: 'clean', width: 1080, height: 1920 });
    checkCues(reel, words, 'reel', 1080, 1920);
    checkCues(clean, words, 'clean', 1080, 1920);
    expect(Math.max(...reel.map((c) => c.lines.flat().length))).toBeLessThanOrEqual(4);
    expect(clean.length).toBeLessThan(reel.length);
    // Sentence ends close a cue.
    for (const cue of [...reel, ...clean]) {
      const texts = cue.lines.flat().map((w) => w.text);
      texts.slice(0, -1).forEach((text) => expect(text).not.toMatch(/[.!?]$/u));
    }
    // The over-long word has a line to itself and a smaller size.
    const long = reel.find((cue) => cue.lines.flat().some((w) => w.text.startsWith('supercali')))!;
    expect(long.lines.find((line) => line.some((w) => w.text.startsWith('supercali')))).toHaveLength(1);
    expect(long.fontScale).toBeLessThan(1);
    expect(reel.every((cue) => cue.direction === 'ltr' && cue.script === 'latin')).toBe(true);
  });

  it('keeps cues on screen at least 0.6 s and starts a new one after a pause', () => {
    const words: CaptionWord[] = [
      { text: 'Quick', start: 0, end: 0.1 },
      { text: 'one', start: 1, end: 1.1 },
      { text: 'two', start: 1.15, end: 1.3 },
    ];
    const cues = layoutCaptionCues(words, { style: 'clean', width: 1920, height: 1080 });
    expect(cues).toHaveLength(2);
    expect(cues[0].end - cues[0].start).toBeGreaterThanOrEqual(0.6);
    expect(cues[0].end).toBeLessThanOrEqual(cues[1].start);
  });

  it('breaks Chinese between words (never before closing punctuation) and marks Arabic and Hebrew right-to-left', () => {
    const zhWords = spoken('今天天气很好，我们一起去公园散步，然后在湖边的咖啡馆里喝一杯热茶，聊聊最近发生的事情。', 0.25);
    const zh = layoutCaptionCues(zhWords, { style: 'clean', width: 1080, height: 1920 });
    checkCues(zh, zhWords, 'clean', 1080, 1920);
    expect(zh[0].script).toBe('han');
    for (const line of zh.flatMap((cue) => cue.lines)) expect(line[0].text).not.toMatch(/^[，。、！？」]/u);
    const ar = layoutCaptionCues(spoken('مرحبا بالعالم. كيف حالك اليوم؟ أنا سعيد جدا برؤيتك.'), { style: 'reel', width: 1080, height: 1920 });
    expect(ar.every((cue) => cue.direction === 'rtl' && cue.script === 'arabic')).toBe(true);
    expect(ar.map((cue) => joinCaptionText(cue.lines.flat()))[1]).toBe('كيف حالك اليوم؟');
    const he = layoutCaptionCues(spoken('שלום עולם. מה שלומך היום?'), { style: 'clean', width: 1080, height: 1080 });
    expect(he.every((cue) => cue.direction === 'rtl' && cue.script === 'hebrew')).toBe(true);
  });

  it('gives a word far too wide for a line a cue of its own, so its neighbours keep their size', () => {
    const words = spoken('Say Pneumonoultramicroscopicsilicovolcanoconiosis now, and https://example.com/a/very/long/path/that/never/ends today.');
    const reel = layoutCaptionCues(words, { style: 'reel', width: 1080, height: 1920 });
    checkCues(reel, words, 'reel', 1080, 1920);
    for (const cue of reel) {
      const texts = cue.lines.flat().map((w) => w.text);
      if (cue.fontScale < 0.7) expect(texts).toHaveLength(1);
    }
    expect(reel.filter((cue) => cue.fontScale < 0.7)).toHaveLength(2);
    expect(reel.find((cue) => cue.lines.flat().some((w) => w.text === 'Say'))!.fontScale).toBe(1);
    // Clean lines are wider: the first word only shrinks a little and keeps a neighbour on the other line.
    const clean = layoutCaptionCues(words, { style: 'clean', width: 1080, height: 1920 });
    const shared = clean.find((cue) => cue.lines.flat().some((w) => w.text.startsWith('Pneumono')))!;
    expect(shared.fontScale).toBeGreaterThan(0.7);
    expect(shared.lines.flat().length).toBeGreaterThan(1);
  });
});
