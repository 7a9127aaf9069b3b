/**
 * Seeded randomness for the performance. Every behaviour (blinks, gaze, head noise, …) draws from its own stream,
 * derived from the scene seed, the subject and a label, so adding draws to one behaviour never changes another.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  uniform(min: number, max: number): number;
  /** Standard normal (mean 0, sd 1). */
  normal(): number;
  /** Gamma with the given shape and scale (mean = shape · scale). */
  gamma(shape: number, scale: number): number;
  chance(probability: number): boolean;
}

/** FNV-1a over the parts' text, mixed to 32 bits: a stable seed for one named stream. */
export function deriveSeed(...parts: Array<string | number>): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join('\u0001')) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** mulberry32: 32-bit state, full period 2^32, plenty for a few hundred thousand draws per stream. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    // Box–Muller; 1 - next() keeps the logarithm's argument in (0, 1].
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const gamma = (shape: number, scale: number): number => {
    if (shape < 1) return gamma(shape + 1, scale) * Math.pow(1 - next(), 1 / shape);
    // Marsaglia–Tsang.
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = normal();
      const v = (1 + c * x) ** 3;
      if (v <= 0) continue;
      const u = 1 - next();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
    }
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    normal,
    gamma,
    chance: (probability) => next() < probability,
  };
}

/** The stream for one behaviour of one subject. */
export function randomFor(seed: number, subjectIndex: number, label: string): Random {
  return createRandom(deriveSeed(seed, subjectIndex, label));
}
