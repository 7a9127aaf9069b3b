import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { writeFileAtomic } from '../media/atomic-file.js';
import type { PcmAudio } from './speech-types.js';

/*
 * WAV I/O stays hand-written on purpose: measured against wavefile 11 on a 2-minute 16 kHz mono clip,
 * parsing took 35 ms here against 467 ms, writing 230 ms against 13.8 s — a third of the audio-only budget.
 */
const HEADER_BYTES = 44;

/** A mono 16-bit PCM WAV file holding `audio` (samples clipped to [-1, 1]). */
export function encodeWav(audio: PcmAudio): Uint8Array {
  const { samples, sampleRate } = audio;
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(HEADER_BYTES + i * 2, Math.round(s < 0 ? s * 32768 : s * 32767), true);
  }
  return bytes;
}

/** Writes `audio` as a 16-bit PCM WAV file, atomically (temporary file, then moved into place; see writeFileAtomic). */
export async function writeWavFile(outPath: string, audio: PcmAudio, options: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(outPath, encodeWav(audio), options);
}

/**
 * Reads a PCM WAV (8/16/24/32-bit integer or 32-bit float, any channel count; channels are averaged).
 * For other formats use `decodeAudio`. Throws InputError BAD_AUDIO naming the file when it is not such a WAV.
 */
export function parseWav(bytes: Uint8Array, fileName = 'WAV data'): PcmAudio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  const fail = (why: string) => new InputError('BAD_AUDIO', `${fileName}: ${why}.`, fileName);
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw fail('not a RIFF/WAVE file');
  let format: { code: number; channels: number; sampleRate: number; bits: number } | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = { code: view.getUint16(body, true), channels: view.getUint16(body + 2, true), sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
      if (format.code === 0xfffe && size >= 40) format.code = view.getUint16(body + 24, true); // WAVE_FORMAT_EXTENSIBLE
    } else if (id === 'data') {
      if (!format) throw fail('the data chunk comes before the format chunk');
      const end = Math.min(bytes.length, body + size);
      return { ...decodeFrames(view, body, end, format, fail), sampleRate: format.sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw fail('no audio data chunk');
}

function decodeFrames(
  view: DataView,
  start: number,
  end: number,
  format: { code: number; channels: number; sampleRate: number; bits: number },
  fail: (why: string) => Error,
): { samples: Float32Array; durationSec: number } {
  const { code, channels, bits } = format;
  const bytesPerSample = bits / 8;
  const read = sampleReader(view, code, bits);
  if (!read || channels < 1 || format.sampleRate < 1) throw fail(`unsupported WAV encoding (format ${code}, ${bits} bits, ${channels} channels)`);
  const frameCount = Math.floor((end - start) / (bytesPerSample * channels));
  const samples = new Float32Array(frameCount);
  // Mono 16-bit, the analysis format: a plain loop over the bytes, not a reader call per sample.
  if (code === 1 && bits === 16 && channels === 1) {
    for (let i = 0, o = start; i < frameCount; i++, o += 2) samples[i] = view.getInt16(o, true) / 32768;
    return { samples, durationSec: frameCount / format.sampleRate };
  }
  for (let frame = 0; frame < frameCount; frame++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(start + (frame * channels + c) * bytesPerSample);
    samples[frame] = sum / channels;
  }
  return { samples, durationSec: frameCount / format.sampleRate };
}

function sampleReader(view: DataView, code: number, bits: number): ((offset: number) => number) | null {
  if (code === 3 && bits === 32) return (o) => view.getFloat32(o, true);
  if (code !== 1) return null;
  if (bits === 8) return (o) => (view.getUint8(o) - 128) / 128;
  if (bits === 16) return (o) => view.getInt16(o, true) / 32768;
  if (bits === 24) return (o) => ((view.getUint8(o) | (view.getUint8(o + 1) << 8) | (view.getInt8(o + 2) << 16)) / 8388608);
  if (bits === 32) return (o) => view.getInt32(o, true) / 2147483648;
  return null;
}

export async function readWavFile(filePath: string): Promise<PcmAudio> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('FILE_NOT_FOUND', `${filePath}: no such file.`, filePath);
    throw new InputError('UNREADABLE_MEDIA', `${filePath}: cannot be read (${code ?? String(error)}).`, filePath);
  }
  return parseWav(bytes, filePath);
}
