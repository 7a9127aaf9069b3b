import { describe, expect, it } from 'vitest';
import type { TimedWord } from '../speech/speech-types.js';
import { buildCaptionTrack } from './caption-track.js';
import { formatSrt } from './subtitle-files.js';

const SENTENCES = [
  'Welcome back to the channel.',
  'Today we talk about something that changed the way I make videos.',
  'For years I thought I needed a studio, lights, a camera and an expensive microphone.',
  'Then I took one good photo, wrote a short script, and let the software do the rest!',
  'Is it perfect? No, but it saves me hours every single week.',
];

/** A script of about `seconds` of speech at 2.8 words/s, with its eSpeak-shaped timeline (bare words, pauses after sentences). */
function longScript(seconds: number): { text: string; words: TimedWord[]; durationSec: number } {
  const sentences: string[] = [];
  const words: TimedWord[] = [];
  let t = 0.05;
  for (let i = 0; t < seconds - 3; i++) {
    const sentence = SENTENCES[i % SENTENCES.length];
    sentences.push(sentence);
    for (const token of sentence.split(' ')) {
      const bare = token.replace(/[^\p{L}\p{N}']/gu, '');
      const length = 0.18 + bare.length * 0.025;
      words.push({ text: bare, start: t, end: t + length } as TimedWord);
      t += length + 0.04;
    }
    t += 0.35;
  }
  return { text: sentences.join(' '), words, durationSec: words[words.length - 1].end + 0.05 };
}

function parseSrt(srt: string): { index: number; start: number; end: number; text: string }[] {
  const time = (value: string) => {
    const [h, m, rest] = value.split(':');
    const [s, ms] = rest.split(',');
    return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
  };
  return srt
    .trim()
    .split('\n\n')
    .map((block) => {
      const [index, timing, ...lines] = block.split('\n');
      const [start, end] = timing.split(' --> ').map(time);
      return { index: Number(index), start, end, text: lines.join(' ') };
    });
}

describe('buildCaptionTrack on a 60 s script', () => {
  for (const style of ['reel', 'clean'] as const) {
    it(`${style}: numbered cues that never overlap, show every word once and end with the video`, () => {
      const script = longScript(60);
      expect(script.durationSec).toBeGreaterThan(55);
      const track = buildCaptionTrack({ segments: [{ text: script.text, words: script.words, startSec: 0 }], style, width: 1080, height: 1920, durationSec: script.durationSec });
      const cues = parseSrt(formatSrt(track.cues));
      expect(cues.map((cue) => cue.index)).toEqual(cues.map((_, i) => i + 1));
      // reel: pages of at most 4 words; clean: up to two lines, so far fewer cues.
      const words = script.text.split(' ').length;
      if (style === 'reel') expect(cues.length).toBeGreaterThanOrEqual(words / 4);
      else expect(cues.length).toBeLessThan(words / 4);
      for (let i = 0; i < cues.length; i++) {
        expect(cues[i].end).toBeGreaterThan(cues[i].start);
        if (i > 0) expect(cues[i].start).toBeGreaterThanOrEqual(cues[i - 1].end);
      }
      expect(cues.map((cue) => cue.text).join(' ')).toBe(script.text);
      expect(cues[cues.length - 1].end).toBeLessThanOrEqual(script.durationSec + 0.0005);
    });
  }
});
