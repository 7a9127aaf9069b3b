import { Fft, nextPowerOfTwo } from './fft.js';
import { LpcFormantEstimator } from './lpc-formants.js';
import { applyMelFilterbank, createMelFilterbank } from './mel-filterbank.js';
import type { PcmAudio } from './speech-types.js';

/**
 * Per-frame acoustic features of a clip, the common input of alignment and the audio-only estimator.
 * Frame i is CENTRED on `times[i] = i · hopSec` (the window reaches half a window before and after, zero-padded at
 * the ends), so a feature change at time t shows up at frame round(t / hopSec): nothing downstream lags the sound.
 * Matrices are row-major: frame i's mel band b is `logMel[i * melBands + b]`.
 */
export interface FrameFeatures {
  sampleRate: number;
  hopSec: number;
  winSec: number;
  frameCount: number;
  times: Float32Array;
  /** RMS level of the raw (not pre-emphasised) window in dBFS; -100 for digital silence. */
  energyDb: Float32Array;
  /** Zero crossings per sample, 0..1 (sibilants and fricatives are high, vowels low). */
  zcr: Float32Array;
  melBands: number;
  /** Natural log of the mel band energies of the pre-emphasised, Hann-windowed frame. */
  logMel: Float32Array;
  mfccCount: number;
  /** MFCC 0..12 (orthonormal DCT-II of logMel) with the clip's mean of each coefficient subtracted. */
  mfcc: Float32Array;
  /** Power-weighted mean frequency in Hz. */
  centroidHz: Float32Array;
  /** Mean positive change of logMel from the previous frame (onsets and bursts are high). */
  flux: Float32Array;
  /** Energy below LOW_BAND_HZ minus energy above HIGH_BAND_HZ, in dB (voiced vowels positive, /s/ negative). */
  lowHighRatioDb: Float32Array;
  /** First and second formant from LPC in Hz, 0 where none was found. */
  f1Hz: Float32Array;
  f2Hz: Float32Array;
}

export interface FrameFeatureOptions {
  hopSec?: number;
  winSec?: number;
  melBands?: number;
  mfccCount?: number;
  /** Estimate the formants (LPC, a third of the cost); f1Hz / f2Hz stay 0 when false. Default true. */
  formants?: boolean;
}

const LOW_BAND_HZ = 1000;
const HIGH_BAND_HZ = 3000;
const PRE_EMPHASIS = 0.97;
const SILENCE_DB = -100;
const LOG_FLOOR = 1e-10;

export function computeFrameFeatures(
  pcm: PcmAudio,
  { hopSec = 0.01, winSec = 0.025, melBands = 40, mfccCount = 13, formants: withFormants = true }: FrameFeatureOptions = {},
): FrameFeatures {
  const { samples, sampleRate } = pcm;
  const hop = Math.max(1, Math.round(hopSec * sampleRate));
  const win = Math.max(2, Math.round(winSec * sampleRate));
  const half = win >> 1;
  const fftSize = nextPowerOfTwo(win);
  const bins = fftSize / 2 + 1;
  const binHz = sampleRate / fftSize;
  const frameCount = Math.max(1, Math.ceil(samples.length / hop));

  const fft = new Fft(fftSize);
  const bank = createMelFilterbank({ bands: melBands, fftSize, sampleRate, minHz: 20, maxHz: sampleRate / 2 });
  const formants = new LpcFormantEstimator(Math.min(18, 2 + Math.round(sampleRate / 1000)), fft, sampleRate);
  const hann = new Float64Array(win);
  for (let n = 0; n < win; n++) hann[n] = 0.5 - 0.5 * Math.cos((2 * Math.PI * n) / (win - 1));
  const dct = createDctMatrix(melBands, mfccCount);
  const lowBins = Math.min(bins, Math.ceil(LOW_BAND_HZ / binHz));
  const highFrom = Math.min(bins, Math.floor(HIGH_BAND_HZ / binHz));

  const frame = new Float64Array(win);
  const power = new Float64Array(bins);
  const inverseEnvelope = new Float64Array(bins);
  const noPredictor = new Float64Array(0);
  const mel = new Float64Array(melBands);
  const formantOut = new Float64Array(2);

  const f: FrameFeatures = {
    sampleRate,
    hopSec: hop / sampleRate,
    winSec: win / sampleRate,
    frameCount,
    times: new Float32Array(frameCount),
    energyDb: new Float32Array(frameCount),
    zcr: new Float32Array(frameCount),
    melBands,
    logMel: new Float32Array(frameCount * melBands),
    mfccCount,
    mfcc: new Float32Array(frameCount * mfccCount),
    centroidHz: new Float32Array(frameCount),
    flux: new Float32Array(frameCount),
    lowHighRatioDb: new Float32Array(frameCount),
    f1Hz: new Float32Array(frameCount),
    f2Hz: new Float32Array(frameCount),
  };

  // The work of a frame is split into small functions: V8 optimises a function called thousands of times long
  // before it would swap one long loop body for optimised code, and the features run once per clip, cold.
  const windowed = new Float64Array(2);
  for (let i = 0; i < frameCount; i++) {
    windowFrame(samples, i * hop - half, hann, frame, windowed);
    f.times[i] = i * f.hopSec;
    const meanSq = windowed[0] / win;
    f.energyDb[i] = meanSq > 1e-10 ? 10 * Math.log10(meanSq) : SILENCE_DB;
    f.zcr[i] = windowed[1] / (win - 1);

    // One complex FFT gives both the frame's spectrum and the LPC inverse envelope.
    const predictor = withFormants ? formants.predictor(frame, win) : undefined;
    fft.powerSpectraOfTwo(frame, predictor ?? noPredictor, power, inverseEnvelope);
    spectralShape(power, binHz, lowBins, highFrom, i, f);
    applyMelFilterbank(bank, power, mel);
    cepstrum(mel, dct, i, f);

    if (predictor) formants.formantsFromInverseEnvelope(inverseEnvelope, formantOut);
    else formantOut.fill(0);
    f.f1Hz[i] = formantOut[0];
    f.f2Hz[i] = formantOut[1];
  }
  subtractColumnMeans(f.mfcc, frameCount, mfccCount);
  return f;
}

