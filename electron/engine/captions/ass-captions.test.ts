import { describe, expect, it } from 'vitest';
import { buildAssCaptions, escapeAssText } from './ass-captions.js';
import { buildAssFilter, escapeFilterPath } from './ass-filter.js';
import { layoutCaptionCues } from './caption-layout.js';
import type { CaptionWord } from './caption-types.js';

const WORDS: CaptionWord[] = ['Hello', 'everyone,', 'and', 'welcome', 'back', 'to', 'the', 'channel!'].map((text, i) => ({ text, start: 0.5 + i * 0.35, end: 0.8 + i * 0.35 }));

describe('buildAssCaptions', () => {
  it('reel: one highlighted event per word, contiguous from the cue start to its end', () => {
    const cues = layoutCaptionCues(WORDS, { style: 'reel', width: 1080, height: 1920 });
    const ass = buildAssCaptions({ cues, style: 'reel', width: 1080, height: 1920 });
    expect(ass).toContain('PlayResX: 1080\nPlayResY: 1920\nWrapStyle: 2');
    expect(ass).toMatch(/^Style: reel-latin,Noto Sans,[\d.]+,&H00FFFFFF,.*,-1,/mu);
    const highlighted = ass.split('\n').filter((line) => line.startsWith('Dialogue:') && line.includes('\\1c&H0000E1FF&'));
    expect(highlighted).toHaveLength(WORDS.length);
    WORDS.forEach((word, i) => expect(highlighted[i]).toContain(`{\\1c&H0000E1FF&}${word.text}{`));
    // Within a cue the highlight spans chain: each starts where the previous ended.
    const times = highlighted.map((line) => line.split(',').slice(1, 3));
    for (let i = 1; i < times.length; i++) if (!cues.some((c) => Math.abs(c.start - WORDS[i].start) < 1e-9)) expect(times[i][0]).toBe(times[i - 1][1]);
  });

  it('reel: captions move below a speaking chin that reaches the usual height, inside the safe area', () => {
    const cues = layoutCaptionCues(WORDS, { style: 'reel', width: 1080, height: 1920 });
    const ys = (ass: string) => [...ass.matchAll(/\\pos\([\d.]+,([\d.]+)\)/gu)].map((m) => Number(m[1]));
    const usual = ys(buildAssCaptions({ cues, style: 'reel', width: 1080, height: 1920 }));
    const emPx = 1080 * 0.078;
    for (const y of usual) expect(Math.abs(y - 1920 * 0.64)).toBeLessThanOrEqual(emPx * 0.65 + 0.1);
    // A tight portrait: the chin (jaw open) at 1380 px, where the usual 64 % line (1229 px) crosses the mouth.
    const below = ys(buildAssCaptions({ cues, style: 'reel', width: 1080, height: 1920, faceBottomY: 1380 }));
    expect(below).toHaveLength(usual.length);
    below.forEach((y, i) => {
      expect(y).toBeGreaterThan(usual[i] + 100);
      expect(y + emPx * 0.65).toBeLessThanOrEqual(1920 * 0.8);
    });
    // One line fits wholly under the chin; two lines go as low as the safe area allows.
    const oneLine = cues.filter((cue) => cue.lines.length === 1);
    expect(oneLine.length).toBeGreaterThan(0);
    for (const y of ys(buildAssCaptions({ cues: oneLine, style: 'reel', width: 1080, height: 1920, faceBottomY: 1380 }))) expect(y - emPx * 0.65).toBeGreaterThan(1380);
    // A face high in the frame leaves the captions where they were.
    expect(ys(buildAssCaptions({ cues, style: 'reel', width: 1080, height: 1920, faceBottomY: 900 }))).toEqual(usual);
  });

  it('clean: a box and a line of text per cue line, plus a disclosure label for the whole video', () => {
    const cues = layoutCaptionCues(WORDS, { style: 'clean', width: 1920, height: 1080 });
    const ass = buildAssCaptions({ cues, style: 'clean', width: 1920, height: 1080, disclosureLabel: 'AI-generated', durationSec: 12 });
    const dialogues = ass.split('\n').filter((line) => line.startsWith('Dialogue:'));
    expect(dialogues.filter((line) => line.includes(',clean-box,'))).toHaveLength(cues.length);
    expect(dialogues.filter((line) => line.includes(',clean-latin,'))).toHaveLength(cues.reduce((n, c) => n + c.lines.length, 0));
    expect(dialogues.find((line) => line.includes(',label-latin,'))).toBe('Dialogue: 1,0:00:00.00,0:00:12.00,label-latin,,0,0,0,,AI-generated');
    expect(ass).toMatch(/^Style: clean-latin,Noto Sans Medium,/mu);
  });

  it('leaves emoji the caption font cannot draw out of the burned-in text, keeping the words and symbols it can', () => {
    const words: CaptionWord[] = ['I', 'love', 'it', '😍🔥', 'so', 'much!', '👍🏽', '©2024', '🇫🇷'].map((text, i) => ({ text, start: i * 0.3, end: i * 0.3 + 0.25 }));
    const cues = layoutCaptionCues(words, { style: 'reel', width: 1080, height: 1920 });
    const ass = buildAssCaptions({ cues, style: 'reel', width: 1080, height: 1920 });
    const dialogues = ass.split('\n').filter((line) => line.startsWith('Dialogue:'));
    for (const line of dialogues) expect(line).not.toMatch(/ {2}|[😍🔥👍🇫🇷\u{1F3FD}]/u);
    expect(dialogues.some((line) => line.includes('©2024'))).toBe(true);
    // Every remaining word still gets its highlight.
    for (const word of ['I', 'love', 'it', 'so', 'much!', '©2024']) expect(dialogues.some((line) => line.includes(`{\\1c&H0000E1FF&}${word}{`))).toBe(true);
    // A cue of emoji only shows nothing rather than empty boxes.
    const only = layoutCaptionCues([{ text: '🎉🎉', start: 0, end: 1 }], { style: 'clean', width: 1080, height: 1080 });
    expect(buildAssCaptions({ cues: only, style: 'clean', width: 1080, height: 1080 }).split('\n').filter((l) => l.startsWith('Dialogue:'))).toEqual([]);
  });

  it('escapes text that ASS would read as tags or line breaks', () => {
    expect(escapeAssText('{\\b1}bold\\Nnext\nline')).toBe('\\{\\\u2060b1\\}bold\\\u2060Nnext line');
  });
});

describe('buildAssFilter', () => {
  it('escapes paths for the option level and the filter-graph level', () => {
    expect(buildAssFilter('/tmp/a.ass', '/opt/fonts')).toBe('ass=filename=/tmp/a.ass:fontsdir=/opt/fonts');
    // Level 1 (option value): C\:\\it\'s [a]\:b,c;d — level 2 (graph) escapes those backslashes and quote again, and [ ] , ;.
    expect(escapeFilterPath(String.raw`C:\it's [a]:b,c;d`)).toBe(String.raw`C\\:\\\\it\\\'s \[a\]\\:b\,c\;d`);
  });
});
