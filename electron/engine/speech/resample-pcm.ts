import type { PcmAudio } from './speech-types.js';

const HALF_TAPS = 16;
/** Kernel table resolution: taps per input sample (position error ≤ 1/1024 sample, far below audibility). */
const TABLE_STEPS = 512;

/**
 * Band-limited resampling (Hann-windowed sinc, 32 zero crossings, cut-off at the lower Nyquist) for in-memory
 * audio such as TTS output at 22.05 kHz brought to the 16 kHz of analysis; files go through ffmpeg instead.
 * The kernel is tabulated once per call, so the inner loop is multiply-adds only; between rates with a small
 * common period (22050 → 16000 Hz repeats every 320 outputs) each phase's normalised weights are computed once.
 */
export function resamplePcm(audio: PcmAudio, targetRate: number): PcmAudio {
  if (audio.sampleRate === targetRate) return audio;
  const { samples, sampleRate } = audio;
  const ratio = targetRate / sampleRate;
  const cutoff = Math.min(1, ratio);
  const outLength = Math.max(0, Math.round(samples.length * ratio));
  const out = new Float32Array(outLength);
  const width = HALF_TAPS / cutoff;
  const table = kernelTable(cutoff, width);
  const last = samples.length - 1;
  const phases = polyphaseWeights(sampleRate, targetRate, width, table);
  for (let n = 0; n < outLength; n++) {
    if (phases) {
      const phase = n % phases.period;
      const from = Math.floor(n / phases.period) * phases.step + phases.from[phase];
      const taps = phases.taps[phase];
      if (from >= 0 && from + taps - 1 <= last) {
        const w = phases.weights;
        const base = phase * phases.stride;
        let sum = 0;
        for (let k = 0; k < taps; k++) sum += samples[from + k] * w[base + k];
        out[n] = sum;
        continue;
      }
    }
    const centre = n / ratio;
    const from = Math.max(0, Math.ceil(centre - width));
    const to = Math.min(last, Math.floor(centre + width));
    let sum = 0;
    let weights = 0;
    let pos = (from - centre + width) * TABLE_STEPS;
    for (let k = from; k <= to; k++, pos += TABLE_STEPS) {
      const w = table[Math.round(pos)];
      sum += samples[k] * w;
      weights += w;
    }
    out[n] = weights > 0 ? sum / weights : 0;
  }
  return { sampleRate: targetRate, samples: out, durationSec: outLength / targetRate };
}

/**
 * For rates whose ratio repeats within MAX_PERIOD outputs: for each output phase, where its input window
 * starts (relative to the period's first input) and its weights divided by their sum, exactly as the direct
 * loop computes them for windows that lie inside the clip.
 */
function polyphaseWeights(fromRate: number, toRate: number, width: number, table: Float64Array) {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate)) return undefined;
  const g = gcd(fromRate, toRate);
  const period = toRate / g; // outputs per period
  const step = fromRate / g; // inputs per period
  if (period > MAX_PERIOD) return undefined;
  const stride = Math.ceil(2 * width) + 2;
  const weights = new Float64Array(period * stride);
  const from = new Int32Array(period);
  const taps = new Int32Array(period);
  for (let phase = 0; phase < period; phase++) {
    const centre = (phase * step) / period;
    const first = Math.ceil(centre - width);
    const count = Math.floor(centre + width) - first + 1;
    from[phase] = first;
    taps[phase] = count;
    let total = 0;
    let pos = (first - centre + width) * TABLE_STEPS;
    for (let k = 0; k < count; k++, pos += TABLE_STEPS) total += weights[phase * stride + k] = table[Math.round(pos)];
    for (let k = 0; k < count; k++) weights[phase * stride + k] /= total;
  }
  return { period, step, stride, weights, from, taps };
}

const MAX_PERIOD = 4096;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The windowed-sinc kernel sampled every 1/TABLE_STEPS input samples over [-width, width]. */
function kernelTable(cutoff: number, width: number): Float64Array {
  const size = Math.ceil(2 * width * TABLE_STEPS) + 2;
  const table = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const x = i / TABLE_STEPS - width;
    table[i] = Math.abs(x) > width ? 0 : cutoff * sinc(cutoff * x) * (0.5 + 0.5 * Math.cos((Math.PI * x) / width));
  }
  return table;
}

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
