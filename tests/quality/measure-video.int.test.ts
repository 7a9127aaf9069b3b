import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { measureVideo } from '../../electron/engine/quality/measure-video.js';
import { hasSharedMedia, media, openEngine } from './quality-support.js';

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

describe.skipIf(!hasSharedMedia)('measuring a video frame by frame', () => {
  it('keeps tracking a turned face without the crop drifting (a still 3/4 portrait reads the same in its last frame as in its first)', async () => {
    const still = join(dir, 'vermeer-still.mp4');
    const args = ['-v', 'error', '-y', '-loop', '1', '-i', media('images/painting_vermeer_girl_pearl_earring.jpg'), '-t', '2', '-r', '25', '-vf', 'scale=540:-2'];
    await runFfmpeg({ tools, args: [...args, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', still] });
    // Detect once, then track through all 50 frames.
    const { frames } = await measureVideo({ tools, pool }, still, { redetectEveryFrames: 1000 });
    expect(frames).toHaveLength(50);
    const [first, last] = [frames[0], frames[49]];
    expect(frames.every((f) => f.detected)).toBe(true);
    // Before the crop kept its detected size, the face box shrank 184 → 144 px and the lip gap 0.033 → 0.018.
    expect((last.box as number[])[3]).toBeGreaterThan((first.box as number[])[3] * 0.95);
    expect(Math.abs((last.lipGap as number) - (first.lipGap as number))).toBeLessThan(0.012);
    const settled = frames.slice(10).map((f) => f.lipGap as number);
    expect(Math.max(...settled) - Math.min(...settled)).toBeLessThan(0.005);
    expect((last.eyeLeft as number) / (first.eyeLeft as number)).toBeGreaterThan(0.85);
  });

  it('follows the subject asked for in a group photo, with open eyes and a frontal pose', async () => {
    const still = join(dir, 'apollo-still.mp4');
    const args = ['-v', 'error', '-y', '-loop', '1', '-i', media('images/group3_apollo11_crew_nasa.png'), '-t', '0.4', '-r', '25', '-vf', 'scale=600:-2'];
    await runFfmpeg({ tools, args: [...args, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', still] });
    const [largest, second] = await Promise.all([0, 1].map((subject) => measureVideo({ tools, pool }, still, { subject })));
    const center = (box: number[] | null) => [(box as number[])[0] + (box as number[])[2] / 2, (box as number[])[1] + (box as number[])[3] / 2];
    expect(largest.frames.every((f) => f.detected) && second.frames.every((f) => f.detected)).toBe(true);
    const [a, b] = [center(largest.frames[9].box), center(second.frames[9].box)];
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(40);
    expect((largest.frames[9].box as number[])[2] * (largest.frames[9].box as number[])[3]).toBeGreaterThan((second.frames[9].box as number[])[2] * (second.frames[9].box as number[])[3]);
    for (const f of largest.frames) {
      expect(f.eyeLeft as number).toBeGreaterThan(0.15);
      expect(Math.abs(f.yawRad as number)).toBeLessThan(0.5);
    }
  });
});
