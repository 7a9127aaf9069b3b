/**
 * The reconstruction measure: a real clip's first frame rendered as a photo with the clip's own sound (and
 * transcript), compared frame by frame with the real clip. The inner-lip gap series of the render against the real
 * one says whether the mouth moves as the person's did; the SSIM of the mouth region says how much it looks like it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import type { Point2, Point3 } from '../../electron/engine/face/face-types.js';
import { LIPS_INNER } from '../../electron/engine/face/mesh-regions.js';
import { pointInPolygon } from '../../electron/engine/face/subject-masks.js';
import { probeMedia, runFfmpeg, type FfmpegTools, type VideoFrame } from '../../electron/engine/media/index.js';
import type { SessionPool } from '../../electron/engine/models/session-pool.js';
import { laggedCorrelation } from '../../electron/engine/quality/lip-sync.js';
import { measureVideo, seriesOf } from '../../electron/engine/quality/measure-video.js';
import { meanSsim, type LumaPlane } from '../../electron/engine/quality/ssim.js';
import { lumaAt } from '../../electron/engine/media/rgba-image.js';
import { runCli } from '../helpers/run-cli.js';

/** Clips longer than this are cut (the test has to stay cheap on a busy machine). */
export const CLIP_CAP_SEC = 4.3;
/** Both videos are measured at this size a side. */
const MEASURE_MAX_SIDE = 640;

export interface Reconstruction {
  name: string;
  frames: number;
  /** Inner-lip gap of render vs. real, lag 0, and the best within ±3 frames. */
  lipGapCorrelation: number;
  bestLagCorrelation: number;
  bestLagFrames: number;
  /** Mean SSIM of the mouth region (box from the real frame's landmarks). */
  mouthSsim: number;
  /** The same with the render's mouth cut out at its own landmarks and scaled to the real box (head motion aside). */
  alignedMouthSsim: number;
  /** Mean RGB distance of the teeth colour (teethColourOf) of render and real, over frames where both mouths are open. */
  teethColourDistance: number;
  transcript: boolean;
  renderPath: string;
}

export interface PreparedClip {
  name: string;
  /** The clip cut to CLIP_CAP_SEC (re-encoded, so frame counts are exact). */
  clipPath: string;
  framePath: string;
  fps: number;
  transcript: string | null;
}

export async function prepareClip(tools: FfmpegTools, clip: string, dir: string): Promise<PreparedClip> {
  const name = basename(clip).replace(/\.[^.]+$/, '');
  const info = await probeMedia(tools, clip);
  const fps = Math.round(info.fps ?? 25);
  const clipPath = join(dir, `${name}-real.mp4`);
  const framePath = join(dir, `${name}-frame.png`);
  const cut = (info.durationSec ?? 0) > CLIP_CAP_SEC;
  await runFfmpeg({ tools, args: ['-y', '-i', clip, '-t', String(CLIP_CAP_SEC), '-r', String(fps), '-c:v', 'libx264', '-crf', '14', '-preset', 'veryfast', '-c:a', 'aac', '-b:a', '160k', clipPath] });
  await runFfmpeg({ tools, args: ['-y', '-i', clipPath, '-frames:v', '1', framePath] });
  const textPath = clip.replace(/\.[^.]+$/, '.txt');
  // a cut clip says only part of its transcript: a wrong transcript misplaces phonemes worse than none
  const transcript = !cut && existsSync(textPath) ? readFileSync(textPath, 'utf8').trim() : null;
  return { name, clipPath, framePath, fps, transcript };
}

export async function renderReconstruction(prepared: PreparedClip, out: string, extra: string[] = []): Promise<void> {
  const text = prepared.transcript ? ['--text', prepared.transcript] : [];
  const args = ['render', '--face', prepared.framePath, '--audio', prepared.clipPath, ...text, '--consent', 'The person shown agreed (test fixture).', '--preset', 'source', '--fps', String(prepared.fps), '--keep-loudness', '-o', out, '--overwrite', '--json', ...extra];
  const result = await runCli(args, { timeoutMs: 900_000 });
  expect(result.code, result.stderr.slice(-2000)).toBe(0);
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The mouth and a margin: a box around the outer lips, half an eye distance wider and taller. */
function mouthBox(landmarks: Point3[], frame: VideoFrame): Box {
  const eyes = Math.hypot(landmarks[263][0] - landmarks[33][0], landmarks[263][1] - landmarks[33][1]);
  const cx = (landmarks[61][0] + landmarks[291][0]) / 2;
  const cy = (landmarks[13][1] + landmarks[14][1]) / 2;
  const halfW = 0.55 * eyes;
  const halfH = 0.35 * eyes;
  const x = Math.max(0, Math.round(cx - halfW));
  const y = Math.max(0, Math.round(cy - halfH));
  return { x, y, width: Math.min(frame.width - x, Math.round(2 * halfW)), height: Math.min(frame.height - y, Math.round(2 * halfH)) };
}

/** Luma of `box`, resampled (bilinear) to `size` when given. */
/** Inner-lip gap (over face height) above which a mouth counts as open enough to show its interior. */
const OPEN_LIP_GAP = 0.03;

/** Mean colour of the brightest quarter of the pixels inside the inner lips: the teeth where they show. */
export function teethColourOf(frame: VideoFrame, landmarks: Point3[]): [number, number, number] | null {
  const polygon: Point2[] = LIPS_INNER.map((i) => [landmarks[i][0], landmarks[i][1]]);
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const pixels: [number, number, number, number][] = [];
  for (let y = Math.floor(Math.min(...ys)); y <= Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.floor(Math.min(...xs)); x <= Math.ceil(Math.max(...xs)); x++) {
      if (x < 0 || y < 0 || x >= frame.width || y >= frame.height || !pointInPolygon([x, y], polygon)) continue;
      const o = (y * frame.width + x) * 4;
      pixels.push([lumaAt(frame.data, o), frame.data[o], frame.data[o + 1], frame.data[o + 2]]);
    }
  }
  if (pixels.length < 20) return null;
  pixels.sort((a, b) => b[0] - a[0]);
  const top = pixels.slice(0, Math.ceil(pixels.length / 4));
  return [1, 2, 3].map((c) => top.reduce((s, p) => s + p[c], 0) / top.length) as [number, number, number];
}

