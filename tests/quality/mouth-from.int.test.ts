/**
 * A personal mouth (`render --mouth-from`) measured: each Obama clip reconstructed from its first frame and its own
 * sound with the mouth interior taken from ANOTHER Obama clip, against the real clip; and the interior's teeth colour
 * moved towards the reference clip's own. (The two GRID clips are two different people, so they have no pair.)
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegTools } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { measureVideo } from '../../electron/engine/quality/measure-video.js';
import { hasSharedMedia, media, openEngine } from './quality-support.js';
import { compareWithReal, describeReconstruction, prepareClip, renderReconstruction, teethColourOf, type PreparedClip } from './reconstruction-support.js';

const OBAMA = hasSharedMedia ? readdirSync(media('video')).filter((f) => /^obama_.*\.mp4$/.test(f)).sort() : [];
/** Each clip's mouth comes from the next clip of the same speaker. */
const PAIRS = OBAMA.map((file, i) => ({ file, mouthFrom: OBAMA[(i + 1) % OBAMA.length] }));
/**
 * As the reconstruction test's per-clip floors (same renderer, only the interior changes). Measured 2026-12-06, painted
 * → personal: teeth colour off the real clip's 38.7→35.6, 74.9→60.9, 53.8→37.5, 106.7→76.1, 52.9→51.3 (RGB distance);
 * lip-gap correlation and mouth SSIM within ±0.05 and ±0.01 of the painted interior's.
 */
const MIN_LIP_GAP_CORRELATION = 0.2;
const MIN_MOUTH_SSIM = 0.25;

let tools: FfmpegTools;
let pool: SessionPool;
let dir: string;

beforeAll(async () => {
  ({ tools, pool } = await openEngine());
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-mouth-from-quality-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pool.release();
});

/** Mean teeth colour (teethColourOf) over the frames whose mouth is open. */
async function teethColour(video: string): Promise<[number, number, number]> {
  const sum = [0, 0, 0];
  let frames = 0;
  await measureVideo({ tools, pool }, video, {
    maxSide: 640,
    visitors: [
      (frame, measure, landmarks) => {
        const teeth = landmarks && (measure.lipGap ?? 0) >= 0.03 ? teethColourOf(frame, landmarks) : null;
        if (!teeth) return;
        for (let c = 0; c < 3; c++) sum[c] += teeth[c];
        frames++;
      },
    ],
  });
  expect(frames, `${video}: open-mouth frames`).toBeGreaterThan(5);
  return [sum[0] / frames, sum[1] / frames, sum[2] / frames];
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const rgb = (c: number[]) => c.map((v) => v.toFixed(0)).join(',');

describe.skipIf(!hasSharedMedia)('a personal mouth from another clip of the same speaker', () => {
  const prepared = new Map<string, PreparedClip>();
  const rendered = new Map<string, string>();

  it.each(PAIRS)('$file with the mouth of $mouthFrom', async ({ file, mouthFrom }) => {
    const clipDir = join(dir, file);
    mkdirSync(clipDir);
    const clip = await prepareClip(tools, media(`video/${file}`), clipDir);
    prepared.set(file, clip);
    const out = join(clipDir, 'personal.mp4');
    await renderReconstruction(clip, out, ['--mouth-from', media(`video/${mouthFrom}`)]);
    rendered.set(file, out);
    const figures = await compareWithReal({ tools, pool }, clip, out);
    console.info(describeReconstruction(figures, `with the mouth of ${mouthFrom}`));
    expect(figures.bestLagCorrelation).toBeGreaterThan(MIN_LIP_GAP_CORRELATION);
    expect(figures.mouthSsim).toBeGreaterThan(MIN_MOUTH_SSIM);
  }, 900_000);

  it('the teeth take the reference clip’s colour instead of the painted one', async () => {
    const { file, mouthFrom } = PAIRS[0];
    const clip = prepared.get(file) as PreparedClip;
    const painted = join(dir, file, 'painted.mp4');
    await renderReconstruction(clip, painted);
    const reference = await teethColour(media(`video/${mouthFrom}`));
    const withPersonal = await teethColour(rendered.get(file) as string);
    const withPainted = await teethColour(painted);
    console.info(
      `${file}: teeth colour of the reference clip ${rgb(reference)}; personal mouth ${rgb(withPersonal)} (distance ${distance(withPersonal, reference).toFixed(1)}); ` +
        `painted ${rgb(withPainted)} (distance ${distance(withPainted, reference).toFixed(1)})`,
    );
    expect(distance(withPersonal, reference)).toBeLessThan(distance(withPainted, reference));
  }, 900_000);
});
