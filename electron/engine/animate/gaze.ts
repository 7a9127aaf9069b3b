/**
 * Gaze: fixations of 0.4–2.5 s joined by small quick saccades (≤ 0.08 eye width, 1–2 frames), staying near the
 * camera, with an occasional glance aside during a long pause. A list of absolute-time fixations, rendered per frame.
 */
import type { Random } from './seeded-random.js';
import type { Interval } from './speech-cues.js';

export interface Fixation {
  /** When the saccade towards this fixation starts. */
  startSec: number;
  saccadeSec: number;
  x: number;
  y: number;
}

const MAX_SACCADE_EYE_WIDTHS = 0.08;
/** Micro-fixations stay inside this radius around the camera. */
const HOME_RADIUS = 0.045;
const MIN_FIXATION_SEC = 0.4;
const MAX_FIXATION_SEC = 2.5;
/** Pauses at least this long may get a glance aside. */
export const LONG_PAUSE_SEC = 1.2;
/** In a very long silence, one chance of a glance per this many seconds. */
const GLANCE_OPPORTUNITY_SEC = 8;
const GLANCE_PROBABILITY = 0.5;

function fixationDurationSec(random: Random): number {
  // Log-normal around 0.9 s, clipped to the human range of conversational fixations.
  const sec = 0.9 * Math.exp(0.45 * random.normal());
  return Math.min(MAX_FIXATION_SEC, Math.max(MIN_FIXATION_SEC, sec));
}

function saccadeSec(random: Random, fps: number): number {
  return (random.chance(0.5) ? 1 : 2) / fps;
}

/** The next micro-fixation: a step of at most MAX_SACCADE_EYE_WIDTHS that keeps the eyes near home. */
function nextTarget(random: Random, x: number, y: number): [number, number] {
  for (let attempt = 0; attempt < 8; attempt++) {
    const angle = random.uniform(0, 2 * Math.PI);
    const length = random.uniform(0.01, MAX_SACCADE_EYE_WIDTHS);
    // Vertical gaze moves less than horizontal in conversation.
    const nx = x + length * Math.cos(angle);
    const ny = y + 0.6 * length * Math.sin(angle);
    if (Math.hypot(nx, ny) <= HOME_RADIUS) return [nx, ny];
  }
  // Could not wander further: step back towards home, still a small saccade.
  const back = Math.min(1, MAX_SACCADE_EYE_WIDTHS / Math.max(1e-9, Math.hypot(x, y)));
  return [x * (1 - back * 0.8), y * (1 - back * 0.8)];
}

interface Glance {
  startSec: number;
  holdSec: number;
  x: number;
  y: number;
}

function planGlances(random: Random, longPauses: Interval[]): Glance[] {
  const glances: Glance[] = [];
  for (const pause of longPauses) {
    const length = pause.end - pause.start;
    const opportunities = Math.max(1, Math.floor(length / GLANCE_OPPORTUNITY_SEC));
    const slot = length / opportunities;
    for (let i = 0; i < opportunities; i++) {
      if (!random.chance(GLANCE_PROBABILITY)) continue;
      const holdSec = random.uniform(0.5, 1.2);
      const room = slot - holdSec - 0.5;
      if (room <= 0) continue;
      const side = random.chance(0.5) ? 1 : -1;
      glances.push({
        startSec: pause.start + i * slot + 0.25 + random.uniform(0, room),
        holdSec,
        x: side * random.uniform(0.14, 0.24),
        y: random.uniform(-0.08, 0.05),
      });
    }
  }
  return glances;
}

export function scheduleGaze(random: Random, fps: number, durationSec: number, longPauses: Interval[]): Fixation[] {
  const glances = planGlances(random, longPauses);
  const fixations: Fixation[] = [{ startSec: 0, saccadeSec: 0, x: random.uniform(-0.02, 0.02), y: random.uniform(-0.01, 0.01) }];
  let t = fixationDurationSec(random);
  let glanceIndex = 0;
  // Saccades start on a frame, so a 1–2 frame saccade moves the eyes on exactly 1–2 frames.
  const onFrame = (sec: number) => Math.ceil(sec * fps - 1e-9) / fps;
  while (t < durationSec) {
    const current = fixations[fixations.length - 1];
    const glance = glances[glanceIndex];
    if (glance && glance.startSec <= t + MIN_FIXATION_SEC) {
      const start = onFrame(Math.max(t, glance.startSec));
      fixations.push({ startSec: start, saccadeSec: 2 / fps, x: glance.x, y: glance.y });
      const back = nextTarget(random, current.x * 0.5, current.y * 0.5);
      fixations.push({ startSec: onFrame(start + glance.holdSec), saccadeSec: 2 / fps, x: back[0], y: back[1] });
      t = start + glance.holdSec + fixationDurationSec(random);
      glanceIndex++;
      continue;
    }
    const [x, y] = nextTarget(random, current.x, current.y);
    fixations.push({ startSec: onFrame(t), saccadeSec: saccadeSec(random, fps), x, y });
    t += fixationDurationSec(random);
  }
  return fixations;
}

export function renderGaze(fixations: Fixation[], fps: number, gazeX: Float64Array, gazeY: Float64Array): void {
  let i = 0;
  for (let f = 0; f < gazeX.length; f++) {
    const t = f / fps;
    while (i + 1 < fixations.length && fixations[i + 1].startSec <= t) i++;
    const to = fixations[i];
    const from = fixations[Math.max(0, i - 1)];
    // Rounded so that frame-aligned saccades land exactly on their start and end values.
    const progress = to.saccadeSec > 0 ? Math.min(1, Math.round(((t - to.startSec) / to.saccadeSec) * 1e6) / 1e6) : 1;
    gazeX[f] = progress >= 1 ? to.x : from.x + (to.x - from.x) * progress;
    gazeY[f] = progress >= 1 ? to.y : from.y + (to.y - from.y) * progress;
  }
}
