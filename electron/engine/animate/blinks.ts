/**
 * Blinks: a gamma renewal process in "blink time" (the integral of a context-dependent hazard), so intervals are
 * irregular, the long-run rate is the requested one, and blinks gather at pauses and avoid the middle of words.
 * Events are absolute times, so a long render has no drift; rendering is one pass over each event's frames.
 */
import type { Random } from './seeded-random.js';
import { intervalMask, type SpeechCues } from './speech-cues.js';

export interface BlinkEvent {
  startSec: number;
  closeSec: number;
  holdSec: number;
  openSec: number;
  /** Peak closure, just under or at 1. */
  depth: number;
  /** Positive: the right lid trails the left by this much; negative: the left trails. */
  interEyeLagSec: number;
}

/** No blink begins before this: the video opens on open eyes. */
export const BLINK_EARLIEST_START_SEC = 0.3;
/** Gamma shape of the intervals (coefficient of variation 1/√3 ≈ 0.58, like measured inter-blink intervals). */
const INTERVAL_SHAPE = 3;
const DOUBLE_BLINK_PROBABILITY = 0.07;
const MIN_GAP_BETWEEN_BLINKS_SEC = 0.2;

const HAZARD_IN_WORD = 0.25;
const HAZARD_BETWEEN_WORDS = 0.8;
const HAZARD_PAUSE = 2.2;
const HAZARD_PHRASE_END = 3;
const PHRASE_END_WINDOW_SEC = 0.6;
/**
 * Least hazard (relative to the clip's mean) inside one's own speech: pauses still draw blinks, but continuous speech
 * keeps about half the requested rate instead of a sixth (people blink while they talk, at 10–20 a minute).
 */
const HAZARD_SPEECH_FLOOR = 0.55;
/** A blink lasts about this long; no blink can start later than this before the end, so those frames do not count. */
const TYPICAL_BLINK_SEC = 0.3;
/**
 * The first blink starts inside this window, drawn by the hazard (a pause in it draws the blink): a renewal process
 * started at 0 waits a whole interval (about 4 s at 15 a minute, often more), so short clips had none.
 */
const FIRST_BLINK_WINDOW_SEC: [number, number] = [1.5, 3.5];

export function blinkDurationSec(e: BlinkEvent): number {
  return e.closeSec + e.holdSec + e.openSec + Math.abs(e.interEyeLagSec);
}

/**
 * Relative blink hazard per frame (mean 1 over the frames where a blink may start and still end before the last
 * frame): low inside words but never under HAZARD_SPEECH_FLOOR, high in pauses between one's own phrases and highest
 * just after a phrase ends; neutral while listening.
 */
export function blinkHazard(cues: SpeechCues, fps: number, frameCount: number): Float64Array {
  const hazard = new Float64Array(frameCount).fill(1);
  const inPhrase = intervalMask(cues.phrases, fps, frameCount);
  const inWord = intervalMask(cues.words, fps, frameCount);
  const first = cues.phrases[0];
  const last = cues.phrases[cues.phrases.length - 1];
  if (first && last) {
    for (let f = Math.max(0, Math.ceil(first.start * fps)); f < frameCount && f / fps < last.end; f++) {
      hazard[f] = inWord[f] ? HAZARD_IN_WORD : inPhrase[f] ? HAZARD_BETWEEN_WORDS : HAZARD_PAUSE;
    }
    for (const phrase of cues.phrases) {
      for (let f = Math.max(0, Math.ceil(phrase.end * fps)); f < frameCount && f / fps < phrase.end + PHRASE_END_WINDOW_SEC; f++) {
        if (!inPhrase[f]) hazard[f] = HAZARD_PHRASE_END;
      }
    }
  }
  const firstAllowed = Math.min(frameCount, Math.ceil(BLINK_EARLIEST_START_SEC * fps));
  hazard.fill(0, 0, firstAllowed);
  const lastStart = Math.max(firstAllowed + 1, Math.min(frameCount, Math.floor(frameCount - TYPICAL_BLINK_SEC * fps)));
  const raw = Float64Array.from(hazard);
  // Scale to mean 1 with the floor inside speech; the floor changes the mean, so settle the scale in a few rounds.
  let scale = 1;
  for (let round = 0; round < 60; round++) {
    let sum = 0;
    for (let f = firstAllowed; f < frameCount; f++) {
      hazard[f] = first && last && inPhrase[f] ? Math.max(raw[f] * scale, HAZARD_SPEECH_FLOOR) : raw[f] * scale;
      if (f < lastStart) sum += hazard[f];
    }
    const mean = sum / (lastStart - firstAllowed);
    if (!(mean > 0) || Math.abs(mean - 1) < 1e-9) break;
    scale /= mean;
  }
  return hazard;
}

