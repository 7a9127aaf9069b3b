/** Triangular mel filters over the bins of a power spectrum (HTK mel scale), stored sparsely. */
export interface MelFilterbank {
  bands: number;
  /** First spectrum bin of each band. */
  start: Int32Array;
  /** Weights of each band, from its start bin on. */
  weights: Float32Array[];
}

export const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

export function createMelFilterbank({ bands, fftSize, sampleRate, minHz, maxHz }: { bands: number; fftSize: number; sampleRate: number; minHz: number; maxHz: number }): MelFilterbank {
  const binHz = sampleRate / fftSize;
  const lowMel = hzToMel(minHz);
  const highMel = hzToMel(Math.min(maxHz, sampleRate / 2));
  const edgesHz = Array.from({ length: bands + 2 }, (_, i) => melToHz(lowMel + ((highMel - lowMel) * i) / (bands + 1)));
  const start = new Int32Array(bands);
  const weights: Float32Array[] = [];
  for (let b = 0; b < bands; b++) {
    const [lo, mid, hi] = [edgesHz[b], edgesHz[b + 1], edgesHz[b + 2]];
    const first = Math.max(0, Math.ceil(lo / binHz));
    const last = Math.min(fftSize / 2, Math.floor(hi / binHz));
    const w = new Float32Array(Math.max(1, last - first + 1));
    for (let k = first; k <= last; k++) {
      const hz = k * binHz;
      w[k - first] = hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
    }
    // Narrow low bands can fall between bins: give them the nearest bin so no band is empty.
    if (last < first) w[0] = 1;
    start[b] = last < first ? Math.min(fftSize / 2, Math.round(mid / binHz)) : first;
    weights.push(w);
  }
  return { bands, start, weights };
}

export function applyMelFilterbank(bank: MelFilterbank, power: Float64Array, out: Float64Array): void {
  for (let b = 0; b < bank.bands; b++) {
    const w = bank.weights[b];
    const s = bank.start[b];
    let sum = 0;
    for (let i = 0; i < w.length; i++) sum += w[i] * power[s + i];
    out[b] = sum;
  }
}
