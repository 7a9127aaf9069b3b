import { EngineError, InputError, throwIfAborted } from '../errors.js';
import { readStderrTail, startFfmpeg } from '../media/ffmpeg-adapter.js';
import { isTruncatedWav } from '../media/wav-truncation.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { probeMedia } from '../media/probe-media.js';
import { ANALYSIS_SAMPLE_RATE_HZ, buildDecodePcmArgs } from './decode-audio-args.js';
import type { PcmAudio } from './speech-types.js';
import { readAnalysisWav } from './wav-fast-path.js';

export interface StreamAudioPcmOptions {
  /** Length of each yielded chunk (the last one may be shorter); 10 s unless told. */
  chunkSec?: number;
  signal?: AbortSignal;
}

/** Below this peak (−60 dBFS) a recording holds nothing a listener would hear. */
export const SILENCE_PEAK_DBFS = -60;

/**
 * Streams the sound of any audio or video file as 16 kHz mono float chunks, with bounded memory: ffmpeg
 * is only read while the consumer asks for more, and breaking out of the loop stops it.
 * Throws InputError FILE_NOT_FOUND, UNREADABLE_MEDIA (not media, corrupt) or BAD_AUDIO (no sound track).
 */
export async function* streamAudioPcm(tools: FfmpegTools, filePath: string, options: StreamAudioPcmOptions = {}): AsyncGenerator<Float32Array> {
  const info = await probeMedia(tools, filePath, { signal: options.signal });
  if (!info.hasAudio) {
    const what = info.kind === 'image' ? 'is an image' : 'is a video without a sound track';
    throw new InputError('BAD_AUDIO', `${filePath}: ${what}; there is no sound to use.`, filePath);
  }
  if (info.formatName === 'wav' && (await isTruncatedWav(filePath))) {
    throw new InputError('UNREADABLE_MEDIA', `${filePath}: the recording is damaged (it ends early: the file was cut off while it was copied or downloaded); use a complete copy of it.`, filePath);
  }
  const chunkSec = options.chunkSec ?? 10;
  if (!(chunkSec > 0)) throw new InputError('BAD_ARGUMENT', `chunkSec must be positive, got ${chunkSec}`);
  const chunkSamples = Math.max(1, Math.round(chunkSec * ANALYSIS_SAMPLE_RATE_HZ));

  const proc = startFfmpeg({ tools, args: buildDecodePcmArgs({ inputPath: filePath }), signal: options.signal, stdout: 'stream' });
  const reader = createFloatChunker(chunkSamples);
  let finished = false;
  try {
    try {
      for await (const bytes of proc.stdout) {
        for (const chunk of reader.push(bytes as Buffer)) yield chunk;
      }
      await proc.completion;
    } catch (error) {
      await proc.completion.catch((verdict: unknown) => {
        throw toDecodeError(verdict, filePath);
      });
      throw toDecodeError(error, filePath);
    }
    const rest = reader.flush();
    if (rest.length > 0) yield rest;
    finished = true;
  } finally {
    if (!finished) proc.stop();
  }
}

/**
 * Decodes the sound of any audio or video file to 16 kHz mono float.
 * Throws InputError FILE_NOT_FOUND / UNREADABLE_MEDIA as `probeMedia` does, and BAD_AUDIO when the file
 * has no sound track, no samples at all, or only silence (peak below −60 dBFS).
 */
export function decodeAudio(tools: FfmpegTools, filePath: string, options: { signal?: AbortSignal } = {}): Promise<PcmAudio> {
  return decodeAudioWith(() => Promise.resolve(tools), filePath, options);
}

/**
 * `decodeAudio` that finds ffmpeg only when the file needs it: a 16 kHz mono WAV is read without it, so a caller
 * that has nothing else for ffmpeg to do spares the tools' start-up checks too.
 */
