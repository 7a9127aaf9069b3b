/**
 * The measures the footage-dub quality tests judge a dub by, on the output video: lip sync to the new voice, what is
 * left of the old mouth (correlation with the original sound against unrelated sound), and SSIM outside the lower
 * face against the source frames.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { readVideoFrames, type FfmpegTools } from '../../electron/engine/media/index.js';
import type { RgbaImage } from '../../electron/engine/media/rgba-image.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { ENVELOPE_SAMPLE_RATE_HZ, decodeMonoPcm, frameEnvelope } from '../../electron/engine/quality/audio-envelope.js';
import { measureLipSync, unambiguousMaxLag, type LipSyncResult } from '../../electron/engine/quality/lip-sync.js';
import { measureVideo, seriesOf, type VideoMeasurement } from '../../electron/engine/quality/measure-video.js';
import { lumaOf, meanSsim } from '../../electron/engine/quality/ssim.js';
import type { Point3 } from '../../electron/engine/face/face-types.js';
import { runCli } from '../helpers/run-cli.js';
import { openEngine } from './quality-support.js';

export interface DubDeps {
  tools: FfmpegTools;
  pool: SessionPool;
  dir: string;
}

/** The engine and a temporary folder for one test file, opened before its tests and released after them. */
export function useDubEngine(tempPrefix: string): () => DubDeps {
  let deps: DubDeps | undefined;
  beforeAll(async () => {
    deps = { ...(await openEngine()), dir: mkdtempSync(join(tmpdir(), tempPrefix)) };
  });
  afterAll(async () => {
    if (!deps) return;
    rmSync(deps.dir, { recursive: true, force: true });
    await deps.pool.release();
  });
  return () => {
    if (!deps) throw new Error('the dub engine is opened before the tests');
    return deps;
  };
}

/** Dubs `face` through the CLI (preset source, loudness kept); `voice` is `['--audio', file]` or `['--say', text]`. */
export async function dubWithCli(deps: DubDeps, input: { face: string; voice: string[]; name: string; extra?: string[] }): Promise<string> {
  const out = join(deps.dir, `${input.name}.mp4`);
  const args = ['render', '--face', input.face, '--consent', 'The person shown agreed (test fixture).', ...input.voice, '--preset', 'source', '--keep-loudness', '-o', out, '--json', ...(input.extra ?? [])];
  const result = await runCli(args, { timeoutMs: 1_500_000 });
  expect(result.code, result.stderr).toBe(0);
  return out;
}

export async function envelopeOf(tools: FfmpegTools, file: string, measured: VideoMeasurement): Promise<number[]> {
  return frameEnvelope(await decodeMonoPcm(tools, file), { sampleRateHz: ENVELOPE_SAMPLE_RATE_HZ, fps: measured.fps, frameCount: measured.frames.length });
}

export const lipGapOf = (m: VideoMeasurement) => seriesOf(m.frames, (f) => f.lipGap);

/** The best correlation within ±2 frames of lag 0 over the frames both series cover: how much a mouth follows a sound at all. */
export function nearPeak(lipGap: number[], env: number[], fps: number): number {
  const n = Math.min(lipGap.length, env.length);
  return Math.max(...measureLipSync({ lipGap: lipGap.slice(0, n), envelope: env.slice(0, n), fps }).correlations.filter((c) => Math.abs(c.lagFrames) <= 2).map((c) => c.correlation));
}

