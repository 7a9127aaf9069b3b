import {
  CLOSURE_MAX_JAW,
  DOMINANCE_REACH_SEC,
  JAW_EFFORT,
  LIP_EFFORT,
  MOUTH_LEAD_SEC,
  STRESS_JAW_GAIN,
  VISEME_DOMINANCE,
  VISEME_TARGETS,
} from './articulation.js';
import { frameAt, videoFrameCount } from './frame-timing.js';
import { ARTICULATION_CHANNELS, type ArticulationCurves } from './speech-types.js';
import type { Viseme } from './visemes.js';

export interface ArticulationSegment {
  start: number;
  end: number;
  viseme: Viseme;
  /** Primary stress: the jaw opens a little wider on stressed vowels. */
  stressed?: boolean;
  /** 0..1 scale of the segment's jaw target (audio-only estimates pass measured openness here). */
  jawScale?: number;
}

export interface CurveOptions {
  fps: number;
  durationSec: number;
  /** Loudness per video frame 0..1 (see loudnessPerFrame); drives jaw and lip effort. Full effort when absent. */
  loudness?: number[];
}

/** Segments further than this from a frame do not influence it (dominance has fallen below e^-8). */
const MAX_REACH_SEC = 0.8;
/** Vocal effort is loudness over a syllable-long window, so a quiet consonant inside loud speech is not weakened. */
const EFFORT_WINDOW_SEC = 0.12;

/**
 * Articulation curves at the video frame rate from a viseme track, by Cohen–Massaro dominance blending:
 * each segment pulls every channel toward its target with a dominance that is α inside the segment and decays
 * exponentially before (anticipation) and after (carry-over) it; a frame's value is the dominance-weighted mean of
 * targets. Frame k shows the articulation of the instant k/fps + MOUTH_LEAD_SEC: the mouth leads its sound slightly, as
 * a speaker's does. Jaw and lips then scale by vocal effort (JALI-style split), and bilabial closures are enforced: at
 * every frame of a PP segment (at least its first, round(start·fps)), and from the lead earlier, lipPress = 1 and the
 * jaw is closed.
 */
export function computeArticulationCurves(segments: ArticulationSegment[], { fps, durationSec, loudness }: CurveOptions): ArticulationCurves {
  const frameCount = videoFrameCount(durationSec, fps);
  const curves = { fps, frameCount } as ArticulationCurves;
  for (const ch of ARTICULATION_CHANNELS) curves[ch] = new Array<number>(frameCount).fill(0);
  const sorted = [...segments].filter((s) => s.end > s.start || s.viseme === 'PP').sort((a, b) => a.start - b.start);
  const effort = loudness ? effortPerFrame(loudness, fps) : undefined;
  const channelCount = ARTICULATION_CHANNELS.length;
  // Per segment and channel, the target (jaw gain applied) and dominance, and per channel the reach, in flat arrays:
  // looking them up by channel name inside the frame loop was most of the curves' time. Same arithmetic, same values.
  const targets = new Float64Array(sorted.length * channelCount);
  const alphas = new Float64Array(sorted.length * channelCount);
  sorted.forEach((s, i) => {
    const jawGain = (s.jawScale ?? 1) * (s.stressed ? STRESS_JAW_GAIN : 1);
    ARTICULATION_CHANNELS.forEach((ch, c) => {
      targets[i * channelCount + c] = ch === 'jawOpen' ? VISEME_TARGETS[s.viseme][ch] * jawGain : VISEME_TARGETS[s.viseme][ch];
      alphas[i * channelCount + c] = VISEME_DOMINANCE[s.viseme][ch];
    });
  });
  const reachBefore = ARTICULATION_CHANNELS.map((ch) => DOMINANCE_REACH_SEC[ch].before);
  const reachAfter = ARTICULATION_CHANNELS.map((ch) => DOMINANCE_REACH_SEC[ch].after);
  const weighted = new Float64Array(channelCount);
  const total = new Float64Array(channelCount);
  let first = 0;
  for (let k = 0; k < frameCount; k++) {
    const t = k / fps + MOUTH_LEAD_SEC;
    while (first < sorted.length && sorted[first].end < t - MAX_REACH_SEC) first++;
    weighted.fill(0);
    total.fill(0);
    for (let i = first; i < sorted.length && sorted[i].start <= t + MAX_REACH_SEC; i++) {
      const s = sorted[i];
      const row = i * channelCount;
      for (let c = 0; c < channelCount; c++) {
        const d = t < s.start ? Math.exp(-(s.start - t) / reachBefore[c]) : t > s.end ? Math.exp(-(t - s.end) / reachAfter[c]) : 1;
        const w = alphas[row + c] * d;
        weighted[c] += w * targets[row + c];
        total[c] += w;
      }
    }
    for (let c = 0; c < channelCount; c++) {
      const ch = ARTICULATION_CHANNELS[c];
      let v = total[c] > 1e-12 ? weighted[c] / total[c] : 0;
      if (effort) {
        const e = effort[Math.min(k, effort.length - 1)] ?? 1;
        if (ch === 'jawOpen' || ch === 'teethShow' || ch === 'tongueShow') v *= lerp(JAW_EFFORT.atSilence, JAW_EFFORT.atFullVoice, e);
        else if (ch === 'lipRound' || ch === 'lipSpread' || ch === 'upperLipRaise') v *= lerp(LIP_EFFORT.atSilence, LIP_EFFORT.atFullVoice, e);
      }
      curves[ch][k] = clamp01(v);
    }
  }
  for (const s of sorted) if (s.viseme === 'PP') enforceClosure(curves, s, fps);
  return curves;
}

/** The frames a segment owns: from round(start·fps) up to the frame before round(end·fps), at least one. */
export function segmentFrames(start: number, end: number, fps: number, frameCount: number): [number, number] {
  const from = Math.min(frameCount - 1, Math.max(0, frameAt(start, fps)));
  const to = Math.min(frameCount - 1, Math.max(from, frameAt(end, fps) - 1));
  return [from, to];
}

function enforceClosure(curves: ArticulationCurves, s: ArticulationSegment, fps: number): void {
  const [first, to] = segmentFrames(s.start, s.end, fps, curves.frameCount);
  // The lips shut up to the lead before the phoneme (never more than a frame early) and stay shut to its end.
  const from = Math.max(0, Math.min(first, frameAt(s.start - MOUTH_LEAD_SEC, fps)));
  for (let k = from; k <= to; k++) {
    curves.lipPress[k] = 1;
    curves.jawOpen[k] = Math.min(curves.jawOpen[k], CLOSURE_MAX_JAW);
    curves.teethShow[k] = 0;
    curves.tongueShow[k] = 0;
    curves.lipSpread[k] = Math.min(curves.lipSpread[k], 0.2);
  }
}

function effortPerFrame(loudness: number[], fps: number): Float64Array {
  const half = Math.max(0, Math.round(EFFORT_WINDOW_SEC * fps));
  const out = new Float64Array(loudness.length);
  for (let k = 0; k < loudness.length; k++) {
    let m = 0;
    for (let j = Math.max(0, k - half); j <= Math.min(loudness.length - 1, k + half); j++) m = Math.max(m, loudness[j]);
    out[k] = m;
  }
  return out;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
