import { hasSharedMedia } from '../../../tests/helpers/shared-media.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../install-layout.js';
import { probeMedia, runFfmpeg, type FfmpegTools } from '../media/index.js';
import { getTools, makeTempDir, media } from '../media/test-support/media-fixtures.js';
import { SessionPool } from '../models/session-pool.js';
import { readVideoFrames } from '../media/index.js';
import { analyzeImage, meshFacesInWindow } from './analyze-image.js';
import { trackVideoSubject, type VideoTrack } from './track-video.js';

/** Points that do not move when a person talks: nose bridge and eye corners. */
const STILL_POINTS = [6, 168, 33, 133, 362, 263];
const GRID = media('video/grid_brbk7n.mpg');

let tools: FfmpegTools;
let pool: SessionPool;
let temp: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  tools = await getTools();
  pool = new SessionPool(defaultModelPaths());
  temp = await makeTempDir('mouthpiece-track-');
});
afterAll(async () => {
  await temp.cleanup();
  await pool.release();
});

const track = async (file: string, keepRaw = false): Promise<VideoTrack> => {
  const info = await probeMedia(tools, file);
  return trackVideoSubject({ tools, pool }, file, { fps: info.fps ?? 25, width: info.width ?? 0, height: info.height ?? 0 }, { keepRaw });
};

/** RMS of the second difference of the still points (px per frame²): what a viewer sees as shimmer on a still head. */
function landmarkJitterPx(frames: (Float32Array | null | undefined)[]): number {
  let sum = 0;
  let count = 0;
  for (let f = 2; f < frames.length; f++) {
    const [a, b, c] = [frames[f - 2], frames[f - 1], frames[f]];
    if (!a || !b || !c) continue;
    for (const p of STILL_POINTS) {
      for (const k of [0, 1]) {
        const i = 3 * p + k;
        sum += (c[i] - 2 * b[i] + a[i]) ** 2;
        count += 1;
      }
    }
  }
  return Math.sqrt(sum / count);
}

describe.skipIf(!hasSharedMedia)('tracking a subject through a clip', () => {
  it('follows the GRID speaker in every frame and smooths the shimmer of a still head', async () => {
    const result = await track(GRID, true);
    expect(result.frames.length).toBe(75);
    expect(result.frames.filter((f) => f.skip)).toEqual([]);
    expect(result.frames.every((f) => f.weight === 1)).toBe(true);
    const raw = landmarkJitterPx(result.frames.map((f) => f.rawLandmarks));
    const smoothed = landmarkJitterPx(result.frames.map((f) => f.landmarks));
    console.info(`landmark jitter on a still head (GRID brbk7n): raw ${raw.toFixed(3)} px, smoothed ${smoothed.toFixed(3)} px`);
    expect(smoothed).toBeLessThan(raw * 0.6);
  }, 120_000);

  it('passes a stretch without a face through, fading out before it and in after it', async () => {
    const joined = path.join(temp.dir, 'gap.mp4');
    // 1 s of the speaker, 0.6 s of blue backdrop without anyone (a cut), the speaker again
    const filter = '[0:v]trim=0:1,setpts=PTS-STARTPTS[a];color=c=0x203080:s=360x288:r=25:d=0.6[b];[0:v]trim=1:2,setpts=PTS-STARTPTS[c];[a][b][c]concat=n=3:v=1:a=0[v]';
    await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', GRID, '-filter_complex', filter, '-map', '[v]', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', joined] });
    const result = await track(joined);
    const missing = result.frames.filter((f) => f.skip === 'missing').map((f) => f.index);
    expect(missing.length).toBeGreaterThanOrEqual(14);
    expect(missing[0]).toBeGreaterThanOrEqual(25);
    expect(result.frames.slice(0, 20).every((f) => f.weight === 1)).toBe(true);
    expect(result.frames[missing[0] - 1].weight).toBeLessThan(0.5);
    // found again once it is back (within the detector's retry interval)
    const back = result.frames.findIndex((f, i) => i > missing[0] && !f.skip);
    expect(back).toBeLessThanOrEqual(25 + 15 + 3);
    expect(result.frames.at(-1)?.weight).toBe(1);
  }, 120_000);

  it('finds the face again in one detector window round where it was, where the whole-picture analysis finds it, and not elsewhere', async () => {
    let frame;
    for await (const f of readVideoFrames(tools, GRID, { durationSec: 0.2 })) frame = f;
    if (!frame) throw new Error('no frame');
    const [subject] = (await analyzeImage(pool, frame)).subjects;
    const [x, y, w, h] = subject.box;
    const near = await meshFacesInWindow(pool, frame, { center: [x + w / 2, y + h / 2], sizePx: h * 3 });
    expect(near.length).toBe(1);
    expect(near[0].score).toBeGreaterThan(0.5);
    // the same face: the nose tip within a few pixels (the analysis refines the eyes, not the nose)
    expect(Math.hypot(near[0].landmarks[1][0] - subject.landmarks[1][0], near[0].landmarks[1][1] - subject.landmarks[1][1])).toBeLessThan(3);
    // a window of the backdrop beside the face holds none
    const aside = x > frame.width / 2 ? w * 0.6 : frame.width - w * 0.6;
    expect(await meshFacesInWindow(pool, frame, { center: [aside, h * 0.6], sizePx: w * 1.2 })).toEqual([]);
  }, 120_000);
});
