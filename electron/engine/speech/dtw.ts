/**
 * Dynamic time warping of two feature sequences inside a Sakoe–Chiba band around the straight line from
 * (0, 0) to (n-1, m-1). Steps (1,0), (0,1) cost the local distance once, the diagonal step twice
 * ("symmetric2"), so the total does not favour diagonal or detour paths and can be normalised by n + m.
 */

/**
 * Silence on one side only may be passed cheaply while the other side waits: a pause one speaker makes
 * and the other does not. Where both sides are silent the path pairs them at the normal price.
 */
export interface DtwSkips {
  /** Silent frames of A (e.g. the recording's pauses). */
  a?: Uint8Array;
  /** Silent frames of B (e.g. the reference's pauses). */
  b?: Uint8Array;
  cost: number;
}

export interface DtwResult {
  /** Frames of the first sequence along the path (non-decreasing, from 0 to n-1). */
  pathA: Int32Array;
  /** Frames of the second sequence along the path. */
  pathB: Int32Array;
  /** Local distance at each step of the path. */
  stepCost: Float32Array;
  /** 1 where the step was a cheap skip (see DtwSkips): its distance says nothing about the match. */
  skipped: Uint8Array;
  /** Accumulated cost divided by n + m. */
  normalizedCost: number;
}

const STEP_DIAGONAL = 0;
const STEP_A = 1; // advance in the first sequence only
const STEP_B = 2;

/**
 * Rows of A each column j of B may pair with: `lo[j]` … `hi[j]` inclusive. Both non-decreasing, with
 * lo[0] = 0 and hi[m-1] = n-1, and each column's rows reaching the previous column's (a connected corridor).
 */
export interface DtwWindow {
  lo: Int32Array;
  hi: Int32Array;
}

/**
 * Aligns sequence A (n frames of `dims` values, row-major) with sequence B (m frames). `bandFrames` is the
 * half-width of the band in frames of A around the diagonal, or around `centre` (for each frame of B, the
 * frame of A expected to match it; non-decreasing) when given. Memory is m × (2·band + 1).
 */
export function dtwBanded(input: { a: Float32Array; b: Float32Array; dims: number; bandFrames: number; skips?: DtwSkips; centre?: Float64Array }): DtwResult {
  const { n, m } = frameCounts(input.a, input.b, input.dims);
  return dtwInWindow(input, bandWindow(n, m, input.bandFrames, input.centre));
}

/** Beyond this many cells the banded pass is itself done coarse-to-fine (≈ 9 bytes a cell). */
const MAX_BANDED_CELLS = 2_000_000;

/**
 * The same warping in time and memory linear in the length (for long clips): the path is first found on
 * frames averaged `factor` at a time inside the diagonal band (coarse-to-fine again while that band is
 * still too large), then at full resolution only within `radius` frames of the coarse path.
 */
export function dtwCoarseToFine(input: {
  a: Float32Array;
  b: Float32Array;
  dims: number;
  bandFrames: number;
  skips?: DtwSkips;
  /** See dtwBanded. */
  centre?: Float64Array;
  factor: number;
  radius: number;
  /** Largest banded pass done directly (cells); MAX_BANDED_CELLS unless told. */
  maxBandedCells?: number;
}): DtwResult {
  const { a, b, dims, skips, factor } = input;
  const { n, m } = frameCounts(a, b, dims);
  if (factor < 2 || Math.min(n, m) < 8 * factor) return dtwBanded(input);
  const coarseSkips = skips && { a: skips.a && poolFlags(skips.a, factor), b: skips.b && poolFlags(skips.b, factor), cost: skips.cost };
  const centre = input.centre && Float64Array.from({ length: Math.ceil(m / factor) }, (_, g) => input.centre![g * factor] / factor);
  const pooled = { ...input, a: poolFrames(a, dims, factor), b: poolFrames(b, dims, factor), bandFrames: input.bandFrames / factor, skips: coarseSkips, centre };
  const coarseCells = (pooled.b.length / dims) * (2 * Math.ceil(pooled.bandFrames) + 1);
  const coarse = coarseCells > (input.maxBandedCells ?? MAX_BANDED_CELLS) ? dtwCoarseToFine(pooled) : dtwBanded(pooled);
  const lo = new Int32Array(m).fill(n);
  const hi = new Int32Array(m).fill(-1);
  for (let s = 0; s < coarse.pathA.length; s++) {
    const rowLo = coarse.pathA[s] * factor;
    const rowHi = Math.min(n - 1, rowLo + factor - 1);
    for (let j = coarse.pathB[s] * factor, end = Math.min(m, j + factor); j < end; j++) {
      if (rowLo < lo[j]) lo[j] = rowLo;
      if (rowHi > hi[j]) hi[j] = rowHi;
    }
  }
  // Widen by `radius` in both directions: rows directly, columns through a running min / max (both are monotone).
  const r = Math.max(1, Math.round(input.radius));
  const window: DtwWindow = { lo: new Int32Array(m), hi: new Int32Array(m) };
  for (let j = 0; j < m; j++) {
    window.lo[j] = Math.max(0, lo[Math.max(0, j - r)] - r);
    window.hi[j] = Math.min(n - 1, hi[Math.min(m - 1, j + r)] + r);
  }
  return dtwInWindow(input, window);
}

