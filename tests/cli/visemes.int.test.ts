import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedMedia, media, runCli } from '../helpers/run-cli.js';
import { SAMPLE_VOICE } from '../helpers/shared-media.js';

const CHANNELS = ['jawOpen', 'lipPress', 'lipRound', 'lipSpread', 'upperLipRaise', 'teethShow', 'tongueShow'];
const JFK = media('audio/en_jfk_inaugural.wav');

interface VisemesJson {
  durationSec: number;
  source: string;
  confidence: number;
  phonemes: { start: number; end: number; phoneme: string }[];
  visemes: { start: number; end: number; viseme: string }[];
  curves: Record<string, number[]> & { fps: number; frameCount: number };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-visemes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function visemes(args: string[]): Promise<VisemesJson> {
  const result = await runCli(['visemes', ...args, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as VisemesJson;
}

describe('mouthpiece visemes', () => {
  it.skipIf(!hasSharedMedia)('prints phonemes, visemes and per-frame curves of a recording as JSON', async () => {
    const out = await visemes([JFK, '--fps', '25']);
    expect(out.source).toBe('audio-only');
    expect(out.durationSec).toBeCloseTo(11, 0);
    expect(out.curves.fps).toBe(25);
    expect(out.curves.frameCount).toBe(Math.ceil(out.durationSec * 25));
    for (const ch of CHANNELS) {
      expect(out.curves[ch]).toHaveLength(out.curves.frameCount);
      for (const v of out.curves[ch]) expect(v >= 0 && v <= 1).toBe(true);
    }
    expect(out.visemes.length).toBeGreaterThan(40);
    for (let i = 1; i < out.visemes.length; i++) expect(out.visemes[i].start).toBeGreaterThanOrEqual(out.visemes[i - 1].end - 1e-3);
    expect(out.phonemes.length).toBeGreaterThanOrEqual(out.visemes.length);
    expect(Math.max(...out.curves.jawOpen)).toBeGreaterThan(0.5);
    expect(out.curves.lipPress.filter((v) => v >= 0.8).length).toBeGreaterThan(3);
  });

  it.skipIf(!hasSharedMedia)('aligns a transcript given with --text-file and writes Rhubarb cues', async () => {
    const tsv = join(dir, 'jfk.tsv');
    const json = join(dir, 'jfk.json');
    const out = await visemes([JFK, '--text-file', media('audio/en_jfk_inaugural.txt'), '--rhubarb', tsv]);
    expect(out.source).toBe('alignment');
    const lines = readFileSync(tsv, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) expect(line).toMatch(/^\d+\.\d\d\t[A-HX]$/);
    expect(new Set(lines.map((l) => l.split('\t')[1])).size).toBeGreaterThanOrEqual(5);

    await visemes([JFK, '--rhubarb', json]);
    const cues = JSON.parse(readFileSync(json, 'utf8')) as { mouthCues: { start: number; end: number; value: string }[] };
    expect(cues.mouthCues[0].start).toBe(0);
    expect(cues.mouthCues.at(-1)!.end).toBeCloseTo(11, 0);
    expect(cues.mouthCues.some((c) => c.value === 'A')).toBe(true);
  });

  it.skipIf(!hasSharedMedia)('prints a short summary without --json', async () => {
    const result = await runCli(['visemes', JFK]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/audio-only/);
    expect(result.stdout).toMatch(/visemes: .*PP \d+/);
  });

  it.each([
    ['a text file posing as audio', () => writeAndReturn('not-audio.wav', 'hello, I am not a recording'), /not-audio\.wav/],
    ['a missing file', () => join(dir, 'missing.wav'), /missing\.wav/],
  ])('exits 2 for %s, naming the file', async (_what, file, pattern) => {
    const result = await runCli(['visemes', file()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for bad options and writes no Rhubarb file', async () => {
    expect((await runCli(['visemes', SAMPLE_VOICE, '--fps', 'fast'])).code).toBe(2);
    const bad = await runCli(['visemes', SAMPLE_VOICE, '--rhubarb', join(dir, 'cues.mp3')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cues\.mp3.*\.tsv or \.json/);
    expect(existsSync(join(dir, 'cues.mp3'))).toBe(false);
    expect((await runCli(['visemes', SAMPLE_VOICE, '--text', '  '])).code).toBe(2);
    expect((await runCli(['visemes'])).code).toBe(2);
  });
});

function writeAndReturn(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
