import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { getTools, hasSharedMedia, makeTempDir, makeWithFfmpeg, media } from '../media/test-support/media-fixtures.js';
import { SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';
import { decodeAudio, streamAudioPcm } from './decode-audio.js';
import { readWavFile, writeWavFile } from './wav-file.js';

let tools: FfmpegTools;
let temp: { dir: string; cleanup: () => Promise<void> };
const file = (name: string) => path.join(temp.dir, name);

beforeAll(async () => {
  tools = await getTools();
  temp = await makeTempDir('mouthpiece-decode-audio-');
});
afterAll(() => temp?.cleanup());

async function expectInputError(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).code).toBe(code);
  expect((error as InputError).message).toMatch(pattern);
}

describe('decodeAudio', () => {
  it.skipIf(!hasSharedMedia)('decodes a WAV recording to 16 kHz mono with its real duration and level', async () => {
    const started = performance.now();
    const audio = await decodeAudio(tools, media('audio/en_jfk_inaugural.wav'));
    const ms = performance.now() - started;
    expect(audio.sampleRate).toBe(16000);
    expect(audio.samples.length).toBe(Math.round(audio.durationSec * 16000));
    expect(audio.durationSec).toBeGreaterThan(5);
    let sumSq = 0;
    for (const s of audio.samples) sumSq += s * s;
    const rmsDb = 10 * Math.log10(sumSq / audio.samples.length);
    expect(rmsDb).toBeGreaterThan(-40);
    expect(rmsDb).toBeLessThan(0);
    console.log(`decoded ${audio.durationSec.toFixed(1)} s of en_jfk in ${ms.toFixed(0)} ms (${(audio.durationSec / (ms / 1000)).toFixed(0)}× real time)`);
  });

  it.skipIf(!hasSharedMedia)('decodes Ogg/Opus and resamples exactly (a 440 Hz tone keeps its pitch)', async () => {
    const ogg = await decodeAudio(tools, media('audio/es_fleurs_es_000.ogg'));
    expect(ogg.durationSec).toBeGreaterThan(3);
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100:duration=2', '-ac', '2', file('tone.wav')]);
    const tone = await decodeAudio(tools, file('tone.wav'));
    expect(tone.durationSec).toBeCloseTo(2, 2);
    let crossings = 0;
    for (let i = 1; i < tone.samples.length; i++) if (tone.samples[i - 1] < 0 && tone.samples[i] >= 0) crossings += 1;
    expect(crossings / tone.durationSec).toBeCloseTo(440, -1);
  });

  it('takes the sound of a video file', async () => {
    await makeWithFfmpeg(tools, [
      '-f', 'lavfi', '-i', 'color=c=blue:s=64x64:r=25:d=1.5',
      '-f', 'lavfi', '-i', 'sine=frequency=300:sample_rate=48000:duration=1.5',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', file('clip.mp4'),
    ]);
    const audio = await decodeAudio(tools, file('clip.mp4'));
    expect(audio.durationSec).toBeGreaterThan(1.3);
    expect(audio.durationSec).toBeLessThan(1.7);
  });

  it('refuses what has no usable sound, naming the file and the problem', async () => {
    await expectInputError(decodeAudio(tools, file('missing.wav')), 'FILE_NOT_FOUND', /missing\.wav: no such file/);

    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'color=c=red:s=32x32:d=1', '-frames:v', '1', file('picture.png')]);
    await expectInputError(decodeAudio(tools, file('picture.png')), 'BAD_AUDIO', /picture\.png: is an image; there is no sound/);

    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'color=c=red:s=64x64:r=25:d=1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file('mute.mp4')]);
    await expectInputError(decodeAudio(tools, file('mute.mp4')), 'BAD_AUDIO', /mute\.mp4: is a video without a sound track/);

    const noise = new Uint8Array(64 * 1024);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    await writeFile(file('corrupt.mp3'), noise);
    await expectInputError(decodeAudio(tools, file('corrupt.mp3')), 'UNREADABLE_MEDIA', /corrupt\.mp3: /);

    await writeFile(file('empty.wav'), new Uint8Array(0));
    await expectInputError(decodeAudio(tools, file('empty.wav')), 'UNREADABLE_MEDIA', /empty\.wav: the file is empty/);

    await writeWavFile(file('no-samples.wav'), { sampleRate: 16000, samples: new Float32Array(0), durationSec: 0 });
    await expectInputError(decodeAudio(tools, file('no-samples.wav')), 'BAD_AUDIO', /no-samples\.wav: the sound track is empty/);

    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', '2', file('silence.wav')]);
    await expectInputError(decodeAudio(tools, file('silence.wav')), 'BAD_AUDIO', /silence\.wav: contains only silence/);

    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'sine=frequency=200:duration=2', '-af', 'volume=-50dB', file('whisper.wav')]);
    await expectInputError(decodeAudio(tools, file('whisper.wav')), 'BAD_AUDIO', /whisper\.wav: contains only silence \(peak -6\d dBFS\)/);
  });

  it('reads a 16 kHz mono WAV itself to the very samples ffmpeg gives, and leaves a cut one to ffmpeg', async () => {
    const samples = new Float32Array(16000 * 2);
    for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin(i / 7) * Math.sin(i / 3000);
    await writeWavFile(file('plain.wav'), { sampleRate: 16000, samples, durationSec: 2 });
    const direct = await decodeAudio(tools, file('plain.wav'));
    const viaFfmpeg: number[] = [];
    for await (const chunk of streamAudioPcm(tools, file('plain.wav'))) viaFfmpeg.push(...chunk);
    expect(direct.samples.length).toBe(viaFfmpeg.length);
    expect(Array.from(direct.samples)).toEqual(viaFfmpeg);

    const whole = await readFile(file('plain.wav'));
    await writeFile(file('cut.wav'), whole.subarray(0, whole.length - 20000));
    await expectInputError(decodeAudio(tools, file('cut.wav')), 'UNREADABLE_MEDIA', /cut\.wav: the recording is damaged/);
  });

  it('stops ffmpeg when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(decodeAudio(tools, SAMPLE_VOICE, { signal: controller.signal })).rejects.toThrow(/cancelled/);
  });
});

