import type { FrameFeatures } from './audio-features.js';
import type { SpeakerNormalisation } from './speaker-normalisation.js';

/**
 * What a detected closure sounds like around its release, as numbers a place decision can weigh: the burst's
 * spectral balance and shape (labial bursts are diffuse and falling, velar ones compact in the middle, alveolar
 * ones hiss high) and the second formant on either side (the lips pull F2 down at both edges of a b/p/m, the tongue
 * does not), speaker- and channel-normalised.
 */
export const CLOSURE_EVIDENCE_NAMES = [
  'releaseRatioDb',
  'releaseRatio0Db',
  'burstMidDb',
  'burstHighDb',
  'burstTopDb',
  'f2BeforeKhz',
  'f2AfterKhz',
  'f2Missing',
  'durationSec',
  'depthDb',
  'releaseLevelDb',
  'nasal',
  'ratioShiftDb',
] as const;

const EDGE_FRAMES = 6;
const NEUTRAL_F2_KHZ = 1.5;

export function closureEvidence(
  f: FrameFeatures,
  { start, end, release, levelDb, norm, nasal, bands }: { start: number; end: number; release: number; levelDb: number; norm: SpeakerNormalisation; nasal: boolean; bands: BandEdges },
): number[] {
  const last = f.frameCount - 1;
  const r1 = Math.min(last, release + 2);
  let ratio = 0;
  for (let k = release; k <= r1; k++) ratio += f.lowHighRatioDb[k] / (r1 - release + 1);
  const shape = burstShape(f, release, bands);
  const before = edgeF2(f, Math.max(0, start - EDGE_FRAMES), start - 1, levelDb);
  const after = edgeF2(f, Math.min(last, release + 2), Math.min(last, release + 1 + EDGE_FRAMES), levelDb);
  let depth = Infinity;
  for (let k = start; k <= end; k++) depth = Math.min(depth, f.energyDb[k]);
  const f2 = (v: number) => (v > 0 ? (v * norm.f2Scale) / 1000 : NEUTRAL_F2_KHZ);
  return [
    ratio - norm.ratioShiftDb,
    f.lowHighRatioDb[release] - norm.ratioShiftDb,
    shape.mid,
    shape.high,
    shape.top,
    f2(before),
    f2(after),
    (before > 0 ? 0 : 1) + (after > 0 ? 0 : 1),
    (end - start + 1) * f.hopSec,
    levelDb - depth,
    f.energyDb[release] - levelDb,
    nasal ? 1 : 0,
    norm.ratioShiftDb,
  ];
}

/** Mel band ranges of the burst's shape: 1–2 kHz, 2–4 kHz, 4 kHz up, each against 0.3–1 kHz. */
export interface BandEdges {
  low: [number, number];
  mid: [number, number];
  high: [number, number];
  top: [number, number];
}

function burstShape(f: FrameFeatures, release: number, bands: BandEdges): { mid: number; high: number; top: number } {
  const mean = (k: number, [a, b]: [number, number]) => {
    if (b < a) return 0;
    let s = 0;
    for (let x = a; x <= b; x++) s += f.logMel[k * f.melBands + x];
    return s / (b - a + 1);
  };
  const k = Math.min(f.frameCount - 1, release + 1);
  const lowLevel = (mean(release, bands.low) + mean(k, bands.low)) / 2;
  const at = (range: [number, number]) => ((mean(release, range) + mean(k, range)) / 2 - lowLevel) * (10 / Math.LN10);
  return { mid: at(bands.mid), high: at(bands.high), top: at(bands.top) };
}

/** Median F2 of the voiced, loud frames in [from, to], 0 when there are none. */
function edgeF2(f: FrameFeatures, from: number, to: number, levelDb: number): number {
  const values: number[] = [];
  for (let k = from; k <= to; k++) if (f.f2Hz[k] > 0 && f.lowHighRatioDb[k] > 0 && f.energyDb[k] > levelDb - 25) values.push(f.f2Hz[k]);
  if (!values.length) return 0;
  values.sort((a, b) => a - b);
  return values[values.length >> 1];
}
