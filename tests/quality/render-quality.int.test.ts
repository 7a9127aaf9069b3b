/**
 * The quality suite on our own output: one short render of a portrait speaking a built-in-voice line,
 * measured on the video file the CLI wrote. Runs once `mouthpiece render` and `mouthpiece say` exist.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { assessVideo, type VideoQuality } from '../../electron/engine/quality/assess-video.js';
import { QUALITY_GOALS } from '../../electron/engine/quality/quality-goals.js';
import type { TimedPhoneme } from '../../electron/engine/speech/speech-types.js';
import { runCli } from '../helpers/run-cli.js';
import { hasSharedMedia, media, openEngine } from './quality-support.js';

const LINE = 'Bob put a big map by the pond, and Pam came back to the barn.';
const PORTRAIT = media('images/portrait_man_luciano_cc0.png');

const [renderHelp, sayHelp] = await Promise.all([runCli(['render', '--help']), runCli(['say', '--help'])]);
const canRender = renderHelp.code === 0 && sayHelp.code === 0;

let pool: SessionPool;
let dir: string;
let quality: VideoQuality;
let phonemes: TimedPhoneme[];

describe.skipIf(!canRender || !hasSharedMedia)('a rendered portrait speaking a built-in-voice line, measured on the output video', () => {
  beforeAll(async () => {
    const engine = await openEngine();
    pool = engine.pool;
    dir = mkdtempSync(join(tmpdir(), 'mouthpiece-quality-render-'));
    const said = await runCli(['say', LINE, '-o', join(dir, 'line.wav'), '--json']);
    expect(said.code, said.stderr).toBe(0);
    phonemes = (JSON.parse(said.stdout) as { phonemes: TimedPhoneme[] }).phonemes;
    const out = join(dir, 'talk.mp4');
    const rendered = await runCli(['render', '--face', PORTRAIT, '--say', LINE, '--preset', 'source', '--consent', 'The person shown agreed (test fixture).', '-o', out, '--json']);
    expect(rendered.code, rendered.stderr).toBe(0);
    ({ quality } = await assessVideo(engine, { videoPath: out, sourceImagePath: PORTRAIT, phonemes }));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await pool?.release();
  });

  it('finds the face in every frame', () => {
    expect(quality.frames).toBeGreaterThan(60);
    expect(quality.facesMissing).toBe(0);
  });

  it('moves the mouth with the sound: correlation peak at lag 0 or −1 (never after the sound), clearly positive', () => {
    expect(Math.abs(quality.lipSync.peakLagFrames)).toBeLessThanOrEqual(QUALITY_GOALS.maxAbsLagFrames);
    // A real talking head measures −1 to −2: the mouth may lead its sound a little but never trail it.
    expect(quality.lipSync.peakLagFrames).toBeLessThanOrEqual(0);
    expect(quality.lipSync.peakCorrelation).toBeGreaterThanOrEqual(QUALITY_GOALS.minPeakCorrelation);
  });

  it('shuts the lips at ≥ 80 % of the b/p/m and opens them at open vowels', () => {
    expect(quality.articulation?.closures.count).toBeGreaterThanOrEqual(6);
    expect(quality.articulation?.closures.closedShare).toBeGreaterThanOrEqual(QUALITY_GOALS.minClosedShare);
    expect(quality.articulation?.openVowels.openShare).toBeGreaterThanOrEqual(QUALITY_GOALS.minOpenShare);
  });

  it('keeps the upper face the photo’s (SSIM ≥ 0.85 above the nose)', () => {
    expect(quality.identity?.comparedFrames).toBeGreaterThan(quality.frames * 0.8);
    expect(quality.identity?.meanSsim).toBeGreaterThanOrEqual(QUALITY_GOALS.minUpperFaceSsim);
  });

  it('never freezes and never repeats a second', () => {
    expect(quality.freezes.frozenSeconds).toBe(0);
    expect(quality.freezes.identicalSecondPairs).toBe(0);
  });
});
