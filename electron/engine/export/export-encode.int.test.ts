import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeVideo } from '../media/encode-video.js';
import { runFfprobe } from '../media/ffmpeg-adapter.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { measureLoudness } from '../media/measure-loudness.js';
import { getTools, makeTempDir } from '../media/test-support/media-fixtures.js';
import { normalizeLoudness } from '../media/normalize-loudness.js';
import type { RgbaImage } from '../media/rgba-image.js';
import { probeMedia } from '../media/probe-media.js';
import { synthesizeSpeech, writeWavFile } from '../speech/index.js';
import { disclosureTags } from './disclosure.js';
import { encodeSettingsFor, resolveExportPreset } from './export-presets.js';

interface ProbedStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  level?: number;
  pix_fmt?: string;
  width?: number;
  height?: number;
  sample_rate?: string;
  channels?: number;
  bit_rate?: string;
  r_frame_rate?: string;
}

/** A soft gradient that moves a little each frame, so x264 has real (but cheap) work. */
function makeFrames(width: number, height: number, count: number): RgbaImage[] {
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x += 1) {
        const o = (y * width + x) * 4;
        data[o] = (x + i * 4) & 255;
        data[o + 1] = (y >> 3) & 255;
        data[o + 2] = 128;
        data[o + 3] = 255;
      }
    }
    return { width, height, data };
  });
}

describe('an export with a built-in preset (real ffmpeg)', () => {
  let tools: FfmpegTools;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    tools = await getTools();
    temp = await makeTempDir('mouthpiece-export-');
  });
  afterAll(() => temp?.cleanup());

  it('is H.264 High yuv420p at the preset size with +faststart, 48 kHz stereo AAC at -14 LUFS, and the disclosure', async () => {
    const settings = encodeSettingsFor(resolveExportPreset('square'), { width: 0, height: 0 });
    // The whole soundtrack goes in (integrated loudness of a cut-off part is another figure): a 2.4 s TTS line.
    const line = await synthesizeSpeech('Hello there, this is a short line for the reel.');
    const voice = path.join(temp.dir, 'voice.wav');
    await writeWavFile(voice, line.audio);
    const soundtrack = path.join(temp.dir, 'voice.normalized.wav');
    await normalizeLoudness({ tools, inPath: voice, outPath: soundtrack });
    const frameCount = Math.ceil(((await probeMedia(tools, soundtrack)).durationSec ?? 0) * settings.fps);
    const distinct = makeFrames(settings.width, settings.height, 4);
    const outPath = path.join(temp.dir, 'square.mp4');
    await encodeVideo({ ...settings, tools, outPath, frames: Array.from({ length: frameCount }, (_, i) => distinct[i % 4]), frameCount, audioPath: soundtrack, metadata: disclosureTags({ toolVersion: '0.1.0' }) });

    const probe = (await runFfprobe({ tools, inputPath: outPath })) as { streams: ProbedStream[]; format: { tags: Record<string, string> } };
    const video = probe.streams.find((s) => s.codec_type === 'video');
    const audio = probe.streams.find((s) => s.codec_type === 'audio');
    expect(video).toMatchObject({ codec_name: 'h264', profile: 'High', pix_fmt: 'yuv420p', width: 1080, height: 1080, r_frame_rate: '30/1' });
    expect(video?.level).toBeLessThanOrEqual(41);
    expect(audio).toMatchObject({ codec_name: 'aac', sample_rate: '48000', channels: 2 });
    expect(Number(audio?.bit_rate)).toBeGreaterThan(150_000);
    expect(probe.format.tags.comment).toMatch(/^AI-generated: .*Mouthpiece 0\.1\.0/);

    // +faststart: the index (moov) comes before the media data, so playback starts before the download ends.
    const bytes = readFileSync(outPath);
    expect(bytes.indexOf('moov')).toBeGreaterThan(0);
    expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));

    const loudness = await measureLoudness(tools, outPath);
    console.log(`square export of a TTS line: ${loudness.integratedLufs.toFixed(2)} LUFS, ${loudness.truePeakDbtp.toFixed(2)} dBTP; video level ${video?.level}`);
    expect(Math.abs(loudness.integratedLufs + 14)).toBeLessThanOrEqual(1);
    expect(loudness.truePeakDbtp).toBeLessThanOrEqual(-1);
  }, 20_000);
});

describe('the VBV cap of a preset (real ffmpeg)', () => {
  it('holds the bitrate of incompressible frames near the cap, which CRF alone lets run far above it', async () => {
    const tools = await getTools();
    const temp = await makeTempDir('mouthpiece-vbv-');
    try {
      const width = 320;
      const height = 240;
      const fps = 30;
      const durationSec = 3;
      let seed = 12345;
      const noise = Array.from({ length: 6 }, () => {
        const data = new Uint8Array(width * height * 4);
        for (let i = 0; i < data.length; i++) data[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
        return { width, height, data };
      });
      const frames = () => Array.from({ length: fps * durationSec }, (_, i) => noise[i % noise.length]);
      const kbpsOf = (file: string) => (readFileSync(file).length * 8) / durationSec / 1000;
      const capKbps = 1_000;
      const uncapped = path.join(temp.dir, 'uncapped.mp4');
      const capped = path.join(temp.dir, 'capped.mp4');
      await encodeVideo({ tools, outPath: uncapped, width, height, fps, crf: 20, preset: 'ultrafast', frames: frames() });
      await encodeVideo({ tools, outPath: capped, width, height, fps, crf: 20, preset: 'ultrafast', maxBitrateKbps: capKbps, frames: frames() });
      console.log(`noise at 320x240: CRF 20 alone ${kbpsOf(uncapped).toFixed(0)} kbit/s, capped at ${capKbps}: ${kbpsOf(capped).toFixed(0)} kbit/s`);
      expect(kbpsOf(uncapped)).toBeGreaterThan(3 * capKbps);
      // The 2 s buffer may be spent once on top of the rate: at most (3 s × cap + 2 s × cap) / 3 s.
      expect(kbpsOf(capped)).toBeLessThan(((durationSec + 2) * capKbps) / durationSec);
    } finally {
      await temp.cleanup();
    }
  }, 20_000);
});