function drawBlink(random: Random, startSec: number, quick: boolean): BlinkEvent {
  return {
    startSec,
    closeSec: quick ? random.uniform(0.07, 0.085) : random.uniform(0.08, 0.1),
    holdSec: quick ? random.uniform(0.015, 0.03) : random.uniform(0.02, 0.05),
    openSec: quick ? random.uniform(0.12, 0.15) : random.uniform(0.13, 0.18),
    depth: random.uniform(0.94, 1),
    interEyeLagSec: random.uniform(-0.012, 0.012),
  };
}

/** Moves a blink by at most half a frame so the middle of its hold lands on a frame: every blink shows a closed frame. */
function snapHoldToFrame(e: BlinkEvent, fps: number): BlinkEvent {
  const centre = e.startSec + e.closeSec + e.holdSec / 2;
  return { ...e, startSec: e.startSec + Math.round(centre * fps) / fps - centre };
}

export interface BlinkScheduleInput {
  random: Random;
  fps: number;
  frameCount: number;
  ratePerMinute: number;
  hazard: Float64Array;
}

export function scheduleBlinks({ random, fps, frameCount, ratePerMinute, hazard }: BlinkScheduleInput): BlinkEvent[] {
  const events: BlinkEvent[] = [];
  // Blinks must end before the last frame, so none is cut off by the end of the video.
  const lastEndSec = (frameCount - 1.5) / fps;
  const baseRatePerSec = ratePerMinute / 60 / (1 + DOUBLE_BLINK_PROBABILITY);
  if (baseRatePerSec <= 0) return events;
  const nextInterval = () => random.gamma(INTERVAL_SHAPE, 1 / INTERVAL_SHAPE);
  let blinkTime = 0;
  let target = firstBlinkTarget(random, hazard, fps, baseRatePerSec);
  let earliestSec = BLINK_EARLIEST_START_SEC;
  for (let f = 0; f < frameCount; f++) {
    const step = (hazard[f] * baseRatePerSec) / fps;
    if (blinkTime + step < target) {
      blinkTime += step;
      continue;
    }
    const crossingSec = (f + (target - blinkTime) / step) / fps;
    blinkTime += step;
    let blink = snapHoldToFrame(drawBlink(random, Math.max(crossingSec, earliestSec), false), fps);
    while (blink.startSec < earliestSec) blink = { ...blink, startSec: blink.startSec + 1 / fps };
    if (blink.startSec + blinkDurationSec(blink) > lastEndSec) break;
    events.push(blink);
    let endSec = blink.startSec + blinkDurationSec(blink);
    if (random.chance(DOUBLE_BLINK_PROBABILITY)) {
      const second = snapHoldToFrame(drawBlink(random, endSec + random.uniform(0.03, 0.09), true), fps);
      if (second.startSec >= endSec && second.startSec + blinkDurationSec(second) <= lastEndSec) {
        events.push(second);
        endSec = second.startSec + blinkDurationSec(second);
      }
    }
    earliestSec = endSec + MIN_GAP_BETWEEN_BLINKS_SEC;
    // The next interval counts from this blink, in blink time.
    target = blinkTime + nextInterval();
  }
  return events;
}

/** Blink time at which the first blink starts: uniform in blink time between the window's ends (by the hazard). */
function firstBlinkTarget(random: Random, hazard: Float64Array, fps: number, baseRatePerSec: number): number {
  const [fromFrame, toFrame] = FIRST_BLINK_WINDOW_SEC.map((t) => Math.min(hazard.length, Math.round(t * fps)));
  let before = 0;
  for (let f = 0; f < fromFrame; f++) before += hazard[f];
  let inside = 0;
  for (let f = fromFrame; f < toFrame; f++) inside += hazard[f];
  return ((before + random.next() * inside) * baseRatePerSec) / fps;
}

/** Lid closure at `t` seconds after the blink's start: eased closing, a hold, a slower eased opening. */
export function blinkClosure(e: BlinkEvent, t: number): number {
  if (t <= 0) return 0;
  if (t < e.closeSec) {
    const x = t / e.closeSec;
    return e.depth * x * x * (3 - 2 * x);
  }
  if (t <= e.closeSec + e.holdSec) return e.depth;
  const y = (t - e.closeSec - e.holdSec) / e.openSec;
  if (y >= 1) return 0;
  return e.depth * (1 - y) * (1 - y) * (1 + y);
}

export function renderBlinks(events: BlinkEvent[], fps: number, left: Float64Array, right: Float64Array): void {
  for (const e of events) {
    const leftDelay = Math.max(0, -e.interEyeLagSec);
    const rightDelay = Math.max(0, e.interEyeLagSec);
    const endSec = e.startSec + blinkDurationSec(e);
    for (let f = Math.max(0, Math.ceil(e.startSec * fps)); f < left.length && f / fps <= endSec; f++) {
      const t = f / fps - e.startSec;
      left[f] = Math.max(left[f], blinkClosure(e, t - leftDelay));
      right[f] = Math.max(right[f], blinkClosure(e, t - rightDelay));
    }
  }
}