function cropLuma(frame: VideoFrame, box: Box, size: { width: number; height: number } = box): LumaPlane {
  const data = new Float32Array(size.width * size.height);
  const at = (x: number, y: number) => lumaAt(frame.data, (Math.min(frame.height - 1, Math.max(0, y)) * frame.width + Math.min(frame.width - 1, Math.max(0, x))) * 4);
  for (let row = 0; row < size.height; row++) {
    for (let col = 0; col < size.width; col++) {
      const fx = box.x + ((col + 0.5) * box.width) / size.width - 0.5;
      const fy = box.y + ((row + 0.5) * box.height) / size.height - 0.5;
      const x = Math.floor(fx);
      const y = Math.floor(fy);
      const tx = fx - x;
      const ty = fy - y;
      const top = at(x, y) * (1 - tx) + at(x + 1, y) * tx;
      const bottom = at(x, y + 1) * (1 - tx) + at(x + 1, y + 1) * tx;
      data[row * size.width + col] = top * (1 - ty) + bottom * ty;
    }
  }
  return { width: size.width, height: size.height, data };
}

/** Measures a render against the real clip it reconstructs. */
export async function compareWithReal(deps: { tools: FfmpegTools; pool: SessionPool }, prepared: PreparedClip, renderPath: string): Promise<Reconstruction> {
  const realMouths: ({ box: Box; luma: LumaPlane } | null)[] = [];
  const realTeeth: ([number, number, number] | null)[] = [];
  const real = await measureVideo(deps, prepared.clipPath, {
    maxSide: MEASURE_MAX_SIDE,
    visitors: [
      (frame, measure, landmarks) => {
        realTeeth.push(landmarks && (measure.lipGap ?? 0) >= OPEN_LIP_GAP ? teethColourOf(frame, landmarks) : null);
        const box = landmarks ? mouthBox(landmarks, frame) : null;
        realMouths.push(box ? { box, luma: cropLuma(frame, box) } : null);
      },
    ],
  });
  const scores: number[] = [];
  const aligned: number[] = [];
  const teethDistances: number[] = [];
  // the render may be larger than the clip (the source preset has a minimum size): measured at the clip's size
  const rendered = await measureVideo(deps, renderPath, {
    maxSide: Math.max(real.width, real.height),
    visitors: [
      (frame, measure, landmarks) => {
        const mouth = realMouths[frame.index];
        const realTooth = realTeeth[frame.index];
        const teeth = realTooth && landmarks && (measure.lipGap ?? 0) >= OPEN_LIP_GAP ? teethColourOf(frame, landmarks) : null;
        if (realTooth && teeth) teethDistances.push(Math.hypot(realTooth[0] - teeth[0], realTooth[1] - teeth[1], realTooth[2] - teeth[2]));
        expect(frame.width, 'render and clip compared at one size').toBe(real.width);
        if (!mouth) return;
        scores.push(meanSsim(mouth.luma, cropLuma(frame, mouth.box)));
        if (landmarks) aligned.push(meanSsim(mouth.luma, cropLuma(frame, mouthBox(landmarks, frame), mouth.box)));
      },
    ],
  });
  const n = Math.min(real.frames.length, rendered.frames.length);
  const a = seriesOf(rendered.frames, (f) => f.lipGap).slice(0, n);
  const b = seriesOf(real.frames, (f) => f.lipGap).slice(0, n);
  let bestLagFrames = 0;
  let bestLagCorrelation = -Infinity;
  for (let lag = -3; lag <= 3; lag++) {
    const c = laggedCorrelation(a, b, lag);
    if (c > bestLagCorrelation) [bestLagCorrelation, bestLagFrames] = [c, lag];
  }
  return {
    name: prepared.name,
    frames: n,
    lipGapCorrelation: laggedCorrelation(a, b, 0),
    bestLagCorrelation,
    bestLagFrames,
    mouthSsim: mean(scores),
    alignedMouthSsim: mean(aligned),
    teethColourDistance: mean(teethDistances),
    transcript: prepared.transcript !== null,
    renderPath,
  };
}

const mean = (values: number[]) => (values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0);

export function describeReconstruction(r: Reconstruction, label: string): string {
  return (
    `${r.name} ${label}: lip-gap correlation ${r.lipGapCorrelation.toFixed(2)} (best ${r.bestLagCorrelation.toFixed(2)} at lag ${r.bestLagFrames}), ` +
    `mouth SSIM ${r.mouthSsim.toFixed(3)} (aligned ${r.alignedMouthSsim.toFixed(3)}), teeth colour off the real by ${r.teethColourDistance.toFixed(1)} over ${r.frames} frames${r.transcript ? ', with transcript' : ''}`
  );
}
