/**
 * The footage dub measured on its output: real clips (GRID, Obama) dubbed with other recordings and with their own
 * sound, then analysed frame by frame with our face analysis. Lip sync to the new voice, what is left of the old
 * mouth, how untouched the rest of the picture is, and how well the dub reconstructs the real mouth.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readVideoFrames, type FfmpegTools } from '../../electron/engine/media/index.js';
import type { RgbaImage } from '../../electron/engine/media/rgba-image.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { ENVELOPE_SAMPLE_RATE_HZ, decodeMonoPcm, frameEnvelope } from '../../electron/engine/quality/audio-envelope.js';
import { laggedCorrelation, measureLipSync } from '../../electron/engine/quality/lip-sync.js';
import { measureVideo, seriesOf, type VideoMeasurement } from '../../electron/engine/quality/measure-video.js';
import { lumaOf, meanSsim } from '../../electron/engine/quality/ssim.js';
import type { Point3 } from '../../electron/engine/face/face-types.js';
import { runCli } from '../helpers/run-cli.js';
import { hasSharedMedia, media, OBAMA_VIDEO, openEngine } from './quality-support.js';

const GRID = media('video/grid_brbk7n.mpg');
const GRID_OTHER = media('video/grid_lbax4n.mpg');
const OBAMA = media(OBAMA_VIDEO);
const OBAMA_OTHER = media('video/obama_weekly_address_progress.mp4');

let tools: FfmpegTools;
let pool: SessionPool;
let dir: string;

beforeAll(async () => {
  ({ tools, pool } = await openEngine());
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-dub-quality-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await pool.release();
});

async function dub(face: string, audio: string, name: string, extra: string[] = []): Promise<string> {
  const out = join(dir, `${name}.mp4`);
  const result = await runCli(['render', '--face', face, '--consent', 'The person shown agreed (test fixture).', '--audio', audio, '--preset', 'source', '--keep-loudness', '-o', out, '--json', ...extra], { timeoutMs: 600_000 });
  expect(result.code, result.stderr).toBe(0);
  return out;
}

async function envelope(file: string, measured: VideoMeasurement): Promise<number[]> {
  return frameEnvelope(await decodeMonoPcm(tools, file), { sampleRateHz: ENVELOPE_SAMPLE_RATE_HZ, fps: measured.fps, frameCount: measured.frames.length });
}

const lipGapOf = (m: VideoMeasurement) => seriesOf(m.frames, (f) => f.lipGap);
/** The best correlation within ±2 frames of lag 0: how much a mouth follows a sound at all. */
const nearPeak = (lipGap: number[], env: number[], fps: number) => Math.max(...measureLipSync({ lipGap, envelope: env, fps }).correlations.filter((c) => Math.abs(c.lagFrames) <= 2).map((c) => c.correlation));

/** Mean SSIM of two clips' frames (at `maxSide`) with the lower face (from the source's landmarks) taken out of the comparison. */
async function ssimOutsideLowerFace(sourcePath: string, dubPath: string, sourceLandmarks: (Point3[] | null)[], maxSide: number): Promise<number> {
  const source = readVideoFrames(tools, sourcePath, { maxSide })[Symbol.asyncIterator]();
  const scores: number[] = [];
  let index = 0;
  for await (const frame of readVideoFrames(tools, dubPath, { maxSide })) {
    const next = await source.next();
    if (next.done) break;
    const landmarks = sourceLandmarks[index++];
    if (!landmarks) continue;
    const a = lumaOf(next.value);
    const b = lumaOf(frame);
    blankLowerFace(a, b, landmarks, next.value);
    scores.push(meanSsim(a, b));
  }
  await source.return?.(undefined);
  return scores.reduce((s, v) => s + v, 0) / scores.length;
}

/** Copies the source's pixels into the dub's plane inside the lower face (nose tip down to below the chin, cheek to cheek). */
function blankLowerFace(source: ReturnType<typeof lumaOf>, dubbed: ReturnType<typeof lumaOf>, landmarks: Point3[], image: RgbaImage): void {
  const eyes = Math.hypot(landmarks[263][0] - landmarks[33][0], landmarks[263][1] - landmarks[33][1]);
  const xs = [234, 454, 172, 397].map((i) => landmarks[i][0]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs) - 0.25 * eyes));
  const x1 = Math.min(image.width, Math.ceil(Math.max(...xs) + 0.25 * eyes));
  const y0 = Math.max(0, Math.floor(landmarks[1][1] - 0.2 * eyes));
  const y1 = Math.min(image.height, Math.ceil(landmarks[152][1] + 0.6 * eyes));
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) dubbed.data[y * image.width + x] = source.data[y * image.width + x];
}

