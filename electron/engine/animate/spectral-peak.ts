/**
 * Periodicity check for motion tracks: the share of the non-DC power held by the strongest periodogram bin.
 * A sum of a few sines puts most power in one or two bins; broad low-pass noise spreads it over dozens.
 */

/** In-place iterative radix-2 FFT; length must be a power of two. */
function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const angle = (-2 * Math.PI) / size;
    const [wr, wi] = [Math.cos(angle), Math.sin(angle)];
    for (let start = 0; start < n; start += size) {
      let [cr, ci] = [1, 0];
      for (let k = 0; k < size / 2; k++) {
        const a = start + k;
        const b = a + size / 2;
        const tr = re[b] * cr - im[b] * ci;
        const ti = re[b] * ci + im[b] * cr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
        [cr, ci] = [cr * wr - ci * wi, cr * wi + ci * wr];
      }
    }
  }
}

export interface SpectralPeak {
  /** Share (0..1) of the power above DC held by the strongest bin. */
  share: number;
  /** Period of that bin, seconds. */
  periodSec: number;
}

/**
 * Periodogram of the mean-removed track (zero-padded to a power of two), strongest bin above DC.
 * Returns share 0 for a constant track.
 */
export function spectralPeak(values: ArrayLike<number>, fps: number): SpectralPeak {
  const n = values.length;
  let size = 1;
  while (size < n) size <<= 1;
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= Math.max(1, n);
  for (let i = 0; i < n; i++) re[i] = values[i] - mean;
  fft(re, im);
  let total = 0;
  let peak = 0;
  let peakBin = 0;
  for (let k = 1; k < size / 2; k++) {
    const power = re[k] * re[k] + im[k] * im[k];
    total += power;
    if (power > peak) [peak, peakBin] = [power, k];
  }
  return total > 0 ? { share: peak / total, periodSec: size / peakBin / fps } : { share: 0, periodSec: 0 };
}
