import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaptionCue } from './caption-types.js';
import { formatSrt, formatWebVtt, writeCaptionFiles } from './subtitle-files.js';

const cue = (start: number, end: number, lines: string[][], direction: 'ltr' | 'rtl' = 'ltr'): CaptionCue => ({
  start, end, direction, script: direction === 'rtl' ? 'arabic' : 'latin', fontScale: 1,
  lines: lines.map((line) => line.map((text, i) => ({ text, start: start + i * 0.1, end: start + i * 0.1 + 0.1 }))),
});

const CUES = [
  cue(0.011, 1.6534, [['Hello', 'everyone,'], ['and', 'welcome']]),
  cue(1.6534, 3725.5, [['back', 'to', 'the', 'channel!']]),
  cue(3726, 3727.25, [['مرحبا', 'بالعالم.']], 'rtl'),
];

/** A small parser for both formats: [startSec, endSec, text][]. */
function parseCues(text: string, separator: ',' | '.'): Array<[number, number, string]> {
  const time = (s: string) => {
    const [h, m, rest] = s.split(':');
    const [sec, ms] = rest.split(separator);
    return Number(h) * 3600 + Number(m) * 60 + Number(sec) + Number(ms) / 1000;
  };
  return text
    .trim()
    .split(/\n\n+/u)
    .filter((block) => block.includes('-->'))
    .map((block) => {
      const lines = block.split('\n');
      const timing = lines.findIndex((line) => line.includes('-->'));
      const [a, b] = lines[timing].split(' --> ');
      return [time(a), time(b), lines.slice(timing + 1).join('\n')];
    });
}

describe('SRT and WebVTT', () => {
  it('write numbered SRT cues with comma milliseconds and a WEBVTT file with dot milliseconds', () => {
    const srt = formatSrt(CUES);
    expect(srt.startsWith('1\n00:00:00,011 --> 00:00:01,653\nHello everyone,\nand welcome\n\n2\n')).toBe(true);
    expect(srt).toContain('01:02:05,500');
    const parsedSrt = parseCues(srt, ',');
    expect(parsedSrt).toEqual([
      [0.011, 1.653, 'Hello everyone,\nand welcome'],
      [1.653, 3725.5, 'back to the channel!'],
      [3726, 3727.25, 'مرحبا بالعالم.'],
    ]);
    const vtt = formatWebVtt(CUES);
    expect(vtt.startsWith('WEBVTT\n\n00:00:00.011 --> 00:00:01.653\n')).toBe(true);
    expect(parseCues(vtt, '.')).toEqual(parsedSrt);
    for (let i = 1; i < parsedSrt.length; i++) expect(parsedSrt[i][0]).toBeGreaterThanOrEqual(parsedSrt[i - 1][1]);
  });

  it('writes both files atomically, leaving no temporary file', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-captions-'));
    try {
      await writeCaptionFiles({ cues: CUES, srtPath: path.join(dir, 'out.srt'), vttPath: path.join(dir, 'out.vtt') });
      expect((await readdir(dir)).sort()).toEqual(['out.srt', 'out.vtt']);
      expect(await readFile(path.join(dir, 'out.vtt'), 'utf8')).toBe(formatWebVtt(CUES));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
