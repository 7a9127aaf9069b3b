import type { PcmAudio } from './speech-types.js';

const HALF_TAPS = 16;
/** Kernel table resolution: taps per input sample (position error ≤ 1/1024 sample, far below audibility). */
const TABLE_STEPS = 512;

/**
 * Band-limited resampling (Hann-windowed sinc, 32 zero crossings, cut-off at the lower Nyquist) for in-memory
 * audio such as TTS output at 22.05 kHz brought to the 16 kHz of analysis; files go through ffmpeg instead.
 * The kernel is tabulated once per call, so the inner loop is multiply-adds only.
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
  for (let n = 0; n < outLength; n++) {
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
