/**
 * Periodicity check for motion tracks: the share of the non-DC power held by the strongest periodogram bin.
 * A sum of a few sines puts most power in one or two bins; broad low-pass noise spreads it over dozens.
 */
import { Fft, nextPowerOfTwo } from '../speech/fft.js';

export interface SpectralPeak {
  /** Share (0..1) of the power above DC held by the strongest bin. */
  share: number;
  /** Period of that bin, seconds. */
  periodSec: number;
}

/** Up to this many samples the periodogram is the exact DFT at k/n; longer tracks use a zero-padded FFT. */
const EXACT_DFT_MAX_SAMPLES = 8192;

function exactPowers(x: Float64Array): Float64Array {
  const n = x.length;
  const powers = new Float64Array(Math.ceil(n / 2));
  for (let k = 1; k < n / 2; k++) {
    // Rotating phasor instead of n cos/sin calls per bin.
    const [stepRe, stepIm] = [Math.cos((-2 * Math.PI * k) / n), Math.sin((-2 * Math.PI * k) / n)];
    let [wr, wi, re, im] = [1, 0, 0, 0];
    for (let i = 0; i < n; i++) {
      re += x[i] * wr;
      im += x[i] * wi;
      [wr, wi] = [wr * stepRe - wi * stepIm, wr * stepIm + wi * stepRe];
    }
    powers[k] = re * re + im * im;
  }
  return powers;
}

function paddedFftPowers(x: Float64Array): Float64Array {
  const fft = new Fft(nextPowerOfTwo(x.length));
  const spectrum = new Float64Array(fft.size / 2 + 1);
  fft.powerSpectrum(x, spectrum);
  // Bins 0 .. size/2 - 1: spectralPeak reads the FFT size back as twice this length.
  return spectrum.subarray(0, fft.size / 2);
}

/**
 * Periodogram of the mean-removed track, strongest bin above DC. Returns share 0 for a constant track.
 */
export function spectralPeak(values: ArrayLike<number>, fps: number): SpectralPeak {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= Math.max(1, n);
  const x = Float64Array.from({ length: n }, (_, i) => values[i] - mean);
  const powers = n <= EXACT_DFT_MAX_SAMPLES ? exactPowers(x) : paddedFftPowers(x);
  // Bin k of `powers` has period (2 · powers.length or n) / k samples.
  const binsPerCycle = n <= EXACT_DFT_MAX_SAMPLES ? n : 2 * powers.length;
  let total = 0;
  let peak = 0;
  let peakBin = 0;
  for (let k = 1; k < powers.length; k++) {
    total += powers[k];
    if (powers[k] > peak) [peak, peakBin] = [powers[k], k];
  }
  return total > 0 ? { share: peak / total, periodSec: binsPerCycle / peakBin / fps } : { share: 0, periodSec: 0 };
}
