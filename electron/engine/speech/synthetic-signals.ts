import type { PcmAudio } from './speech-types.js';

/** Small deterministic test signals (tests and benches only; no randomness across runs). */
export function pcmFrom(samples: Float32Array, sampleRate = 16000): PcmAudio {
  return { sampleRate, samples, durationSec: samples.length / sampleRate };
}

export function seededNoise(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) / 0xffffffff) * 2 - 1;
  };
}

/**
 * A vowel-like sound: a glottal pulse train at `pitchHz` through two-pole resonators at the given formants.
 * Writes `durationSec` of it into `out` from `startSec`, scaled to peak `amplitude`.
 */
export function writeVowel(out: Float32Array, { startSec, durationSec, formantsHz, pitchHz = 120, amplitude = 0.3, sampleRate = 16000 }: { startSec: number; durationSec: number; formantsHz: number[]; pitchHz?: number; amplitude?: number; sampleRate?: number }): void {
  const first = Math.round(startSec * sampleRate);
  const n = Math.round(durationSec * sampleRate);
  let signal: Float64Array = new Float64Array(n);
  const period = Math.round(sampleRate / pitchHz);
  for (let i = 0; i < n; i += period) signal[i] = 1;
  for (const hz of formantsHz) {
    const bandwidth = 80 + hz * 0.05;
    const r = Math.exp((-Math.PI * bandwidth) / sampleRate);
    const a1 = 2 * r * Math.cos((2 * Math.PI * hz) / sampleRate);
    const a2 = -r * r;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) y[i] = signal[i] + a1 * (i > 0 ? y[i - 1] : 0) + a2 * (i > 1 ? y[i - 2] : 0);
    signal = y;
  }
  let peak = 1e-9;
  for (const v of signal) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < n && first + i < out.length; i++) out[first + i] += (signal[i] / peak) * amplitude;
}

/** White noise, or tilted: `highPass` (first difference, hiss like /s/ or /t/) or `lowPass` (one-pole, a dull labial burst). */
export function writeNoise(out: Float32Array, { startSec, durationSec, amplitude, seed = 7, highPass = false, lowPass = false, sampleRate = 16000 }: { startSec: number; durationSec: number; amplitude: number; seed?: number; highPass?: boolean; lowPass?: boolean; sampleRate?: number }): void {
  const rand = seededNoise(seed);
  const first = Math.round(startSec * sampleRate);
  let previous = 0;
  let smooth = 0;
  for (let i = 0; i < Math.round(durationSec * sampleRate) && first + i < out.length; i++) {
    const v = rand();
    smooth = 0.9 * smooth + 0.1 * v;
    out[first + i] += (highPass ? (v - previous) / 2 : lowPass ? smooth * 3 : v) * amplitude;
    previous = v;
  }
}
