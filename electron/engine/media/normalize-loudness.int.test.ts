import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeSpeech, writeWavFile } from '../speech/index.js';
import { encodeVideo } from './encode-video.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import type { LoudnessMeasurement } from './loudness-args.js';
import { measureLoudness } from './measure-loudness.js';
import { getTools, hasSharedMedia, listDir, makeTempDir, makeWithFfmpeg, media } from './test-support/media-fixtures.js';
import { SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';

import { normalizeLoudness } from './normalize-loudness.js';
import { probeMedia } from './probe-media.js';

const TARGET_LUFS = -14;
const PEAK_LIMIT_DBTP = -1;

describe('normalizeLoudness (real ffmpeg)', () => {
  let tools: FfmpegTools;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  const figures: string[] = [];
  const fixture = (name: string) => path.join(temp.dir, name);

  beforeAll(async () => {
    tools = await getTools();
    temp = await makeTempDir('mouthpiece-loudness-');
    const line = await synthesizeSpeech('Hello there, this is a short line for the reel.');
    await writeWavFile(fixture('tts-line.wav'), line.audio);
    const word = await synthesizeSpeech('Hi!');
    await writeWavFile(fixture('tts-word.wav'), word.audio);
    const lj = SAMPLE_VOICE;
    await makeWithFfmpeg(tools, ['-i', lj, '-af', 'volume=-19.5dB', fixture('quiet.wav')]);
    // +18 dB into 16-bit: the loud passages clip flat at full scale.
    await makeWithFfmpeg(tools, ['-i', lj, '-af', 'volume=18dB', '-c:a', 'pcm_s16le', fixture('loud-clipped.wav')]);
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'anullsrc=r=48000:cl=mono', '-t', '2', fixture('silent.wav')]);
  }, 20_000);

  afterAll(async () => {
    console.log(`loudness (LUFS / dBTP, input → output):\n${figures.join('\n')}`);
    await temp?.cleanup();
  });

  const describeLevel = (m: LoudnessMeasurement) => `${m.integratedLufs.toFixed(2)} LUFS / ${m.truePeakDbtp.toFixed(2)} dBTP`;

  async function normalizeAndCheck(name: string, inPath: string): Promise<string> {
    const outPath = fixture(`${name}.normalized.wav`);
    const result = await normalizeLoudness({ tools, inPath, outPath });
    const check = await measureLoudness(tools, outPath);
    figures.push(`  ${name}: ${describeLevel(result.input)} → ${describeLevel(check)} (gain ${result.gainDb.toFixed(1)} dB, ${result.limited ? 'limited' : 'linear'}, ${result.applyPasses} pass(es))`);
    expect(Math.abs(check.integratedLufs - TARGET_LUFS)).toBeLessThanOrEqual(0.5);
    expect(check.truePeakDbtp).toBeLessThanOrEqual(PEAK_LIMIT_DBTP);
    const info = await probeMedia(tools, outPath);
    expect(info.audio).toMatchObject({ sampleRateHz: 48_000, channels: 2 });
    expect(info.durationSec).toBeCloseTo((await probeMedia(tools, inPath)).durationSec ?? NaN, 1);
    return outPath;
  }

  it.each([
    ['tts-line', () => fixture('tts-line.wav')],
    ['tts-word (0.36 s)', () => fixture('tts-word.wav')],
    ['sample voice (LJ Speech)', () => SAMPLE_VOICE],
    ['quiet (-40)', () => fixture('quiet.wav')],
    ['loud-clipped', () => fixture('loud-clipped.wav')],
  ])('brings %s to -14 LUFS ±0.5 with true peak ≤ -1 dBTP', async (name, inPath) => {
    await normalizeAndCheck(name, inPath());
  });

  it.skipIf(!hasSharedMedia).each([
    ['jfk', () => media('audio/en_jfk_inaugural.wav')],
    ['fr-fleurs (quiet ogg)', () => media('audio/fr_fleurs_fr_002.ogg')],
    ['zh-fleurs', () => media('audio/zh_fleurs_1883.wav')],
    ['noisy-music', () => media('audio/en_noisy_fleurs_en_005_music5dB_pink15dB.wav')],
  ])('brings %s (shared media) to -14 LUFS ±0.5 with true peak ≤ -1 dBTP', async (name, inPath) => {
    await normalizeAndCheck(name, inPath());
  });

  it.skipIf(!hasSharedMedia)('stays within ±1 LU and under the peak limit after AAC encoding into an MP4', async () => {
    for (const [name, inPath] of [
      ['tts-line', fixture('tts-line.wav')],
      ['fr-fleurs', media('audio/fr_fleurs_fr_002.ogg')],
    ] as const) {
      const wav = await normalizeAndCheck(`${name} (for mp4)`, inPath);
      const durationSec = (await probeMedia(tools, wav)).durationSec ?? 0;
      const fps = 10;
      const frame = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(128) };
      const mp4 = fixture(`${name}.mp4`);
      await encodeVideo({ tools, outPath: mp4, width: 64, height: 64, fps, frames: Array.from({ length: Math.ceil(durationSec * fps) }, () => frame), audioPath: wav, audioBitrateKbps: 192, preset: 'ultrafast' });
      const inMp4 = await measureLoudness(tools, mp4);
      figures.push(`  ${name} after AAC 192k in MP4: ${describeLevel(inMp4)}`);
      expect(Math.abs(inMp4.integratedLufs - TARGET_LUFS)).toBeLessThanOrEqual(1);
      expect(inMp4.truePeakDbtp).toBeLessThanOrEqual(PEAK_LIMIT_DBTP);
    }
  });

  it.skipIf(!hasSharedMedia)('refuses a silent soundtrack and a file without audio, writing nothing', async () => {
    const before = await listDir(temp.dir);
    await expect(normalizeLoudness({ tools, inPath: fixture('silent.wav'), outPath: fixture('silent-out.wav') })).rejects.toMatchObject({
      name: 'InputError',
      code: 'BAD_AUDIO',
      message: expect.stringMatching(/silent\.wav: the soundtrack is silent/),
    });
    const videoOnly = media('video/grid_brbk7n.mpg');
    await makeWithFfmpeg(tools, ['-i', videoOnly, '-an', '-t', '0.5', fixture('no-audio.mp4')]);
    await expect(normalizeLoudness({ tools, inPath: fixture('no-audio.mp4'), outPath: fixture('no-audio-out.wav') })).rejects.toMatchObject({ code: 'BAD_AUDIO' });
    expect(existsSync(fixture('silent-out.wav'))).toBe(false);
    expect((await listDir(temp.dir)).filter((f) => !before.includes(f))).toEqual(['no-audio.mp4']);
  });

  it('leaves no file when cancelled', async () => {
    const abort = new AbortController();
    const running = normalizeLoudness({ tools, inPath: SAMPLE_VOICE, outPath: fixture('cancelled.wav') }, { signal: abort.signal, onProgress: (p) => p.ratio > 0 && abort.abort() });
    await expect(running).rejects.toMatchObject({ name: 'CancelledError' });
    expect((await listDir(temp.dir)).filter((f) => f.includes('cancelled'))).toEqual([]);
  });
});