describe('streamAudioPcm', () => {
  it('yields fixed-size chunks that add up to the whole decode', async () => {
    const whole = await decodeAudio(tools, SAMPLE_VOICE);
    const lengths: number[] = [];
    let index = 0;
    let mismatches = 0;
    for await (const chunk of streamAudioPcm(tools, SAMPLE_VOICE, { chunkSec: 0.5 })) {
      lengths.push(chunk.length);
      for (let i = 0; i < chunk.length; i++) if (chunk[i] !== whole.samples[index + i]) mismatches += 1;
      index += chunk.length;
    }
    expect(mismatches).toBe(0);
    expect(index).toBe(whole.samples.length);
    expect(lengths.slice(0, -1).every((n) => n === 8000)).toBe(true);
    expect(lengths.at(-1)).toBeLessThanOrEqual(8000);
  });

  it('lets the consumer stop early', async () => {
    let chunks = 0;
    for await (const chunk of streamAudioPcm(tools, SAMPLE_VOICE, { chunkSec: 0.25 })) {
      expect(chunk.length).toBe(4000);
      chunks += 1;
      if (chunks === 2) break;
    }
    expect(chunks).toBe(2);
  });
});

describe('writeWavFile', () => {
  it('writes a WAV that ffmpeg reads back to the same samples', async () => {
    const source = await decodeAudio(tools, SAMPLE_VOICE);
    const out = file('nested/out.wav');
    await writeWavFile(out, source);
    const back = await decodeAudio(tools, out);
    const ours = await readWavFile(out);
    expect(back.samples.length).toBe(source.samples.length);
    expect(ours.samples.length).toBe(source.samples.length);
    let maxError = 0;
    for (let i = 0; i < source.samples.length; i += 7) maxError = Math.max(maxError, Math.abs(back.samples[i] - source.samples[i]));
    expect(maxError).toBeLessThan(1e-3);
  });
});
