/**
 * Brow raises on emphasis: phrase-initial accents and loud accents lift the brows slightly before the syllable,
 * hold them 0.3–0.8 s and let them settle.
 */
import type { Random } from './seeded-random.js';
import type { Accent } from './speech-cues.js';

export interface BrowRaise {
  startSec: number;
  attackSec: number;
  holdSec: number;
  releaseSec: number;
  amount: number;
}

const LOUD_ACCENT = 0.7;

export function planBrowRaises(random: Random, accents: Accent[], expressiveness: number): BrowRaise[] {
  const raises: BrowRaise[] = [];
  let busyUntilSec = -Infinity;
  for (const accent of accents) {
    const emphasis = accent.phraseInitial ? 0.45 : accent.strength >= LOUD_ACCENT ? 0.3 : 0;
    if (emphasis === 0 || accent.timeSec < busyUntilSec) continue;
    if (!random.chance(Math.min(0.9, emphasis * expressiveness))) continue;
    const raise: BrowRaise = {
      startSec: accent.timeSec - random.uniform(0.08, 0.15),
      attackSec: random.uniform(0.1, 0.15),
      holdSec: random.uniform(0.3, 0.8),
      releaseSec: random.uniform(0.2, 0.3),
      amount: Math.min(1, (0.35 + 0.5 * accent.strength) * (0.5 + 0.5 * expressiveness)),
    };
    raises.push(raise);
    busyUntilSec = raise.startSec + raise.attackSec + raise.holdSec + raise.releaseSec + 0.5;
  }
  return raises;
}

function smoothstep(x: number): number {
  const c = Math.min(1, Math.max(0, x));
  return c * c * (3 - 2 * c);
}

export function renderBrowRaises(raises: BrowRaise[], fps: number, brow: Float64Array): void {
  for (const r of raises) {
    const holdEnd = r.startSec + r.attackSec + r.holdSec;
    const end = holdEnd + r.releaseSec;
    for (let f = Math.max(0, Math.ceil(r.startSec * fps)); f < brow.length && f / fps < end; f++) {
      const t = f / fps;
      const level = t < r.startSec + r.attackSec ? smoothstep((t - r.startSec) / r.attackSec) : t <= holdEnd ? 1 : 1 - smoothstep((t - holdEnd) / r.releaseSec);
      brow[f] = Math.max(brow[f], r.amount * level);
    }
  }
}
