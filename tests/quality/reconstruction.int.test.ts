/**
 * Reconstruction: every real clip of the corpus (GRID, Obama) has its first frame rendered as a photo with the clip's
 * own sound, and the render is compared with the real clip frame by frame: the inner-lip gap (does the mouth open
 * and close when the person's did) and the mouth region's SSIM (does it look like the person's mouth).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegTools } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { hasSharedMedia, media, openEngine } from './quality-support.js';
import { compareWithReal, describeReconstruction, prepareClip, renderReconstruction, type Reconstruction } from './reconstruction-support.js';

const CLIPS = hasSharedMedia ? readdirSync(media('video')).filter((f) => /\.(mp4|mpg|mov|webm)$/.test(f)).sort() : [];
/**
 * Floors from the first measurement (2026-12-06, procedural interior). Lip-gap correlation at the best lag within ±3
 * frames: GRID 0.58/0.61, Obama 0.28–0.60 (the real mouth leads its sound by 1–3 frames, so lag 0 is lower: Obama
 * -0.11–0.35). Mouth SSIM in the real frame's box: GRID 0.76–0.80, Obama 0.35–0.44 (his head moves and the render's
 * does otherwise). A renderer whose mouth does not follow the voice scores near 0 on the correlation; per clip the
 * floor leaves room for noise on ~70 frames, the mean over all clips is the sharper test.
 */
const MIN_LIP_GAP_CORRELATION = 0.2;
const MIN_MEAN_LIP_GAP_CORRELATION = 0.35;
const MIN_MOUTH_SSIM = 0.25;

const figures: Reconstruction[] = [];

let tools: FfmpegTools;
let pool: SessionPool;
let dir: string;

beforeAll(async () => {
  ({ tools, pool } = await openEngine());
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-reconstruction-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pool.release();
});

describe.skipIf(!hasSharedMedia)('a real clip reconstructed from its first frame and its own sound', () => {
  it.each(CLIPS)('%s', async (file) => {
    const clipDir = join(dir, file);
    mkdirSync(clipDir);
    const prepared = await prepareClip(tools, media(`video/${file}`), clipDir);
    const out = join(clipDir, 'render.mp4');
    await renderReconstruction(prepared, out);
    const result = await compareWithReal({ tools, pool }, prepared, out);
    figures.push(result);
    console.info(describeReconstruction(result, 'reconstructed'));
    expect(result.frames).toBeGreaterThan(prepared.fps * 2);
    expect(result.bestLagCorrelation).toBeGreaterThan(MIN_LIP_GAP_CORRELATION);
    expect(result.mouthSsim).toBeGreaterThan(MIN_MOUTH_SSIM);
  }, 900_000);

  it('over all clips, the mouth follows the real one', () => {
    expect(figures.length).toBe(CLIPS.length);
    const meanCorrelation = figures.reduce((s, f) => s + f.bestLagCorrelation, 0) / figures.length;
    const meanSsim = figures.reduce((s, f) => s + f.mouthSsim, 0) / figures.length;
    const meanAligned = figures.reduce((s, f) => s + f.alignedMouthSsim, 0) / figures.length;
    console.info(`reconstruction over ${figures.length} clips: mean lip-gap correlation ${meanCorrelation.toFixed(2)}, mean mouth SSIM ${meanSsim.toFixed(3)} (aligned ${meanAligned.toFixed(3)})`);
    expect(meanCorrelation).toBeGreaterThan(MIN_MEAN_LIP_GAP_CORRELATION);
  });
});