/**
 * Pre-emphasised, Hann-windowed samples `first`.. of the clip (zeros outside it) into `frame`; `out` gets the raw
 * window's sum of squares and zero crossings.
 */
function windowFrame(samples: Float32Array, first: number, hann: Float64Array, frame: Float64Array, out: Float64Array): void {
  const win = hann.length;
  let sumSq = 0;
  let crossings = 0;
  let previousSign = 0;
  let before = first - 1 >= 0 && first - 1 < samples.length ? samples[first - 1] : 0;
  for (let n = 0; n < win; n++) {
    const at = first + n;
    const x = at >= 0 && at < samples.length ? samples[at] : 0;
    sumSq += x * x;
    const sign = x > 0 ? 1 : x < 0 ? -1 : 0;
    if (sign !== 0) {
      if (previousSign !== 0 && sign !== previousSign) crossings++;
      previousSign = sign;
    }
    frame[n] = (x - PRE_EMPHASIS * before) * hann[n];
    before = x;
  }
  out[0] = sumSq;
  out[1] = crossings;
}

/** Spectral centroid and low/high balance of frame `frame` from its power spectrum. */
function spectralShape(power: Float64Array, binHz: number, lowBins: number, highFrom: number, frame: number, f: FrameFeatures): void {
  let total = 0;
  let weighted = 0;
  let low = 0;
  let high = 0;
  for (let k = 0; k < power.length; k++) {
    total += power[k];
    weighted += power[k] * k * binHz;
    if (k < lowBins) low += power[k];
    else if (k >= highFrom) high += power[k];
  }
  f.centroidHz[frame] = total > 0 ? weighted / total : 0;
  f.lowHighRatioDb[frame] = 10 * Math.log10((low + LOG_FLOOR) / (high + LOG_FLOOR));
}

/** Log mel energies, their flux from the previous frame and the MFCCs of frame `i`. */
function cepstrum(mel: Float64Array, dct: Float64Array, i: number, f: FrameFeatures): void {
  const { melBands, mfccCount, logMel } = f;
  const row = i * melBands;
  let flux = 0;
  for (let b = 0; b < melBands; b++) {
    const v = Math.log(mel[b] + LOG_FLOOR);
    logMel[row + b] = v;
    if (i > 0) flux += Math.max(0, v - logMel[row - melBands + b]);
  }
  f.flux[i] = flux / melBands;
  for (let c = 0; c < mfccCount; c++) {
    let sum = 0;
    const d = c * melBands;
    for (let b = 0; b < melBands; b++) sum += dct[d + b] * logMel[row + b];
    f.mfcc[i * mfccCount + c] = sum;
  }
}

/** Orthonormal DCT-II rows 0..count-1 over `size` inputs, row-major. */
function createDctMatrix(size: number, count: number): Float64Array {
  const m = new Float64Array(count * size);
  for (let c = 0; c < count; c++) {
    const scale = Math.sqrt((c === 0 ? 1 : 2) / size);
    for (let b = 0; b < size; b++) m[c * size + b] = scale * Math.cos((Math.PI * c * (b + 0.5)) / size);
  }
  return m;
}

function subtractColumnMeans(matrix: Float32Array, rows: number, cols: number): void {
  for (let c = 0; c < cols; c++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += matrix[r * cols + c];
    const mean = sum / rows;
    for (let r = 0; r < rows; r++) matrix[r * cols + c] -= mean;
  }
}
