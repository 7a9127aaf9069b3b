/**
 * In-place iterative radix-2 FFT with precomputed twiddles and bit reversal, for the fixed frame sizes of
 * speech analysis. One instance per size; reusing it allocates nothing per call.
 */
export class Fft {
  readonly size: number;
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;
  readonly re: Float64Array;
  readonly im: Float64Array;

  constructor(size: number) {
    if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two ≥ 2 (got ${size})`);
    this.size = size;
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let k = 0; k < size / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / size);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / size);
    }
    const bits = Math.log2(size);
    this.reversed = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
  }

  /** Transforms `re`/`im` (the instance's own buffers) in place. */
  transform(): void {
    const { re, im, size, reversed, cos, sin } = this;
    for (let i = 0; i < size; i++) {
      const j = reversed[i];
      if (j > i) {
        let t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (let len = 2; len <= size; len <<= 1) {
      const half = len >> 1;
      const step = size / len;
      for (let start = 0; start < size; start += len) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * step];
          const wi = sin[k * step];
          const a = start + k;
          const b = a + half;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }

  /**
   * Power spectrum |X[k]|² of a real signal, k = 0..size/2, written into `out` (length ≥ size/2 + 1).
   * `input` shorter than the FFT size is zero-padded.
   */
  powerSpectrum(input: ArrayLike<number>, out: Float64Array | Float32Array): void {
    const { re, im, size } = this;
    const n = Math.min(input.length, size);
    for (let i = 0; i < n; i++) re[i] = input[i];
    re.fill(0, n);
    im.fill(0);
    this.transform();
    for (let k = 0; k <= size / 2; k++) out[k] = re[k] * re[k] + im[k] * im[k];
  }

  /**
   * Power spectra of two real signals with one complex transform (a in the real part, b in the imaginary
   * part, separated by conjugate symmetry): half the cost of two `powerSpectrum` calls.
   */
  powerSpectraOfTwo(a: ArrayLike<number>, b: ArrayLike<number>, outA: Float64Array | Float32Array, outB: Float64Array | Float32Array): void {
    const { re, im, size } = this;
    const na = Math.min(a.length, size);
    const nb = Math.min(b.length, size);
    for (let i = 0; i < na; i++) re[i] = a[i];
    re.fill(0, na);
    for (let i = 0; i < nb; i++) im[i] = b[i];
    im.fill(0, nb);
    this.transform();
    for (let k = 0; k <= size / 2; k++) {
      const j = (size - k) % size;
      // A[k] = (Z[k] + conj(Z[N-k])) / 2, B[k] = (Z[k] - conj(Z[N-k])) / 2i
      const ar = (re[k] + re[j]) / 2;
      const ai = (im[k] - im[j]) / 2;
      const br = (im[k] + im[j]) / 2;
      const bi = (re[j] - re[k]) / 2;
      outA[k] = ar * ar + ai * ai;
      outB[k] = br * br + bi * bi;
    }
  }
}

/** Smallest power of two ≥ n. */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}
