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
    for (let lag = 0; lag <= order; lag++) {
      let sum = 0;
      for (let n = lag; n < length; n++) sum += frame[n] * frame[n - lag];
      r[lag] = sum;
    }
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

/** Sub-bin position of a minimum by parabolic interpolation. */
function refinePeakHz(values: Float64Array, k: number): number {
  const l = values[k - 1];
  const c = values[k];
  const r = values[k + 1];
  const denom = l - 2 * c + r;
  return denom > 0 ? k + (0.5 * (l - r)) / denom : k;
}
