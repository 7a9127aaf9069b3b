/**
 * Life: a talking face never freezes, blinks at a human rate, and moves its head without a beat.
 */
import type { Box } from '../face/face-types.js';
import { lumaAt } from '../media/rgba-image.js';
import type { FrameVisitor } from './measure-video.js';
import { median } from './lip-sync.js';

// ---------------------------------------------------------------- frozen frames

/** Side of the luma thumbnail of the face region that frames are compared by. */
const THUMB_PX = 64;
/**
 * Mean absolute luma difference (0..255) under which two thumbnails count as the same picture: a repeated
 * frame re-encoded by x264 differs by ~0.01. Held poses are above it: a render holding a b/p closure still
 * changes by 0.2–0.5 (subtle motion), a real talking head by 0.8 or more (Obama clip at 25 fps: median 3.2).
 * x264's first frames of a still photo wander by up to 0.41 while it refines the picture, so a still clip's
 * first second can read as moving.
 */
export const IDENTICAL_FRAME_DIFF = 0.15;

/** Area-averaged luma thumbnail of a region (clamped to the picture). */
export function regionThumbnail(frame: { width: number; height: number; data: Uint8Array }, box: Box): Float32Array {
  const thumb = new Float32Array(THUMB_PX * THUMB_PX);
  const x0 = Math.max(0, Math.floor(box[0]));
  const y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(frame.width, Math.ceil(box[0] + box[2]));
  const y1 = Math.min(frame.height, Math.ceil(box[1] + box[3]));
  const counts = new Float32Array(THUMB_PX * THUMB_PX);
  for (let y = y0; y < y1; y++) {
    const ty = Math.min(THUMB_PX - 1, Math.floor(((y - y0) / Math.max(1, y1 - y0)) * THUMB_PX));
    for (let x = x0; x < x1; x++) {
      const tx = Math.min(THUMB_PX - 1, Math.floor(((x - x0) / Math.max(1, x1 - x0)) * THUMB_PX));
      const i = (y * frame.width + x) * 4;
      thumb[ty * THUMB_PX + tx] += lumaAt(frame.data, i);
      counts[ty * THUMB_PX + tx] += 1;
    }
  }
  return thumb.map((v, i) => (counts[i] ? v / counts[i] : 0));
}

export function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

export interface FreezeSummary {
  /** Difference of each frame from the one before (first frame: Infinity). */
  frameDiffs: number[];
  /** Runs of two or more consecutive identical frames. */
  frozenRuns: number;
  longestFrozenRunFrames: number;
  /** Whole seconds (frames k·fps … (k+1)·fps − 1) in which the picture does not change. */
  frozenSeconds: number;
  /** Pairs of consecutive seconds whose frames are, frame for frame, the same picture (a loop or a stall). */
  identicalSecondPairs: number;
}

/**
 * Records a thumbnail of the face region (the first detected face box, grown by a quarter, kept fixed so
 * head motion counts as change) of every frame; `summary` compares them.
 */
export function createFreezeCheck(fps: number): { visit: FrameVisitor; summary(): FreezeSummary } {
  const thumbs: Float32Array[] = [];
  let region: Box | null = null;
  return {
    visit(frame, measure) {
      if (region === null && measure.box) {
        const [x, y, w, h] = measure.box;
        region = [x - w / 8, y - h / 8, w * 1.25, h * 1.25];
      }
      thumbs.push(regionThumbnail(frame, region ?? [0, 0, frame.width, frame.height]));
    },
    summary: () => summariseFreezes(thumbs, fps),
  };
}

export function summariseFreezes(thumbs: Float32Array[], fps: number): FreezeSummary {
  const frameDiffs = thumbs.map((t, i) => (i === 0 ? Infinity : meanAbsDiff(t, thumbs[i - 1])));
  const same = frameDiffs.map((d) => d < IDENTICAL_FRAME_DIFF);
  let frozenRuns = 0;
  let longest = 0;
  let run = 1;
  for (let i = 1; i <= same.length; i++) {
    if (i < same.length && same[i]) {
      run += 1;
      continue;
    }
    if (run >= 2) frozenRuns += 1;
    longest = Math.max(longest, run >= 2 ? run : 0);
    run = 1;
  }
  const perSecond = Math.max(1, Math.round(fps));
  const seconds = Math.floor(thumbs.length / perSecond);
  let frozenSeconds = 0;
  let identicalSecondPairs = 0;
  for (let s = 0; s < seconds; s++) {
    const from = s * perSecond;
    if (same.slice(from + 1, from + perSecond).every(Boolean)) frozenSeconds += 1;
    if (s + 1 < seconds) {
      let total = 0;
      for (let k = 0; k < perSecond; k++) total += meanAbsDiff(thumbs[from + k], thumbs[from + perSecond + k]);
      if (total / perSecond < IDENTICAL_FRAME_DIFF) identicalSecondPairs += 1;
    }
  }
  return { frameDiffs, frozenRuns, longestFrozenRunFrames: longest, frozenSeconds, identicalSecondPairs };
}

