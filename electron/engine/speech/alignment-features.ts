import type { FrameFeatures } from './audio-features.js';
import { percentile } from './percentile.js';

/**
 * Which per-frame measurements the warping compares. `cepstral`: MFCC 1..12, the classic choice, but
 * it carries much of the speaker's voice. `broad`: loudness (weighted twice), zero crossings, low/high
 * band balance, spectral centroid and flux, and MFCC 1..4: the manner of articulation (silence, closure,
 * burst, fricative, vowel), which a synthetic voice and a person share far better than fine spectra.
 * `mixed`: both.
 */
export type AlignmentFeatureSet = 'cepstral' | 'broad' | 'mixed';

/** Frames this far below the clip's loud frames (95th percentile) count as silence. */
const SILENCE_BELOW_LOUD_DB = 40;

/**
 * The level below which a frame of this clip is silence. (Also counting frames near the clip's own noise
 * floor was tried: in a noisy recording it took stop closures for silence and made alignment worse.)
 */
export function silenceFloorDb(energyDb: Float32Array): number {
  return percentile(energyDb, 0.95) - SILENCE_BELOW_LOUD_DB;
}

type Extractor = (f: FrameFeatures, i: number, out: number[]) => void;

const cepstra = (from: number, to: number): Extractor => (f, i, out) => {
  for (let c = from; c <= to; c++) out.push(f.mfcc[i * f.mfccCount + c]);
};
const manner: Extractor = (f, i, out) => {
  out.push(f.energyDb[i], f.energyDb[i], f.zcr[i], f.lowHighRatioDb[i], f.centroidHz[i], f.flux[i]);
};
const EXTRACTORS: Record<AlignmentFeatureSet, Extractor[]> = {
  cepstral: [cepstra(1, 12)],
  broad: [manner, cepstra(1, 4)],
  mixed: [manner, cepstra(1, 12)],
};

/**
 * The frames [from, to) of a clip as DTW vectors: each measurement normalised to zero mean and unit
 * variance over those frames (so a different voice, channel or level does not dominate the distance),
 * followed by its delta (regression over ±2 frames), which marks where the sound changes.
 */
export function buildAlignmentVectors(features: FrameFeatures, from: number, to: number, set: AlignmentFeatureSet = 'broad'): { vectors: Float32Array; dims: number } {
  const count = Math.max(0, to - from);
  // Silence must look the same in both clips whatever fills it (digital zero, dither, room noise): frames
  // far below the clip's loud frames become one neutral "silence" vector at the floor level.
  const floorDb = silenceFloorDb(features.energyDb.subarray(from, to));
  const rows: number[][] = [];
  let silentRow: number[] | undefined;
  for (let i = from; i < to; i++) {
    if (features.energyDb[i] < floorDb) {
      silentRow ??= EXTRACTORS[set].flatMap((extract) => {
        const row: number[] = [];
        extract(features, i, row);
        return row.map(() => 0);
      });
      const row = [...silentRow];
      if (set !== 'cepstral') row[0] = row[1] = floorDb;
      rows.push(row);
      continue;
    }
    const row: number[] = [];
    for (const extract of EXTRACTORS[set]) extract(features, i, row);
    rows.push(row);
  }
  const base = rows[0]?.length ?? 0;
  const dims = base * 2;
  const out = new Float32Array(count * dims);
  for (let c = 0; c < base; c++) {
    let sum = 0;
    let sumSq = 0;
    for (const row of rows) {
      sum += row[c];
      sumSq += row[c] * row[c];
    }
    const mean = sum / Math.max(1, count);
    const sd = Math.sqrt(Math.max(1e-9, sumSq / Math.max(1, count) - mean * mean));
    for (let i = 0; i < count; i++) out[i * dims + c] = (rows[i][c] - mean) / sd;
  }
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < base; c++) {
      let num = 0;
      for (let k = 1; k <= 2; k++) num += k * (out[Math.min(count - 1, i + k) * dims + c] - out[Math.max(0, i - k) * dims + c]);
      out[i * dims + base + c] = num / 10;
    }
  }
  return { vectors: out, dims };
}

/** The frames of a row-major sequence in reverse order: a reference that says the same sounds, but not in this order. */
export function reverseFrames(vectors: Float32Array, dims: number): Float32Array {
  const n = vectors.length / dims;
  const out = new Float32Array(vectors.length);
  for (let i = 0; i < n; i++) out.set(vectors.subarray((n - 1 - i) * dims, (n - i) * dims), i * dims);
  return out;
}

/** Mean distance between frames of A and B paired at random: the scale of "no match" for these vectors. */
export function meanRandomPairDistance(a: Float32Array, b: Float32Array, dims: number, pairs = 2000): number {
  const n = a.length / dims;
  const m = b.length / dims;
  if (n === 0 || m === 0) return 1;
  let seed = 12345; // a fixed sequence keeps the figure reproducible
  const next = (limit: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % limit;
  };
  let total = 0;
  for (let p = 0; p < pairs; p++) {
    const i = next(n) * dims;
    const j = next(m) * dims;
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += (a[i + d] - b[j + d]) ** 2;
    total += Math.sqrt(sum);
  }
  return total / pairs;
}