function frameCounts(a: Float32Array, b: Float32Array, dims: number): { n: number; m: number } {
  const n = a.length / dims;
  const m = b.length / dims;
  if (n < 1 || m < 1 || !Number.isInteger(n) || !Number.isInteger(m)) throw new RangeError('dtw: both sequences need whole frames');
  return { n, m };
}

function bandWindow(n: number, m: number, bandFrames: number, centreLine?: Float64Array): DtwWindow {
  // The band must at least contain a monotone path: widen it to the slope's step.
  const band = Math.max(1, Math.ceil(bandFrames), Math.ceil(n / m) + 1);
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  for (let j = 0; j < m; j++) {
    const diagonal = m === 1 ? 0 : Math.round((j * (n - 1)) / (m - 1));
    const centre = centreLine ? Math.round(centreLine[j]) : diagonal;
    lo[j] = Math.max(0, centre - band);
    hi[j] = Math.min(n - 1, centre + band);
    if (j === 0) continue;
    // Keep the corridor monotone and connected whatever the centre line does.
    lo[j] = Math.min(Math.max(lo[j], lo[j - 1]), hi[j - 1]);
    hi[j] = Math.max(hi[j], hi[j - 1]);
  }
  lo[0] = 0;
  hi[m - 1] = n - 1;
  return { lo, hi };
}

/** Means of `factor` consecutive frames (the last group may be shorter). */
function poolFrames(v: Float32Array, dims: number, factor: number): Float32Array {
  const n = v.length / dims;
  const count = Math.ceil(n / factor);
  const out = new Float32Array(count * dims);
  for (let g = 0; g < count; g++) {
    const from = g * factor;
    const to = Math.min(n, from + factor);
    for (let i = from; i < to; i++) for (let d = 0; d < dims; d++) out[g * dims + d] += v[i * dims + d];
    for (let d = 0; d < dims; d++) out[g * dims + d] /= to - from;
  }
  return out;
}

/** A pooled frame is flagged when most of its frames are. */
function poolFlags(flags: Uint8Array, factor: number): Uint8Array {
  const count = Math.ceil(flags.length / factor);
  const out = new Uint8Array(count);
  for (let g = 0; g < count; g++) {
    let on = 0;
    const to = Math.min(flags.length, (g + 1) * factor);
    for (let i = g * factor; i < to; i++) on += flags[i];
    out[g] = 2 * on > to - g * factor ? 1 : 0;
  }
  return out;
}

