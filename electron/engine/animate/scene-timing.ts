/** Who speaks when, across the scene: speaking envelopes, listening spans and shared silences. */
import { intervalMask, type Interval } from './speech-cues.js';

/** Parts of [0, durationSec] outside the (sorted, disjoint) intervals, each grown by `marginSec` first. */
export function complementIntervals(intervals: Interval[], durationSec: number, marginSec = 0): Interval[] {
  const out: Interval[] = [];
  let t = 0;
  for (const { start, end } of intervals) {
    const s = Math.max(0, start - marginSec);
    if (s > t) out.push({ start: t, end: s });
    t = Math.max(t, end + marginSec);
  }
  if (t < durationSec) out.push({ start: t, end: durationSec });
  return out;
}

/** Silences of the whole scene (nobody speaking) at least `minSec` long. */
export function sceneSilences(phrasesBySubject: Interval[][], durationSec: number, minSec: number): Interval[] {
  const all = phrasesBySubject.flat().sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const p of all) {
    const last = merged[merged.length - 1];
    if (last && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else merged.push({ ...p });
  }
  return complementIntervals(merged, durationSec).filter((gap) => gap.end - gap.start >= minSec);
}

/**
 * 0 while listening … 1 while speaking, eased in and out over about `smoothSec` with a zero-phase
 * (forward then backward) one-pole filter, so head motion livens slightly before a phrase and calms after it.
 */
export function speakingEnvelope(phrases: Interval[], fps: number, frameCount: number, smoothSec = 0.4): Float64Array {
  const mask = intervalMask(phrases, fps, frameCount);
  const out = new Float64Array(frameCount);
  const a = Math.exp(-1 / (smoothSec * fps));
  let state = 0;
  for (let f = 0; f < frameCount; f++) out[f] = state = a * state + (1 - a) * mask[f];
  state = out[frameCount - 1] ?? 0;
  for (let f = frameCount - 1; f >= 0; f--) out[f] = state = a * state + (1 - a) * out[f];
  return out;
}