// ---------------------------------------------------------------- blinks

/** A blink starts when the eye opening falls under this share of its open level ... */
export const BLINK_ENTER_RATIO = 0.6;
/** ... and ends when it is back over this share (hysteresis: one blink, not a flutter of them). */
export const BLINK_EXIT_RATIO = 0.8;

export interface BlinkSummary {
  count: number;
  perMinute: number;
  /** Frame index where each blink began. */
  startFrames: number[];
  openLevel: number;
}

/** Counts dips of the eye-opening series below the open level (its median: eyes are open most of the time). */
export function countBlinks(aperture: number[], fps: number): BlinkSummary {
  const openLevel = median(aperture);
  const startFrames: number[] = [];
  let closed = false;
  aperture.forEach((value, i) => {
    if (!closed && value < BLINK_ENTER_RATIO * openLevel) {
      closed = true;
      startFrames.push(i);
    } else if (closed && value > BLINK_EXIT_RATIO * openLevel) {
      closed = false;
    }
  });
  const minutes = aperture.length / fps / 60;
  return { count: startFrames.length, perMinute: minutes > 0 ? startFrames.length / minutes : 0, startFrames, openLevel };
}

// ---------------------------------------------------------------- periodicity

/** Over this share of the motion power in one spectral peak, the head moves with a beat. */
export const DOMINANT_PEAK_SHARE = 0.25;

/** Cycles a peak must repeat within the clip to count as a period (one or two slow sways are not a beat). */
export const MIN_CYCLES = 3;

export interface PeriodicitySummary {
  /** Share of the (non-DC) power in the largest peak (its bin and the two beside it), 0..1. */
  peakShare: number;
  peakHz: number;
  periodic: boolean;
}

/**
 * How much of a motion series' power sits in its single largest spectral peak (Hann-windowed periodogram).
 * The spectrum is taken of the velocity (frame-to-frame change): natural head motion has power falling
 * steeply with frequency, so in a clip of a few seconds its slowest bins would win by chance; its velocity
 * spectrum is flat-ish, while a sine stays one line either way.
 */
export function measurePeriodicity(positions: number[], fps: number, minCycles = MIN_CYCLES): PeriodicitySummary {
  const series = positions.slice(1).map((v, i) => v - positions[i]);
  const n = series.length;
  if (n < 8) return { peakShare: 0, peakHz: 0, periodic: false };
  const detrended = removeLinearTrend(series);
  const windowed = detrended.map((v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (n - 1))));
  const power: number[] = [];
  for (let k = 1; k <= Math.floor(n / 2); k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < n; i++) {
      re += windowed[i] * Math.cos((2 * Math.PI * k * i) / n);
      im -= windowed[i] * Math.sin((2 * Math.PI * k * i) / n);
    }
    power.push(re * re + im * im);
  }
  const total = power.reduce((s, p) => s + p, 0);
  if (!(total > 0)) return { peakShare: 0, peakHz: 0, periodic: false };
  // power[i] is bin i + 1: that many cycles over the clip. A beat needs a few repeats before it is one.
  let peak = Math.min(power.length - 1, minCycles - 1);
  power.forEach((p, i) => {
    if (i >= minCycles - 1 && p > power[peak]) peak = i;
  });
  const peakPower = power[peak] + (power[peak - 1] ?? 0) + (power[peak + 1] ?? 0);
  const peakShare = peakPower / total;
  return { peakShare, peakHz: ((peak + 1) * fps) / n, periodic: peakShare > DOMINANT_PEAK_SHARE };
}

function removeLinearTrend(values: number[]): number[] {
  const n = values.length;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((v, i) => {
    sxy += (i - meanX) * (v - meanY);
    sxx += (i - meanX) ** 2;
  });
  const slope = sxx > 0 ? sxy / sxx : 0;
  return values.map((v, i) => v - meanY - slope * (i - meanX));
}
