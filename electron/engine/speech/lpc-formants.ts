import type { Fft } from './fft.js';

/**
 * Formant estimates from linear prediction: autocorrelation + Levinson–Durbin, then the peaks of the LPC
 * envelope 1/|A(e^jω)|² sampled by an FFT. Cheaper and steadier than polynomial root finding at 100 frames/s,
 * and good enough to tell an open jaw (high F1) and spread vs rounded lips (high vs low F2).
 */
export class LpcFormantEstimator {
  private readonly autocorr: Float64Array;
  private readonly coeffs: Float64Array;
  private readonly previous: Float64Array;

  constructor(
    private readonly order: number,
    private readonly fft: Fft,
    private readonly sampleRate: number,
  ) {
    this.autocorr = new Float64Array(order + 1);
    this.coeffs = new Float64Array(order + 1);
    this.previous = new Float64Array(order + 1);
  }

  /**
   * Linear-prediction coefficients A(z) of a windowed, pre-emphasised frame (a[0] = 1), or null for a silent or
   * degenerate frame. The caller takes |A|² on the FFT grid (often together with the frame's own spectrum).
   */
  predictor(frame: Float64Array, length: number): Float64Array | null {
    const { order, autocorr: r, coeffs: a, previous: prev } = this;
    autocorrelate(frame, length, order, r);
    if (!(r[0] > 1e-9)) return null;
    r[0] *= 1 + 1e-6; // white-noise correction keeps the recursion stable on near-tonal frames
    a.fill(0);
    a[0] = 1;
    let error = r[0];
    for (let i = 1; i <= order; i++) {
      let acc = r[i];
      for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
      const k = -acc / error;
      prev.set(a);
      for (let j = 1; j < i; j++) a[j] = prev[j] + k * prev[i - j];
      a[i] = k;
      error *= 1 - k * k;
      if (!(error > 0)) return null;
    }
    return a;
  }

  /** F1, F2 from |A(e^jω)|² on the FFT grid (its minima are the envelope's peaks). */
  formantsFromInverseEnvelope(env: Float64Array, out: Float64Array): void {
    out[0] = 0;
    out[1] = 0;
    const binHz = this.sampleRate / this.fft.size;
    let found = 0;
    // The envelope is 1/|A|², so its peaks are the minima of |A|².
    for (let k = Math.max(1, Math.floor(200 / binHz)); k < env.length - 1 && found < 2; k++) {
      if (env[k] < env[k - 1] && env[k] <= env[k + 1]) {
        const hz = refinePeakHz(env, k) * binHz;
        if (found === 1 && hz - out[0] < 250) continue;
        out[found++] = hz;
      }
    }
  }
}

/**
 * r[lag] = Σ frame[n]·frame[n − lag] for lag 0..order, four lags per pass over the frame (each sample is read once
 * per four lags, not once per lag: this was the costliest loop of the frame features).
 */
export function autocorrelate(frame: Float64Array, length: number, order: number, r: Float64Array): void {
  let lag = 0;
  for (; lag + 3 <= order; lag += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let n = lag + 3; n < length; n++) {
      const x = frame[n];
      s0 += x * frame[n - lag];
      s1 += x * frame[n - lag - 1];
      s2 += x * frame[n - lag - 2];
      s3 += x * frame[n - lag - 3];
    }
    // The first samples of the shorter lags' sums, which the shared loop started too late for.
    for (let n = lag; n < Math.min(lag + 3, length); n++) s0 += frame[n] * frame[n - lag];
    for (let n = lag + 1; n < Math.min(lag + 3, length); n++) s1 += frame[n] * frame[n - lag - 1];
    for (let n = lag + 2; n < Math.min(lag + 3, length); n++) s2 += frame[n] * frame[n - lag - 2];
    r[lag] = s0;
    r[lag + 1] = s1;
    r[lag + 2] = s2;
    r[lag + 3] = s3;
  }
  for (; lag <= order; lag++) {
    let sum = 0;
    for (let n = lag; n < length; n++) sum += frame[n] * frame[n - lag];
    r[lag] = sum;
  }
}

/** Sub-bin position of a minimum by parabolic interpolation. */
function refinePeakHz(values: Float64Array, k: number): number {
  const l = values[k - 1];
  const c = values[k];
  const r = values[k + 1];
  const denom = l - 2 * c + r;
  return denom > 0 ? k + (0.5 * (l - r)) / denom : k;
}
