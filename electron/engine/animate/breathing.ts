/**
 * Breathing: free cycles of 3–5 s (12–20 a minute, each one a little different) while not speaking; before each
 * phrase a quick inhale that peaks at the phrase onset, then a slow exhale through the phrase. Built as absolute-time
 * knots (value -1 exhaled … +1 inhaled) joined by smooth steps.
 */
import type { Random } from './seeded-random.js';
import type { Interval } from './speech-cues.js';

export interface BreathKnot {
  timeSec: number;
  value: number;
}

const MIN_CYCLE_SEC = 3;
const MAX_CYCLE_SEC = 5;
/** Inhale share of a free cycle. */
const INHALE_SHARE = 0.4;

export function planBreathing(random: Random, phrases: Interval[], durationSec: number): BreathKnot[] {
  const knots: BreathKnot[] = [{ timeSec: 0, value: random.uniform(-0.8, 0.2) }];
  let t = 0;
  const freeCyclesUntil = (untilSec: number) => {
    for (;;) {
      const cycle = random.uniform(MIN_CYCLE_SEC, MAX_CYCLE_SEC);
      if (t + cycle > untilSec) break;
      knots.push({ timeSec: t + cycle * INHALE_SHARE * random.uniform(0.85, 1.15), value: random.uniform(0.6, 1) });
      knots.push({ timeSec: t + cycle, value: random.uniform(-1, -0.6) });
      t += cycle;
    }
  };
  for (const phrase of phrases) {
    if (phrase.end <= t) continue;
    const inhaleSec = random.uniform(0.35, 0.6);
    const inhaleStart = Math.max(t, phrase.start - inhaleSec);
    freeCyclesUntil(inhaleStart);
    if (inhaleStart > t) knots.push({ timeSec: inhaleStart, value: random.uniform(-0.9, -0.5) });
    knots.push({ timeSec: Math.max(phrase.start, inhaleStart + 0.15), value: random.uniform(0.8, 1) });
    knots.push({ timeSec: Math.max(phrase.end, inhaleStart + 0.4), value: random.uniform(-1, -0.8) });
    t = knots[knots.length - 1].timeSec;
  }
  freeCyclesUntil(durationSec + MAX_CYCLE_SEC);
  return knots;
}

export function renderBreathing(knots: BreathKnot[], fps: number, breath: Float64Array): void {
  let k = 0;
  for (let f = 0; f < breath.length; f++) {
    const t = f / fps;
    while (k + 1 < knots.length && knots[k + 1].timeSec <= t) k++;
    const from = knots[k];
    const to = knots[k + 1];
    if (!to) {
      breath[f] = from.value;
      continue;
    }
    const x = (t - from.timeSec) / Math.max(1e-6, to.timeSec - from.timeSec);
    const s = x * x * (3 - 2 * x);
    breath[f] = from.value + (to.value - from.value) * s;
  }
}
