import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage, runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { buildContactSheet, writeContactSheet } from '../../electron/engine/quality/contact-sheet.js';
import { analyzeImage } from '../../electron/engine/face/index.js';
import { createIdentityCheck } from '../../electron/engine/quality/identity.js';
import { createFreezeCheck } from '../../electron/engine/quality/life.js';
import type { FrameVisitor } from '../../electron/engine/quality/measure-video.js';
import { measureVideo } from '../../electron/engine/quality/measure-video.js';
import { hasSharedMedia, media, OBAMA_VIDEO, openEngine } from './quality-support.js';

let tools: FfmpegTools;
let pool: SessionPool;
let dir: string;

beforeAll(async () => {
  ({ tools, pool } = await openEngine());
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-quality-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pool.release();
});

async function freezesOf(file: string, extraVisitors: FrameVisitor[] = []) {
  const fps = 25;
  const check = createFreezeCheck(fps);
  const measurement = await measureVideo({ tools, pool }, file, { fps, maxSide: 640, visitors: [check.visit, ...extraVisitors] });
  return { measurement, freezes: check.summary() };
}

describe.skipIf(!hasSharedMedia)('freezes measured on encoded video', () => {
  it('finds every second of a still photo encoded as H.264 frozen, with the face present and the photo’s own throughout', async () => {
    const photoPath = media('images/portrait_chris_pratt_ccby2.jpg');
    const still = join(dir, 'still.mp4');
    const args = ['-v', 'error', '-y', '-loop', '1', '-i', photoPath, '-t', '2', '-r', '25', '-vf', 'scale=512:678'];
    await runFfmpeg({ tools, args: [...args, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p', still] });
    const { image } = await decodeImage(tools, photoPath);
    const [face] = (await analyzeImage(pool, image)).subjects;
    const identity = createIdentityCheck({ image, landmarks: face.landmarks });
    const { measurement, freezes } = await freezesOf(still, [identity.visit]);
    expect(measurement.frames.every((f) => f.detected)).toBe(true);
    // The ceiling for this stubbly face after x264 (crf 20) and the measuring downscale to 640 px: what a
    // render that changed nothing above the nose would score. (Registered by landmarks alone it was 0.79.)
    expect(identity.summary().minSsim).toBeGreaterThan(0.95);
    // x264 refines a still over its first frames (differences up to 0.41): from then on it is one frozen run.
    expect(freezes.frozenSeconds).toBeGreaterThanOrEqual(1);
    expect(freezes.longestFrozenRunFrames).toBeGreaterThanOrEqual(40);
  });

  it('finds no frozen frame in a real talking head', async () => {
    const { freezes } = await freezesOf(media(OBAMA_VIDEO));
    expect(freezes).toMatchObject({ frozenRuns: 0, frozenSeconds: 0, identicalSecondPairs: 0 });
  });
});

describe.skipIf(!hasSharedMedia)('contact sheet', () => {
  it('lays 12 evenly spaced frames out 4 × 3 with their numbers, and writes a PNG', async () => {
    const sheet = await buildContactSheet(tools, media(OBAMA_VIDEO), { tilePx: 160 });
    // 1280×720 tiles shrink to 160×90, with a 4 px gap around each.
    expect(sheet.width).toBe(4 * 160 + 5 * 4);
    expect(sheet.height).toBe(3 * 90 + 4 * 4);
    const pixel = (x: number, y: number) => Array.from(sheet.data.subarray((y * sheet.width + x) * 4, (y * sheet.width + x) * 4 + 3));
    // Label plate in the corner of the first tile is dark with white digit pixels ("0").
    const label: number[][] = [];
    for (let y = 6; y < 22; y++) for (let x = 6; x < 16; x++) label.push(pixel(x, y));
    expect(label.some((p) => p.every((c) => c === 255))).toBe(true);
    // The pictures are there: each tile's upper half (flag, books, face) is far from the black background,
    // and the first and last tiles are different frames.
    const tileMean = (ox: number, oy: number) => {
      let sum = 0;
      for (let y = oy; y < oy + 45; y++) for (let x = ox; x < ox + 160; x++) sum += pixel(x, y).reduce((a, b) => a + b, 0) / 3;
      return sum / (45 * 160);
    };
    expect(tileMean(4, 4)).toBeGreaterThan(50);
    expect(tileMean(4 + 3 * 164, 4 + 2 * 94)).toBeGreaterThan(50);
    let differing = 0;
    for (let y = 30; y < 90; y++) for (let x = 0; x < 160; x++) if (Math.abs(pixel(4 + x, 4 + y)[0] - pixel(4 + 3 * 164 + x, 4 + 2 * 94 + y)[0]) > 20) differing += 1;
    expect(differing).toBeGreaterThan(200);
    const out = join(dir, 'sheet.png');
    await writeContactSheet(tools, media(OBAMA_VIDEO), out, { tilePx: 160 });
    const { image } = await decodeImage(tools, out);
    expect([image.width, image.height]).toEqual([sheet.width, sheet.height]);
  });
});
