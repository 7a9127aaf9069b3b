/**
 * Finds the mark in one (time-averaged) luma picture. The picture is whitened (its local mean removed and strong edges
 * clipped, so the photo's own shading weighs less than the faint mark) and, for each candidate cell size, averaged into
 * half-cell bins and cross-correlated by FFT with the key's lattice over every shift a crop of up to ~17 % could have
 * made. The score is the correlation peak in standard deviations of the correlations at all those shifts, best cell
 * size: what an unmarked picture reaches by chance is about 4–5; a marked one stands far above it.
 */
import { Fft2d } from './fft-2d.js';
import { CELLS_PER_SHORT_SIDE, createMarkLattice, sampleMark } from './watermark-pattern.js';

const BINS_PER_CELL = 2;
/** Cell sizes tried, relative to an uncropped output with the picture's short side. */
const MIN_RELATIVE_SCALE = 0.98;
const MAX_RELATIVE_SCALE = 1.21;
/** Steps of this ratio keep the misalignment across half a portrait picture (85 cells) near a fifth of a cell. */
const SCALE_STEP = 1.005;
/** Share of the original picture a crop may have removed on each axis (sets the shifts searched). */
const MAX_CROP = 0.17;
/** Cell sizes whose bins are also tried shifted by half a bin. */
const REFINED_SCALES = 3;
/** Scores at or above this count as the mark being there. */
export const MARK_FOUND_SCORE = 8;

export interface MarkSearchResult {
  /** Correlation peak in standard deviations of the correlation over all shifts searched, best cell size. */
  score: number;
  found: boolean;
  /** Cell size found, relative to an uncropped output with the picture's short side (1 = not cropped). */
  relativeScale: number;
}

export function searchWatermark(input: { luma: Float32Array; width: number; height: number; key: Uint8Array }): MarkSearchResult {
  const { width, height } = input;
  const baseCellPx = Math.min(width, height) / CELLS_PER_SHORT_SIDE;
  const residual = whiten(input.luma, width, height, Math.max(2, Math.round(baseCellPx)));
  const lattice = createMarkLattice(input.key);
  const cache = new Map<string, Fft2d>();
  const byScale: { scale: number; score: number }[] = [];
  for (let scale = MIN_RELATIVE_SCALE; scale <= MAX_RELATIVE_SCALE; scale *= SCALE_STEP) {
    byScale.push({ scale, score: scoreAtCellSize(residual, width, height, baseCellPx * scale, lattice, cache, 0, 0) });
  }
  // A crop rarely falls on a bin boundary: at the best few sizes, try the bins shifted by half a bin too.
  byScale.sort((a, b) => b.score - a.score);
  let best: MarkSearchResult = { score: byScale[0].score, found: false, relativeScale: byScale[0].scale };
  for (const { scale } of byScale.slice(0, REFINED_SCALES)) {
    for (const [halfX, halfY] of [[1, 0], [0, 1], [1, 1]]) {
      const score = scoreAtCellSize(residual, width, height, baseCellPx * scale, lattice, cache, halfX, halfY);
      if (score > best.score) best = { score, found: false, relativeScale: scale };
    }
  }
  best.found = best.score >= MARK_FOUND_SCORE;
  return { ...best, score: Math.round(best.score * 100) / 100, relativeScale: Math.round(best.relativeScale * 1000) / 1000 };
}

function scoreAtCellSize(residual: Float32Array, width: number, height: number, cellPx: number, lattice: Int8Array, cache: Map<string, Fft2d>, halfX: number, halfY: number): number {
  const binPx = cellPx / BINS_PER_CELL;
  const grid = binGrid(residual, width, height, binPx, (halfX * binPx) / 2, (halfY * binPx) / 2);
  grid.values = normaliseLocally(highPass(grid.values, grid.width, grid.height), grid.width, grid.height);
  // The original output around the picture: up to MAX_CROP more bins on each axis, the picture anywhere inside.
  const refWidth = Math.ceil(grid.width / (1 - MAX_CROP));
  const refHeight = Math.ceil(grid.height / (1 - MAX_CROP));
  const fft = new Fft2d(nextPowerOfTwo(refWidth), nextPowerOfTwo(refHeight));
  const reference = referenceSpectrum(lattice, fft.width, fft.height, cache);
  for (let y = 0; y < grid.height; y++) fft.re.set(grid.values.subarray(y * grid.width, (y + 1) * grid.width), y * fft.width);
  fft.transform(false);
  for (let k = 0; k < fft.re.length; k++) {
    // conj(G) · R: C(d) = Σ G[u] · R[u + d].
    const gr = fft.re[k];
    const gi = -fft.im[k];
    fft.re[k] = gr * reference.re[k] - gi * reference.im[k];
    fft.im[k] = gr * reference.im[k] + gi * reference.re[k];
  }
  fft.transform(true);
  let sum = 0;
  let sumSq = 0;
  let peak = -Infinity;
  let count = 0;
  for (let dy = 0; dy <= refHeight - grid.height; dy++) {
    for (let dx = 0; dx <= refWidth - grid.width; dx++) {
      const value = fft.re[dy * fft.width + dx];
      sum += value;
      sumSq += value * value;
      if (value > peak) peak = value;
      count += 1;
    }
  }
  const mean = sum / count;
  const std = Math.sqrt(Math.max(1e-30, sumSq / count - mean * mean));
  return (peak - mean) / std;
}