/** Mean SSIM of two clips' frames (at `maxSide`) with the lower face (from the source's landmarks) taken out of the comparison. */
export async function ssimOutsideLowerFace(tools: FfmpegTools, sourcePath: string, dubPath: string, sourceLandmarks: (Point3[] | null)[], maxSide: number): Promise<number> {
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

export interface DubFigures {
  /** Lip sync of the dub to its own (new) sound. */
  newVoice: LipSyncResult;
  /** Lip sync of the source clip to its own sound: the reference. */
  real: LipSyncResult;
  /** How much the dub's mouth still follows the source's original sound. */
  oldVoiceOnDub: number;
  /** How much the source's mouth follows an unrelated recording: the floor for `oldVoiceOnDub`. */
  unrelated: number;
  /**
   * How much the new sound's envelope follows the old one's (within ±2 frames of lag 0). Where the new line is spoken
   * when the old one was (two GRID sentences swapped: 0.24), a mouth that follows the new voice follows the old one by
   * that much too, so it raises the floor for `oldVoiceOnDub`.
   */
  voicesAlike: number;
  ssim: number;
  undetectedFrames: number;
  dubFrames: number;
  summary: string;
}

/**
 * Dubs `face` with `voice` and measures the output. `unrelatedAudio` is a recording the source's speaker never
 * said (the floor for the old voice); `analysisMaxSide` the size both clips are analysed and compared at.
 */
export async function measureDub(
  deps: DubDeps,
  input: { label: string; face: string; voice: string[]; name: string; unrelatedAudio: string; analysisMaxSide: number; extra?: string[] },
): Promise<DubFigures> {
  const { tools, pool } = deps;
  const landmarks: (Point3[] | null)[] = [];
  const original = await measureVideo({ tools, pool }, input.face, { visitors: [(_, __, l) => void landmarks.push(l)] });
  const out = await dubWithCli(deps, input);
  const dubbed = await measureVideo({ tools, pool }, out, { maxSide: input.analysisMaxSide });
  // lags are searched within half a syllable of the voice's rhythm either side (see unambiguousMaxLag), both ways alike
  const syncOf = (lipGap: number[], envelope: number[], fps: number) => measureLipSync({ lipGap, envelope, fps, maxLagFrames: unambiguousMaxLag(envelope, fps) });
  const newEnvelope = await envelopeOf(tools, out, dubbed);
  const newVoice = syncOf(lipGapOf(dubbed), newEnvelope, dubbed.fps);
  const newVoiceWide = measureLipSync({ lipGap: lipGapOf(dubbed), envelope: newEnvelope, fps: dubbed.fps });
  const real = syncOf(lipGapOf(original), await envelopeOf(tools, input.face, original), original.fps);
  const oldVoiceOnDub = nearPeak(lipGapOf(dubbed), await envelopeOf(tools, input.face, original), dubbed.fps);
  const unrelated = nearPeak(lipGapOf(original), await envelopeOf(tools, input.unrelatedAudio, original), original.fps);
  const voicesAlike = nearPeak(await envelopeOf(tools, out, original), await envelopeOf(tools, input.face, original), original.fps);
  const ssim = await ssimOutsideLowerFace(tools, input.face, out, landmarks, input.analysisMaxSide);
  const undetectedFrames = dubbed.frames.filter((f) => !f.detected).length;
  const summary =
    `${input.label}: new-voice peak ${newVoice.peakCorrelation.toFixed(2)} at lag ${newVoice.peakLagFrames} within ±${newVoice.correlations.length >> 1} (±10: ${newVoiceWide.peakCorrelation.toFixed(2)} at ${newVoiceWide.peakLagFrames}; real clip with its own sound: ${real.peakCorrelation.toFixed(2)} at ${real.peakLagFrames}); ` +
    `old voice on the dub ${oldVoiceOnDub.toFixed(2)} (unrelated sound on the real clip ${unrelated.toFixed(2)}, new sound against old ${voicesAlike.toFixed(2)}); SSIM outside the lower face ${ssim.toFixed(4)}; ` +
    `${dubbed.frames.length} frames, face lost in ${undetectedFrames}`;
  console.info(summary);
  return { newVoice, real, oldVoiceOnDub, unrelated, voicesAlike, ssim, undetectedFrames, dubFrames: dubbed.frames.length, summary };
}

/**
 * The bar: lag within ±1 frame, peak at least half the real clip's, old voice down to unrelated (or to how much
 * the two sounds follow each other, when that is more), SSIM ≥ 0.97.
 */
export function expectGoodDub(figures: DubFigures): void {
  expect(figures.undetectedFrames).toBe(0);
  expect(Math.abs(figures.newVoice.peakLagFrames)).toBeLessThanOrEqual(1);
  expect(figures.newVoice.peakCorrelation).toBeGreaterThan(0.5 * figures.real.peakCorrelation);
  expect(figures.oldVoiceOnDub).toBeLessThan(Math.max(0.3, Math.max(figures.unrelated, figures.voicesAlike) + 0.15));
  expect(figures.ssim).toBeGreaterThanOrEqual(0.97);
}