describe.skipIf(!hasSharedMedia)('dubbing real footage, measured on the output', () => {
  it('GRID dubbed with another speaker: the mouth follows the new voice, not the old one, and the rest stays', async () => {
    const landmarks: (Point3[] | null)[] = [];
    const original = await measureVideo({ tools, pool }, GRID, { visitors: [(_, __, l) => void landmarks.push(l)] });
    const out = await dub(GRID, GRID_OTHER, 'grid-other');
    const dubbed = await measureVideo({ tools, pool }, out, { maxSide: 360 });
    expect(dubbed.frames.filter((f) => !f.detected)).toEqual([]);
    const newVoice = measureLipSync({ lipGap: lipGapOf(dubbed), envelope: await envelope(out, dubbed), fps: dubbed.fps });
    const real = measureLipSync({ lipGap: lipGapOf(original), envelope: await envelope(GRID, original), fps: original.fps });
    const oldVoiceOnDub = nearPeak(lipGapOf(dubbed), (await envelope(GRID, original)).slice(0, dubbed.frames.length), dubbed.fps);
    const unrelated = nearPeak(lipGapOf(original), (await envelope(GRID_OTHER, original)).slice(0, original.frames.length), original.fps);
    const ssim = await ssimOutsideLowerFace(GRID, out, landmarks, 360);
    console.info(
      `GRID brbk7n dubbed with lbax4n: new-voice peak ${newVoice.peakCorrelation.toFixed(2)} at lag ${newVoice.peakLagFrames} (real clip with its own sound: ${real.peakCorrelation.toFixed(2)} at ${real.peakLagFrames}); ` +
        `old voice on the dub ${oldVoiceOnDub.toFixed(2)} (unrelated sound on the real clip ${unrelated.toFixed(2)}); SSIM outside the lower face ${ssim.toFixed(4)}`,
    );
    expect(Math.abs(newVoice.peakLagFrames)).toBeLessThanOrEqual(1);
    expect(newVoice.peakCorrelation).toBeGreaterThan(0.5 * real.peakCorrelation);
    expect(oldVoiceOnDub).toBeLessThan(Math.max(0.3, unrelated + 0.15));
    expect(ssim).toBeGreaterThanOrEqual(0.97);
  }, 900_000);

  it('GRID dubbed with its own sound reconstructs its own mouth (inner-lip gap per frame correlates)', async () => {
    const original = await measureVideo({ tools, pool }, GRID);
    const out = await dub(GRID, GRID, 'grid-self');
    const dubbed = await measureVideo({ tools, pool }, out, { maxSide: 360 });
    const n = Math.min(original.frames.length, dubbed.frames.length);
    const correlation = laggedCorrelation(lipGapOf(dubbed).slice(0, n), lipGapOf(original).slice(0, n), 0);
    console.info(`GRID brbk7n dubbed with its own sound: inner-lip gap correlation with the original ${correlation.toFixed(2)} over ${n} frames`);
    expect(correlation).toBeGreaterThan(0.4);
  }, 900_000);

  it('Obama dubbed with another address: lip sync to the new voice within ±1 frame, the old mouth gone, the frame kept', async () => {
    const landmarks: (Point3[] | null)[] = [];
    const original = await measureVideo({ tools, pool }, OBAMA, { visitors: [(_, __, l) => void landmarks.push(l)] });
    const out = await dub(OBAMA, OBAMA_OTHER, 'obama-other');
    const dubbed = await measureVideo({ tools, pool }, out);
    const newVoice = measureLipSync({ lipGap: lipGapOf(dubbed), envelope: await envelope(out, dubbed), fps: dubbed.fps });
    const real = measureLipSync({ lipGap: lipGapOf(original), envelope: await envelope(OBAMA, original), fps: original.fps });
    const oldVoiceOnDub = nearPeak(lipGapOf(dubbed), (await envelope(OBAMA, original)).slice(0, dubbed.frames.length), dubbed.fps);
    const unrelated = nearPeak(lipGapOf(original), (await envelope(OBAMA_OTHER, original)).slice(0, original.frames.length), original.fps);
    const ssim = await ssimOutsideLowerFace(OBAMA, out, landmarks, 1280);
    console.info(
      `Obama dubbed with another address: new-voice peak ${newVoice.peakCorrelation.toFixed(2)} at lag ${newVoice.peakLagFrames} (real: ${real.peakCorrelation.toFixed(2)} at ${real.peakLagFrames}); ` +
        `old voice on the dub ${oldVoiceOnDub.toFixed(2)} (unrelated ${unrelated.toFixed(2)}); SSIM outside the lower face ${ssim.toFixed(4)}`,
    );
    expect(Math.abs(newVoice.peakLagFrames)).toBeLessThanOrEqual(1);
    expect(newVoice.peakCorrelation).toBeGreaterThan(0.5 * real.peakCorrelation);
    expect(oldVoiceOnDub).toBeLessThan(Math.max(0.3, unrelated + 0.15));
    expect(ssim).toBeGreaterThanOrEqual(0.97);
  }, 1_800_000);
});
