import type { PcmAudio } from './speech-types.js';

const HALF_TAPS = 16;

/**
 * Band-limited resampling (Hann-windowed sinc, 32 taps, cut-off at the lower Nyquist) for in-memory audio such
 * as TTS output at 22.05 kHz brought to the 16 kHz of analysis; files go through ffmpeg instead.
 */
export function resamplePcm(audio: PcmAudio, targetRate: number): PcmAudio {
  if (audio.sampleRate === targetRate) return audio;
  const { samples, sampleRate } = audio;
  const ratio = targetRate / sampleRate;
  const cutoff = Math.min(1, ratio);
  const outLength = Math.max(0, Math.round(samples.length * ratio));
  const out = new Float32Array(outLength);
  const width = HALF_TAPS / cutoff;
  for (let n = 0; n < outLength; n++) {
    const centre = n / ratio;
    const from = Math.max(0, Math.ceil(centre - width));
    const to = Math.min(samples.length - 1, Math.floor(centre + width));
    let sum = 0;
    let weights = 0;
    for (let k = from; k <= to; k++) {
      const x = k - centre;
      const w = cutoff * sinc(cutoff * x) * (0.5 + 0.5 * Math.cos((Math.PI * x) / width));
      sum += samples[k] * w;
      weights += w;
    }
    out[n] = weights > 0 ? sum / weights : 0;
  }
  return { sampleRate: targetRate, samples: out, durationSec: outLength / targetRate };
}

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