export async function decodeAudioWith(getTools: () => Promise<FfmpegTools>, filePath: string, options: { signal?: AbortSignal } = {}): Promise<PcmAudio> {
  throwIfAborted(options.signal);
  const direct = await readAnalysisWav(filePath);
  if (direct) {
    refuseSilence(direct.samples, peakOf(direct.samples), filePath);
    return direct;
  }
  const tools = await getTools();
  let samples = new Float32Array(ANALYSIS_SAMPLE_RATE_HZ * 30);
  let length = 0;
  let peak = 0;
  for await (const chunk of streamAudioPcm(tools, filePath, { chunkSec: 5, signal: options.signal })) {
    if (length + chunk.length > samples.length) {
      const grown = new Float32Array(Math.max(samples.length * 2, length + chunk.length));
      grown.set(samples.subarray(0, length));
      samples = grown;
    }
    samples.set(chunk, length);
    length += chunk.length;
    for (let i = 0; i < chunk.length; i++) {
      const magnitude = Math.abs(chunk[i]);
      if (magnitude > peak) peak = magnitude;
    }
  }
  refuseSilence(samples.subarray(0, length), peak, filePath);
  // Keep a tight copy: an hour of audio must not carry up to twice its size in slack.
  const exact = length === samples.length ? samples : samples.slice(0, length);
  return { sampleRate: ANALYSIS_SAMPLE_RATE_HZ, samples: exact, durationSec: length / ANALYSIS_SAMPLE_RATE_HZ };
}

function peakOf(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) peak = Math.max(peak, Math.abs(samples[i]));
  return peak;
}

function refuseSilence(samples: Float32Array, peak: number, filePath: string): void {
  if (samples.length === 0) throw new InputError('BAD_AUDIO', `${filePath}: the sound track is empty (zero length).`, filePath);
  const peakDbfs = peak > 0 ? 20 * Math.log10(peak) : -Infinity;
  if (peakDbfs < SILENCE_PEAK_DBFS) {
    const level = Number.isFinite(peakDbfs) ? `peak ${peakDbfs.toFixed(0)} dBFS` : 'every sample is zero';
    throw new InputError('BAD_AUDIO', `${filePath}: contains only silence (${level}).`, filePath);
  }
}

function toDecodeError(error: unknown, filePath: string): unknown {
  // The file probed fine, so a decoder failure is about its content (truncated, corrupt), not about us.
  if (error instanceof EngineError && error.code === 'FFMPEG_FAILED') {
    // ffmpeg's own words (demuxers, packets) mean nothing to the user; what they can do is find a whole copy.
    const endsEarly = readStderrTail(error).some((line) => /end of file|truncat|premature|partial file/i.test(line));
    return new InputError('UNREADABLE_MEDIA', `${filePath}: the sound cannot be decoded (the file is ${endsEarly ? 'incomplete' : 'damaged'}); use a complete copy of it.`, filePath);
  }
  return error;
}

/**
 * Turns a byte stream of little-endian float32 samples (split anywhere, even inside a sample) into
 * fixed-size Float32Array chunks. Every chunk is a fresh array the consumer may keep.
 */
export function createFloatChunker(chunkSamples: number): { push(bytes: Uint8Array): Float32Array[]; flush(): Float32Array } {
  let current = new Float32Array(chunkSamples);
  let fill = 0;
  const carry = new Uint8Array(4);
  let carryLength = 0;
  const view = new DataView(carry.buffer);
  const put = (value: number, out: Float32Array[]) => {
    current[fill++] = value;
    if (fill === chunkSamples) {
      out.push(current);
      current = new Float32Array(chunkSamples);
      fill = 0;
    }
  };
  return {
    push(bytes) {
      const out: Float32Array[] = [];
      let offset = 0;
      while (carryLength > 0 && carryLength < 4 && offset < bytes.length) carry[carryLength++] = bytes[offset++];
      if (carryLength === 4) {
        put(view.getFloat32(0, true), out);
        carryLength = 0;
      }
      const whole = Math.floor((bytes.length - offset) / 4);
      const data = new DataView(bytes.buffer, bytes.byteOffset + offset, whole * 4);
      for (let i = 0; i < whole; i++) put(data.getFloat32(i * 4, true), out);
      offset += whole * 4;
      while (offset < bytes.length) carry[carryLength++] = bytes[offset++];
      return out;
    },
    flush() {
      const rest = current.slice(0, fill);
      current = new Float32Array(chunkSamples);
      fill = 0;
      return rest;
    },
  };
}
