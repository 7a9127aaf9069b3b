import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError, InputError } from '../errors.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { getTools, hasSharedMedia, makeTempDir, makeWithFfmpeg, media } from '../media/test-support/media-fixtures.js';
import { SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';
import { decodeAudio, streamAudioPcm } from './decode-audio.js';
import type { SpeechSegment } from './speech-types.js';
import { defaultVadModelPath, detectSpeech } from './vad.js';

let tools: FfmpegTools;
let temp: { dir: string; cleanup: () => Promise<void> };

beforeAll(async () => {
  tools = await getTools();
  temp = await makeTempDir('mouthpiece-vad-');
});
afterAll(() => temp?.cleanup());

const total = (segments: SpeechSegment[]) => segments.reduce((sum, s) => sum + s.end - s.start, 0);
const describeSegments = (segments: SpeechSegment[]) => segments.map((s) => `${s.start.toFixed(2)}–${s.end.toFixed(2)}`).join(' ');

describe('detectSpeech (silero VAD v4)', () => {
  it.skipIf(!hasSharedMedia)('finds speech in every real clip, ordered and within the clip', async () => {
    const clips = ['en_jfk_inaugural.wav', 'en_ljspeech_LJ001-0001.wav', 'en_noisy_fleurs_en_005_music5dB_pink15dB.wav', 'es_fleurs_es_000.ogg', 'fr_fleurs_fr_002.ogg', 'zh_fleurs_1883.wav'];
    for (const clip of clips) {
      const audio = await decodeAudio(tools, media(`audio/${clip}`));
      const started = performance.now();
      const segments = await detectSpeech(audio);
      const ms = performance.now() - started;
      console.log(`${clip}: ${audio.durationSec.toFixed(1)} s, speech ${describeSegments(segments)} (${ms.toFixed(0)} ms)`);
      expect(segments.length).toBeGreaterThan(0);
      for (const [i, s] of segments.entries()) {
        expect(s.end).toBeGreaterThan(s.start);
        expect(s.end).toBeLessThanOrEqual(audio.durationSec + 1e-9);
        if (i > 0) expect(s.start).toBeGreaterThan(segments[i - 1].end);
      }
      expect(total(segments) / audio.durationSec).toBeGreaterThan(0.4);
      expect(total(segments) / audio.durationSec).toBeLessThan(0.98);
    }
  });

  it.skipIf(!hasSharedMedia)("finds the pauses between JFK's phrases", async () => {
    const segments = await detectSpeech(await decodeAudio(tools, media('audio/en_jfk_inaugural.wav')));
    // "And so my fellow Americans | ask not | what your country can do for you | ask what you can do for your country"
    expect(segments.length).toBeGreaterThanOrEqual(3);
    const gaps = segments.slice(1).map((s, i) => s.start - segments[i].end);
    expect(Math.max(...gaps)).toBeGreaterThan(0.4);
  });

  it('finds no speech in silence and a steady tone', async () => {
    const file = path.join(temp.dir, 'silence-tone.wav');
    await makeWithFfmpeg(tools, [
      '-t', '1.5', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono',
      '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=16000:duration=2',
      '-t', '1.5', '-f', 'lavfi', '-i', 'anullsrc=r=16000:cl=mono',
      '-filter_complex', '[0:a][1:a][2:a]concat=n=3:v=0:a=1', file,
    ]);
    const audio = await decodeAudio(tools, file);
    expect(audio.durationSec).toBeCloseTo(5, 1);
    expect(await detectSpeech(audio)).toEqual([]);
  });

  it('gives the same segments on streamed chunks as on the whole buffer', async () => {
    const file = SAMPLE_VOICE;
    const whole = await detectSpeech(await decodeAudio(tools, file));
    const ratios: number[] = [];
    const streamed = await detectSpeech(streamAudioPcm(tools, file, { chunkSec: 0.37 }), { expectedDurationSec: 8.3, onProgress: (p) => ratios.push(p.ratio) });
    expect(streamed).toEqual(whole);
    expect(ratios.at(-1)).toBe(1);
  });

  it('finds the same speech in a long clip run as parallel streams as in one stream', async () => {
    const clip = await decodeAudio(tools, SAMPLE_VOICE);
    const samples = new Float32Array(clip.samples.length * 8);
    for (let i = 0; i < 8; i++) samples.set(clip.samples, i * clip.samples.length);
    const audio = { sampleRate: clip.sampleRate, samples, durationSec: samples.length / clip.sampleRate };
    const chunks = function* () {
      for (let i = 0; i < samples.length; i += 16000) yield samples.subarray(i, i + 16000);
    };
    const batched = await detectSpeech(audio);
    const oneStream = await detectSpeech(chunks());
    expect(batched.length).toBe(oneStream.length);
    for (const [i, s] of batched.entries()) {
      expect(Math.abs(s.start - oneStream[i].start)).toBeLessThanOrEqual(0.07);
      expect(Math.abs(s.end - oneStream[i].end)).toBeLessThanOrEqual(0.07);
    }
  });

  it('refuses audio at another sample rate', async () => {
    const audio = { sampleRate: 22050, samples: new Float32Array(22050), durationSec: 1 };
    await expect(detectSpeech(audio)).rejects.toBeInstanceOf(InputError);
  });

  it('refuses a model file that is not the pinned one', async () => {
    const altered = path.join(temp.dir, 'silero_vad.onnx');
    await copyFile(defaultVadModelPath(), altered);
    await writeFile(altered, new Uint8Array([1, 2, 3]), { flag: 'a' });
    const audio = { sampleRate: 16000, samples: new Float32Array(16000), durationSec: 1 };
    const error = await detectSpeech(audio, { modelPath: altered }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('MODEL_CORRUPT');
    const missing = await detectSpeech(audio, { modelPath: path.join(temp.dir, 'nope.onnx') }).catch((e: unknown) => e);
    expect((missing as EngineError).code).toBe('MODEL_MISSING');
  });
});
