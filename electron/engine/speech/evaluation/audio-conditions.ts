import { runFfmpeg } from '../../media/ffmpeg-adapter.js';
import type { FfmpegTools } from '../../media/ffmpeg-tools.js';
import { seededNoise } from '../synthetic-signals.js';
import type { PcmAudio, TimedPhoneme } from '../speech-types.js';
import type { CorpusCondition } from './lip-sync-corpus.js';

const TELEPHONE_RATE_HZ = 8000;
/** Velvet-noise room: this many sparse ±1 taps per second, decaying to −60 dB at RT60. */
const VELVET_TAPS_PER_SEC = 2000;
/** Direct sound against the reverberant tail (the tail is this many dB under the direct path's energy). */
const REVERB_TAIL_DB = -3;

/**
 * The clip as the condition alters it, and the factor that maps the clip's times to the altered clip's
 * (tempo 0.92 stretches every time by 1/0.92). Pitch shift and telephone band go through ffmpeg (asetrate +
 * atempo; high-pass, low-pass, 8 kHz); noise and room are added here with fixed seeds, so a run is repeatable.
 */
export async function applyCondition(
  tools: FfmpegTools,
  audio: PcmAudio,
  condition: CorpusCondition,
  { seed = 1, signal }: { seed?: number; signal?: AbortSignal } = {},
): Promise<{ audio: PcmAudio; timeScale: number }> {
  const tempo = condition.tempo ?? 1;
  let out = audio;
  const filters = ffmpegFilters(condition, audio.sampleRate);
  if (filters.length) {
    const rate = condition.telephone ? TELEPHONE_RATE_HZ : audio.sampleRate;
    const pcmIn = ['-f', 'f32le', '-ar', String(audio.sampleRate), '-ac', '1'];
    const args = [...pcmIn, '-i', 'pipe:0', '-af', filters.join(','), '-f', 'f32le', '-ar', String(rate), '-ac', '1', 'pipe:1'];
    const bytes = new Uint8Array(audio.samples.buffer, audio.samples.byteOffset, audio.samples.byteLength);
    const { stdout } = await runFfmpeg({ tools, args, stdinData: bytes, collectStdout: true, signal });
    const samples = new Float32Array(stdout.buffer.slice(stdout.byteOffset, stdout.byteOffset + stdout.byteLength - (stdout.byteLength % 4)));
    out = { sampleRate: rate, samples, durationSec: samples.length / rate };
  }
  if (condition.reverbSec) out = addRoom(out, condition.reverbSec, seed);
  if (condition.noiseSnrDb !== undefined) out = addPinkNoise(out, condition.noiseSnrDb, seed);
  return { audio: out, timeScale: 1 / tempo };
}

function ffmpegFilters(condition: CorpusCondition, sampleRate: number): string[] {
  const filters: string[] = [];
  const shift = 2 ** ((condition.shiftSemitones ?? 0) / 12);
  const tempo = condition.tempo ?? 1;
  if (shift !== 1) filters.push(`asetrate=${Math.round(sampleRate * shift)}`, `aresample=${sampleRate}`);
  // asetrate made the clip 1/shift as long; atempo brings it to 1/tempo of the original.
  if (shift !== 1 || tempo !== 1) filters.push(`atempo=${(tempo / shift).toFixed(6)}`);
  if (condition.telephone) filters.push('highpass=f=300', 'highpass=f=300', 'lowpass=f=3400', 'lowpass=f=3400', `aresample=${TELEPHONE_RATE_HZ}`);
  return filters;
}

/** Phoneme times of the original clip carried onto the altered one. */
export function scaleTimes(phonemes: TimedPhoneme[], timeScale: number): TimedPhoneme[] {
  return phonemes.map((p) => ({ ...p, start: p.start * timeScale, end: p.end * timeScale }));
}

/** RMS of the samples louder than a tenth of the peak: the level of the speech, not of its pauses. */
export function activeRms(samples: Float32Array): number {
  let peak = 0;
  for (const v of samples) peak = Math.max(peak, Math.abs(v));
  let sum = 0;
  let n = 0;
  for (let i = 0; i + 160 <= samples.length; i += 160) {
    let s = 0;
    for (let j = i; j < i + 160; j++) s += samples[j] * samples[j];
    if (Math.sqrt(s / 160) > peak * 0.1) {
      sum += s;
      n += 160;
    }
  }
  return n ? Math.sqrt(sum / n) : 0;
}

/** Pink noise (Paul Kellet's filter over seeded white noise) at `snrDb` under the active speech level. */
export function addPinkNoise(audio: PcmAudio, snrDb: number, seed: number): PcmAudio {
  const random = seededNoise(seed);
  const noise = new Float32Array(audio.samples.length);
  let [b0, b1, b2] = [0, 0, 0];
  for (let i = 0; i < noise.length; i++) {
    const white = random(); // seededNoise is uniform in [-1, 1]
    b0 = 0.99765 * b0 + white * 0.099046;
    b1 = 0.963 * b1 + white * 0.2965164;
    b2 = 0.57 * b2 + white * 1.0526913;
    noise[i] = b0 + b1 + b2 + white * 0.1848;
  }
  let noiseSq = 0;
  for (const v of noise) noiseSq += v * v;
  const gain = activeRms(audio.samples) / Math.sqrt(noiseSq / noise.length + 1e-20) / 10 ** (snrDb / 20);
  const samples = new Float32Array(noise.length);
  for (let i = 0; i < samples.length; i++) samples[i] = audio.samples[i] + gain * noise[i];
  return { ...audio, samples };
}

/**
 * A room: the direct sound plus a velvet-noise tail (sparse random ±1 taps under an exponential decay reaching
 * −60 dB at `rt60Sec`), a cheap stand-in for a measured impulse response with the same decay.
 */
export function addRoom(audio: PcmAudio, rt60Sec: number, seed: number): PcmAudio {
  const random = seededNoise(seed + 101);
  const length = Math.round(rt60Sec * audio.sampleRate);
  const spacing = audio.sampleRate / VELVET_TAPS_PER_SEC;
  const taps: { at: number; gain: number }[] = [];
  for (let k = 1; k * spacing < length; k++) {
    const at = Math.round((k + random() / 2) * spacing);
    const decay = 10 ** ((-60 * at) / length / 20);
    taps.push({ at, gain: (random() < 0 ? -1 : 1) * decay });
  }
  const tailEnergy = taps.reduce((s, t) => s + t.gain * t.gain, 0);
  const norm = Math.sqrt(10 ** (REVERB_TAIL_DB / 10) / tailEnergy);
  const x = audio.samples;
  const out = new Float32Array(x.length);
  out.set(x);
  for (const t of taps) {
    const g = t.gain * norm;
    for (let i = t.at; i < x.length; i++) out[i] += g * x[i - t.at];
  }
  return { ...audio, samples: out };
}
