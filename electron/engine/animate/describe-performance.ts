/**
 * Figures of a generated performance measured on its frames alone (not on the generator's plans), for the quality
 * report, the CLI and the tests: blinks, head motion, nods, speaking time.
 */
import type { SubjectPerformance } from './performance-types.js';
import { spectralPeak } from './spectral-peak.js';

export interface PerformanceSummary {
  subjectIndex: number;
  durationSec: number;
  blinkCount: number;
  blinksPerMinute: number;
  /** Root mean square of each head angle, degrees. */
  headRmsDeg: { yaw: number; pitch: number; roll: number };
  /** Largest |yaw| / |pitch| / |roll| seen, degrees. */
  headMaxDeg: { yaw: number; pitch: number; roll: number };
  nodCount: number;
  /** Share of the yaw's power (above DC) in its strongest periodogram bin: near 1 means periodic motion. */
  yawPeakShare: number;
  /** Share of frames where the mouth moves (jaw or lip press above 0.05). */
  speakingShare: number;
}

const DEG = 180 / Math.PI;
const BLINK_CLOSED = 0.5;
const BLINK_REARM = 0.2;

/** Frames at which a lid closure rises through half-closed (each closure of a double blink counts). */
export function detectBlinkFrames(closure: ArrayLike<number>): number[] {
  const onsets: number[] = [];
  let armed = true;
  for (let f = 0; f < closure.length; f++) {
    if (armed && closure[f] >= BLINK_CLOSED) {
      onsets.push(f);
      armed = false;
    } else if (closure[f] <= BLINK_REARM) armed = true;
  }
  return onsets;
}

/** Minimum height of a nod above the slow head wander, degrees. */
const NOD_MIN_DEG = 0.9;
const NOD_BASELINE_SEC = 1;
const NOD_MIN_SPACING_SEC = 0.4;

/**
 * Nods found in a pitch track (radians, nod down +): peaks of pitch minus its 1-second centred moving average that
 * rise more than 0.9° above it, at least 0.4 s apart. Returns frame indices of the deepest points.
 */
export function detectNodFrames(pitch: ArrayLike<number>, fps: number): number[] {
  const n = pitch.length;
  const half = Math.max(1, Math.round((NOD_BASELINE_SEC * fps) / 2));
  const prefix = new Float64Array(n + 1);
  for (let f = 0; f < n; f++) prefix[f + 1] = prefix[f] + pitch[f];
  const detail = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    const lo = Math.max(0, f - half);
    const hi = Math.min(n, f + half + 1);
    detail[f] = (pitch[f] - (prefix[hi] - prefix[lo]) / (hi - lo)) * DEG;
  }
  const minGap = Math.round(NOD_MIN_SPACING_SEC * fps);
  const peaks: number[] = [];
  for (let f = 1; f < n - 1; f++) {
    if (detail[f] < NOD_MIN_DEG || detail[f] < detail[f - 1] || detail[f] < detail[f + 1]) continue;
    const last = peaks[peaks.length - 1];
    if (last !== undefined && f - last < minGap) {
      if (detail[f] > detail[last]) peaks[peaks.length - 1] = f;
      continue;
    }
    peaks.push(f);
  }
  return peaks;
}

function rmsAndMax(values: number[]): [number, number] {
  let sum = 0;
  let max = 0;
  for (const v of values) {
    sum += v * v;
    max = Math.max(max, Math.abs(v));
  }
  return [Math.sqrt(sum / Math.max(1, values.length)) * DEG, max * DEG];
}

export function describePerformance(perf: SubjectPerformance): PerformanceSummary {
  const { frames, fps } = perf;
  const durationSec = frames.length / fps;
  const lids = frames.map((p) => Math.max(p.blinkLeft, p.blinkRight));
  const blinkCount = detectBlinkFrames(lids).length;
  const [yawRms, yawMax] = rmsAndMax(frames.map((p) => p.yaw));
  const [pitchRms, pitchMax] = rmsAndMax(frames.map((p) => p.pitch));
  const [rollRms, rollMax] = rmsAndMax(frames.map((p) => p.roll));
  const speakingFrames = frames.filter((p) => p.jawOpen > 0.05 || p.lipPress > 0.05).length;
  const round = (v: number, digits = 2) => Number(v.toFixed(digits));
  return {
    subjectIndex: perf.subjectIndex,
    durationSec: round(durationSec, 3),
    blinkCount,
    blinksPerMinute: round(durationSec > 0 ? (blinkCount * 60) / durationSec : 0, 1),
    headRmsDeg: { yaw: round(yawRms), pitch: round(pitchRms), roll: round(rollRms) },
    headMaxDeg: { yaw: round(yawMax), pitch: round(pitchMax), roll: round(rollMax) },
    nodCount: detectNodFrames(
      frames.map((p) => p.pitch),
      fps,
    ).length,
    yawPeakShare: round(spectralPeak(frames.map((p) => p.yaw), fps).share, 3),
    speakingShare: round(frames.length ? speakingFrames / frames.length : 0, 3),
  };
}

/** One line for a terminal or a report. */
export function formatPerformanceSummary(s: PerformanceSummary): string {
  return (
    `subject ${s.subjectIndex}: ${s.durationSec.toFixed(1)} s, ${s.blinkCount} blinks (${s.blinksPerMinute}/min), ` +
    `head RMS yaw ${s.headRmsDeg.yaw}° pitch ${s.headRmsDeg.pitch}° roll ${s.headRmsDeg.roll}°, ${s.nodCount} nods, ` +
    `yaw spectral peak ${(s.yawPeakShare * 100).toFixed(0)}% of power, ` +
    `speaking ${(s.speakingShare * 100).toFixed(0)}% of frames`
  );
}
