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
 * Aligns sequence A (n frames of `dims` values, row-major) with sequence B (m frames). `bandFrames` is the
 * half-width of the band in frames of A around the diagonal. Memory is m × (2·band + 1).
 */
export function dtwBanded(input: { a: Float32Array; b: Float32Array; dims: number; bandFrames: number; skips?: DtwSkips }): DtwResult {
  const { a, b, dims, skips } = input;
  const n = a.length / dims;
  const m = b.length / dims;
  if (n < 1 || m < 1 || !Number.isInteger(n) || !Number.isInteger(m)) throw new RangeError('dtwBanded: both sequences need whole frames');
  // The band must at least contain a monotone path: widen it to the slope's step.
  const band = Math.max(1, Math.ceil(input.bandFrames), Math.ceil(n / m) + 1);
  const width = 2 * band + 1;
  const centre = (j: number) => (m === 1 ? 0 : Math.round((j * (n - 1)) / (m - 1)));
  // Column j of the band holds rows centre(j) - band … centre(j) + band; `at` gives a row's place in it.
  const at = (i: number, j: number) => {
    const k = i - centre(j) + band;
    return k >= 0 && k < width ? k : -1;
  };
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
  // Cell (i, j) lives at j * width + at(i, j).
  const costCol = new Float64Array(m * width).fill(Infinity);
  const stepCol = new Uint8Array(m * width);
  for (let j = 0; j < m; j++) {
    const c = centre(j);
    for (let k = 0; k < width; k++) {
      const i = c - band + k;
      if (i < 0 || i >= n) continue;
      const d = local(i, j);
      if (i === 0 && j === 0) {
        costCol[k] = d;
        continue;
      }
      let best = Infinity;
      let how = STEP_DIAGONAL;
      if (i > 0 && j > 0) {
        const kk = at(i - 1, j - 1);
        if (kk >= 0) {
          const v = costCol[(j - 1) * width + kk] + 2 * d;
          if (v < best) {
            best = v;
            how = STEP_DIAGONAL;
          }
        }
      }
      if (i > 0 && k > 0) {
        const v = costCol[j * width + k - 1] + (skips?.a?.[i] && !skips.b?.[j] ? Math.min(d, skips.cost) : d);
        if (v < best) {
          best = v;
          how = STEP_A;
        }
      }
      if (j > 0) {
        const kk = at(i, j - 1);
        if (kk >= 0) {
          const v = costCol[(j - 1) * width + kk] + (skips?.b?.[j] && !skips.a?.[i] ? Math.min(d, skips.cost) : d);
          if (v < best) {
            best = v;
            how = STEP_B;
          }
        }
      }
      costCol[j * width + k] = best;
      stepCol[j * width + k] = how;
    }
  }
  const endK = at(n - 1, m - 1);
  const total = costCol[(m - 1) * width + endK];
  if (!Number.isFinite(total)) throw new Error('dtwBanded: no path inside the band');

  const pathA: number[] = [];
  const pathB: number[] = [];
  const costs: number[] = [];
  const skipped: number[] = [];
  let i = n - 1;
  let j = m - 1;
  for (;;) {
    pathA.push(i);
    pathB.push(j);
    costs.push(local(i, j));
    const how = i === 0 && j === 0 ? STEP_DIAGONAL : stepCol[j * width + at(i, j)];
    const oneSided = skips && !!skips.a?.[i] !== !!skips.b?.[j];
    skipped.push(oneSided && ((how === STEP_A && skips.a?.[i]) || (how === STEP_B && skips.b?.[j])) ? 1 : 0);
    if (i === 0 && j === 0) break;
    if (how !== STEP_B) i -= 1;
    if (how !== STEP_A) j -= 1;
  }
  pathA.reverse();
  pathB.reverse();
  costs.reverse();
  skipped.reverse();
  return {
    pathA: Int32Array.from(pathA),
    pathB: Int32Array.from(pathB),
    stepCost: Float32Array.from(costs),
    skipped: Uint8Array.from(skipped),
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
