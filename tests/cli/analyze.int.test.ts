import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { hasSharedMedia, media, runCli } from '../helpers/run-cli.js';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../helpers/shared-media.js';

interface SubjectJson {
  index: number;
  box: [number, number, number, number];
  score: number;
  area: number;
  landmarks: [number, number, number][];
}

let dir: string;
let ffmpeg: string;
let ffprobe: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-cli-'));
  ({ ffmpegPath: ffmpeg, ffprobePath: ffprobe } = await resolveFfmpegTools());
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function analyze(file: string, extra: string[] = []) {
  const result = await runCli(['analyze', file, '--json', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as { width: number; height: number; kind: string; subjects: SubjectJson[] };
}

describe('mouthpiece analyze', () => {
  it('prints usage with --help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('mouthpiece analyze <image|video>');
  });

  it.skipIf(!hasSharedMedia).each([
    'portrait_eileen_collins_nasa.png',
    'portrait_woman_smiling_cc0.png',
    'portrait_man_luciano_cc0.png',
    'portrait_chris_pratt_ccby2.jpg',
    'portrait_tiny_glasses_beard_cc0.png',
    'painting_mona_lisa_small_cc0.jpg',
    'painting_vermeer_girl_pearl_earring.jpg',
  ])('finds exactly one subject with 468 landmarks inside its box in %s', async (name) => {
    const result = await analyze(media(`images/${name}`));
    expect(result.subjects).toHaveLength(1);
    const [s] = result.subjects;
    expect(s.index).toBe(0);
    expect(s.landmarks).toHaveLength(468);
    const [x, y, w, h] = s.box;
    const inside = s.landmarks.filter(([px, py]) => px >= x - 1 && px <= x + w + 1 && py >= y - 1 && py <= y + h + 1);
    expect(inside.length).toBeGreaterThan(460);
    expect(s.area).toBeCloseTo(w * h, -2);
  });

  it.skipIf(!hasSharedMedia)('finds the three Apollo 11 astronauts, largest first, with distinct boxes', async () => {
    const { subjects } = await analyze(media('images/group3_apollo11_crew_nasa.png'));
    expect(subjects.map((s) => s.index)).toEqual([0, 1, 2]);
    for (let i = 1; i < subjects.length; i++) expect(subjects[i - 1].area).toBeGreaterThanOrEqual(subjects[i].area);
    const centres = subjects.map((s) => s.box[0] + s.box[2] / 2).sort((a, b) => a - b);
    expect(centres[1] - centres[0]).toBeGreaterThan(50);
    expect(centres[2] - centres[1]).toBeGreaterThan(50);
  });

  it.skipIf(!hasSharedMedia)('finds the three small faces in the 1280 px soccer photo', async () => {
    const { subjects } = await analyze(media('images/group3_soccer_players_cc0.jpg'));
    expect(subjects).toHaveLength(3);
    for (const s of subjects) expect(s.box[2]).toBeLessThan(80);
  });

  it.skipIf(!hasSharedMedia)('reports coordinates of a picture over 4096 px in its original pixels', async () => {
    const big = join(dir, 'big.png');
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-i', media('images/portrait_man_luciano_cc0.png'), '-vf', 'scale=4800:4800', big]);
    const small = await analyze(media('images/portrait_man_luciano_cc0.png'));
    const large = await analyze(big);
    expect(large.width).toBe(4800);
    const k = 4800 / small.width;
    const [sx, sy, sw] = small.subjects[0].box;
    const [lx, ly, lw] = large.subjects[0].box;
    expect(Math.abs(lx - sx * k)).toBeLessThan(0.03 * lw);
    expect(Math.abs(ly - sy * k)).toBeLessThan(0.03 * lw);
    expect(lw / (sw * k)).toBeGreaterThan(0.95);
    expect(lw / (sw * k)).toBeLessThan(1.05);
  });

  it.skipIf(!hasSharedMedia)('analyses the first frame with a face in a video', async () => {
    const result = await analyze(media('video/obama_weekly_address_challenges.mp4'));
    expect(result.kind).toBe('video');
    expect(result.subjects.length).toBeGreaterThanOrEqual(1);
  });

  it.skipIf(!hasSharedMedia)('writes an overlay PNG the size of the picture', async () => {
    const out = join(dir, 'overlay.png');
    await analyze(media('images/group3_apollo11_crew_nasa.png'), ['--overlay', out]);
    const dims = execFileSync(ffprobe, ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', out]).toString().trim();
    expect(dims).toBe('600,471');
  });

  it('streams progress as JSON lines on stderr with --json', async () => {
    const result = await runCli(['analyze', SAMPLE_FACE, '--json']);
    const events = result.stderr.trim().split('\n').map((line) => JSON.parse(line));
    expect(events.length).toBeGreaterThan(1);
    expect(events.every((e) => e.type === 'progress' && typeof e.ratio === 'number')).toBe(true);
    expect(events.at(-1).ratio).toBe(1);
  });
});

describe('mouthpiece analyze: bad input exits 2 with a reason naming the file', () => {
  it('a photo without a face', async () => {
    const file = join(dir, 'no-face.png');
    execFileSync(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=1', '-frames:v', '1', file]);
    const result = await runCli(['analyze', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/no face/i);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a file that is not media at all', async () => {
    const file = join(dir, 'garbage.jpg');
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    const result = await runCli(['analyze', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
  });

  it('a missing file', async () => {
    const file = join(dir, 'does-not-exist.png');
    const result = await runCli(['analyze', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
  });

  it('an audio file', async () => {
    const file = SAMPLE_VOICE;
    const result = await runCli(['analyze', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(result.stderr).toMatch(/audio/i);
  });

  it('a wrong number of arguments and an unknown option', async () => {
    expect((await runCli(['analyze'])).code).toBe(2);
    expect((await runCli(['analyze', 'a.png', '--bogus'])).code).toBe(2);
    expect((await runCli(['frobnicate'])).code).toBe(2);
  });
});