/** The warping itself, over the cells of `window`; memory is the window's size. */
function dtwInWindow(input: { a: Float32Array; b: Float32Array; dims: number; skips?: DtwSkips }, window: DtwWindow): DtwResult {
  const { a, b, dims, skips } = input;
  const { n, m } = frameCounts(a, b, dims);
  const { lo, hi } = window;
  const skipA = skips?.a;
  const skipB = skips?.b;
  const skipCost = skips?.cost ?? Infinity;
  // Column j's cells start at offset[j]; cell (i, j) is offset[j] + i - lo[j].
  const offset = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) offset[j + 1] = offset[j] + Math.max(0, hi[j] - lo[j] + 1);
  const cost = new Float64Array(offset[m]);
  const step = new Uint8Array(offset[m]);
  const local = (i: number, j: number) => {
    let sum = 0;
    const ai = i * dims;
    const bj = j * dims;
    for (let d = 0; d < dims; d++) {
      const diff = a[ai + d] - b[bj + d];
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  };
  for (let j = 0; j < m; j++) {
    const base = offset[j] - lo[j];
    const prevLo = j > 0 ? lo[j - 1] : 1;
    const prevHi = j > 0 ? hi[j - 1] : 0;
    const prevBase = j > 0 ? offset[j - 1] - prevLo : 0;
    const silentB = skipB ? skipB[j] === 1 : false;
    for (let i = lo[j]; i <= hi[j]; i++) {
      const d = local(i, j);
      if (i === 0 && j === 0) {
        cost[base] = d;
        continue;
      }
      const silentA = skipA ? skipA[i] === 1 : false;
      let best = Infinity;
      let how = STEP_DIAGONAL;
      if (i - 1 >= prevLo && i - 1 <= prevHi) {
        best = cost[prevBase + i - 1] + 2 * d;
      }
      if (i - 1 >= lo[j]) {
        const v = cost[base + i - 1] + (silentA && !silentB ? Math.min(d, skipCost) : d);
        if (v < best) {
          best = v;
          how = STEP_A;
        }
      }
      if (i >= prevLo && i <= prevHi) {
        const v = cost[prevBase + i] + (silentB && !silentA ? Math.min(d, skipCost) : d);
        if (v < best) {
          best = v;
          how = STEP_B;
        }
      }
      cost[base + i] = best;
      step[base + i] = how;
    }
  }
  const total = hi[m - 1] === n - 1 ? cost[offset[m] - 1] : Infinity;
  if (!Number.isFinite(total)) throw new Error('dtw: no path inside the band');

  const pathA = new Int32Array(n + m);
  const pathB = new Int32Array(n + m);
  const stepCost = new Float32Array(n + m);
  const skipped = new Uint8Array(n + m);
  let s = n + m;
  let i = n - 1;
  let j = m - 1;
  for (;;) {
    s -= 1;
    pathA[s] = i;
    pathB[s] = j;
    stepCost[s] = local(i, j);
    const how = i === 0 && j === 0 ? STEP_DIAGONAL : step[offset[j] + i - lo[j]];
    const oneSided = skips && !!skipA?.[i] !== !!skipB?.[j];
    skipped[s] = oneSided && ((how === STEP_A && skipA?.[i]) || (how === STEP_B && skipB?.[j])) ? 1 : 0;
    if (i === 0 && j === 0) break;
    if (how !== STEP_B) i -= 1;
    if (how !== STEP_A) j -= 1;
  }
  return {
    pathA: pathA.slice(s),
    pathB: pathB.slice(s),
    stepCost: stepCost.slice(s),
    skipped: skipped.slice(s),
    normalizedCost: total / (n + m),
  };
}

/**
 * For each frame of B, the first frame of A the path pairs with it: where B's frame begins in A. (The
 * mean would put a B frame that waits out a long stretch of A — a pause — in the middle of it.) Frames
 * of A marked in `waitA` (silence) are passed over when B's frame also pairs with later ones: a sound
 * that waited out a pause begins after it. Monotone non-decreasing.
 */
export function mapFramesBToA(result: DtwResult, framesB: number, waitA?: Uint8Array): Float64Array {
  const first = new Float64Array(framesB).fill(-1);
  const firstAwake = new Float64Array(framesB).fill(-1);
  for (let s = 0; s < result.pathB.length; s++) {
    const j = result.pathB[s];
    const i = result.pathA[s];
    if (first[j] < 0) first[j] = i;
    if (firstAwake[j] < 0 && !waitA?.[i]) firstAwake[j] = i;
  }
  const out = new Float64Array(framesB);
  for (let j = 0; j < framesB; j++) {
    const start = firstAwake[j] >= 0 ? firstAwake[j] : first[j];
    out[j] = start >= 0 ? start : j > 0 ? out[j - 1] : 0;
    if (j > 0 && out[j] < out[j - 1]) out[j] = out[j - 1];
  }
  return out;
}