/**
 * Spectrum of the lattice sampled at bin centres over the whole FFT area: the valid shifts never reach past the
 * reference, so one spectrum per FFT size serves every cell size.
 */
function referenceSpectrum(lattice: Int8Array, width: number, height: number, cache: Map<string, Fft2d>): Fft2d {
  const cacheKey = `${width}x${height}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const reference = new Fft2d(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) reference.re[y * width + x] = sampleMark(lattice, (x + 0.5) / BINS_PER_CELL, (y + 0.5) / BINS_PER_CELL);
  }
  reference.transform(false);
  cache.set(cacheKey, reference);
  return reference;
}

/** The residual averaged over bins of `binPx` whose first starts `offsetX`, `offsetY` pixels in (zero mean). */
function binGrid(residual: Float32Array, width: number, height: number, binPx: number, offsetX: number, offsetY: number) {
  const gridWidth = Math.floor((width - offsetX) / binPx);
  const gridHeight = Math.floor((height - offsetY) / binPx);
  const values = new Float64Array(gridWidth * gridHeight);
  const counts = new Float64Array(gridWidth * gridHeight);
  const colBin = new Int32Array(width);
  for (let x = 0; x < width; x++) colBin[x] = Math.max(0, Math.min(gridWidth - 1, Math.floor((x + 0.5 - offsetX) / binPx)));
  for (let y = Math.ceil(offsetY); y < height; y++) {
    const row = Math.floor((y + 0.5 - offsetY) / binPx);
    if (row >= gridHeight) break;
    const base = row * gridWidth;
    const offset = y * width;
    for (let x = 0; x < width; x++) {
      values[base + colBin[x]] += residual[offset + x];
      counts[base + colBin[x]] += 1;
    }
  }
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    values[i] = counts[i] > 0 ? values[i] / counts[i] : 0;
    mean += values[i];
  }
  mean /= values.length || 1;
  for (let i = 0; i < values.length; i++) values[i] -= mean;
  return { width: gridWidth, height: gridHeight, values: values as Float64Array };
}

/** Each bin minus the mean of its 8 neighbours: the photo's shading is smooth at this scale, the mark is not. */
function highPass(values: Float64Array, width: number, height: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const around = values[i - width - 1] + values[i - width] + values[i - width + 1] + values[i - 1] + values[i + 1] + values[i + width - 1] + values[i + width] + values[i + width + 1];
      out[i] = values[i] - around / 8;
    }
  }
  return out;
}

/** Each bin divided by the RMS of its 5 × 5 neighbourhood, so busy texture and edges count no more than flat skin. */
function normaliseLocally(values: Float64Array, width: number, height: number): Float64Array {
  const squares = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) squares[i] = values[i] * values[i];
  const energy = boxBlur(squares, width, height, 2);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / Math.sqrt(energy[i] + 0.05);
  return out;
}

/** The picture minus its local mean (box of about two cells), clipped to ±3 mean absolute deviations. */
function whiten(luma: Float32Array, width: number, height: number, radius: number): Float32Array {
  const blurred = boxBlur(luma, width, height, radius);
  const out = new Float32Array(luma.length);
  let absSum = 0;
  for (let i = 0; i < luma.length; i++) {
    out[i] = luma[i] - blurred[i];
    absSum += Math.abs(out[i]);
  }
  const limit = (3 * absSum) / luma.length || 1;
  for (let i = 0; i < out.length; i++) out[i] = Math.max(-limit, Math.min(limit, out[i]));
  return out;
}

function boxBlur(src: Float32Array, width: number, height: number, radius: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  for (let y = 0; y < height; y++) blurLine(src, tmp, y * width, 1, width, radius);
  for (let x = 0; x < width; x++) blurLine(tmp, out, x, width, height, radius);
  return out;
}

/** Running-sum box blur of one row or column, the window shrinking at the ends. */
function blurLine(src: Float32Array, dst: Float32Array, start: number, stride: number, length: number, radius: number): void {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < Math.min(radius, length); i++) {
    sum += src[start + i * stride];
    count += 1;
  }
  for (let i = 0; i < length; i++) {
    const enter = i + radius;
    if (enter < length) {
      sum += src[start + enter * stride];
      count += 1;
    }
    const leave = i - radius - 1;
    if (leave >= 0) {
      sum -= src[start + leave * stride];
      count -= 1;
    }
    dst[start + i * stride] = sum / count;
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 2;
  while (p < n) p *= 2;
  return p;
}
