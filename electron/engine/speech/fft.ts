import FFT from 'fft.js';

/**
 * Power spectra of real frames for speech analysis, over fft.js (radix-4, precomputed tables). One instance per
 * size; reusing it allocates nothing per call. fft.js replaced a hand-written radix-2 transform: twice as fast
 * on the 512-point frames of the features.
 */
export class Fft {
  readonly size: number;
  private readonly fft: FFT;
  /** Interleaved complex input and output of fft.js (re, im, re, im, …). */
  private readonly input: Float64Array;
  private readonly output: Float64Array;
  private readonly realInput: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two ≥ 4 (got ${size})`);
    this.size = size;
    this.fft = new FFT(size);
    this.input = new Float64Array(2 * size);
    this.output = new Float64Array(2 * size);
    this.realInput = new Float64Array(size);
  }

  /**
   * Power spectrum |X[k]|² of a real signal, k = 0..size/2, written into `out` (length ≥ size/2 + 1).
   * `input` shorter than the FFT size is zero-padded.
   */
  powerSpectrum(input: ArrayLike<number>, out: Float64Array | Float32Array): void {
    this.powerSpectraOfTwo(input, [], out, null);
  }

  /**
   * Power spectra of two real signals with one complex transform (a in the real part, b in the imaginary
   * part, separated by conjugate symmetry): half the cost of two `powerSpectrum` calls.
   */
  powerSpectraOfTwo(a: ArrayLike<number>, b: ArrayLike<number>, outA: Float64Array | Float32Array, outB: Float64Array | Float32Array | null): void {
    const { input: z, output: y, size } = this;
    const na = Math.min(a.length, size);
    const nb = Math.min(b.length, size);
    if (nb === 0) {
      this.realPowerSpectrum(a, na, outA);
      outB?.fill(0, 0, size / 2 + 1);
      return;
    }
    for (let i = 0; i < size; i++) {
      z[2 * i] = i < na ? a[i] : 0;
      z[2 * i + 1] = i < nb ? b[i] : 0;
    }
    this.fft.transform(y, z);
    const half = size / 2;
    for (let k = 0; k <= half; k++) {
      const j = k === 0 ? 0 : size - k;
      const zr = y[2 * k];
      const zi = y[2 * k + 1];
      const wr = y[2 * j];
      const wi = y[2 * j + 1];
      // A[k] = (Z[k] + conj(Z[N-k])) / 2, B[k] = (Z[k] - conj(Z[N-k])) / 2i
      const ar = (zr + wr) / 2;
      const ai = (zi - wi) / 2;
      outA[k] = ar * ar + ai * ai;
      if (outB) {
        const br = (zi + wi) / 2;
        const bi = (wr - zr) / 2;
        outB[k] = br * br + bi * bi;
      }
    }
  }

  /** One real signal alone (no LPC envelope wanted): fft.js's real transform, about half a complex one. */
  private realPowerSpectrum(a: ArrayLike<number>, na: number, out: Float64Array | Float32Array): void {
    const { realInput: x, output: y, size } = this;
    for (let i = 0; i < size; i++) x[i] = i < na ? a[i] : 0;
    this.fft.realTransform(y, x);
    for (let k = 0; k <= size / 2; k++) out[k] = y[2 * k] * y[2 * k] + y[2 * k + 1] * y[2 * k + 1];
  }
}

/** Smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
