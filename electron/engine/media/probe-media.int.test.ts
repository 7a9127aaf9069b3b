import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { getTools, hasSharedMedia, makePseudoRandomBytes, makeTempDir, makeWithFfmpeg, media } from './test-support/media-fixtures.js';
import { SAMPLE_VOICE_TRANSCRIPT } from '../../../tests/helpers/shared-media.js';
import { probeMedia } from './probe-media.js';

let tools: FfmpegTools;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  tools = await getTools();
  ({ dir, cleanup } = await makeTempDir('mouthpiece-probe-'));
});
afterAll(() => cleanup());

async function probeError(filePath: string): Promise<InputError> {
  const error = await probeMedia(tools, filePath).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

// Expected values were read with the bundled ffprobe before writing these tests.
describe.skipIf(!hasSharedMedia)('probeMedia on the shared media', () => {
  it('a PNG is a single-frame image with its real size', async () => {
    const info = await probeMedia(tools, media('images/group3_apollo11_crew_nasa.png'));
    expect(info).toMatchObject({
      kind: 'image', formatName: 'png_pipe', width: 600, height: 471, durationSec: null, fps: null, frameCount: 1,
      hasVideo: true, hasAudio: false, audio: null, sizeBytes: 441327,
    });
    expect(info.video).toEqual({ codec: 'png', width: 600, height: 471, fps: null, rotation: 0, mirrored: false, pixFmt: 'rgba', colourSpace: 'gbr', colourRange: 'pc' });
  });

  it('a JPEG (image2, which claims a 0.04 s duration) is an image too', async () => {
    const info = await probeMedia(tools, media('images/painting_vermeer_girl_pearl_earring.jpg'));
    expect(info).toMatchObject({ kind: 'image', formatName: 'image2', width: 1730, height: 2048, durationSec: null, frameCount: 1 });
    expect(info.video).toMatchObject({ codec: 'mjpeg', pixFmt: 'yuvj420p' });
  });

  it('a grayscale PNG keeps its pixel format', async () => {
    const info = await probeMedia(tools, media('images/hard_profile_occluded_cameraman_cc0.png'));
    expect(info).toMatchObject({ kind: 'image', width: 512, height: 512 });
    expect(info.video?.pixFmt).toBe('gray');
  });

  it('a WAV is audio with its rate, channels and duration', async () => {
    const info = await probeMedia(tools, media('audio/en_jfk_inaugural.wav'));
    expect(info).toMatchObject({
      kind: 'audio', formatName: 'wav', durationSec: 11, width: null, height: null, fps: null, frameCount: null,
      hasAudio: true, hasVideo: false, video: null, sizeBytes: 352078,
    });
    expect(info.audio).toEqual({ codec: 'pcm_s16le', sampleRateHz: 16000, channels: 1 });
    const lj = await probeMedia(tools, media('audio/en_ljspeech_LJ001-0001.wav'));
    expect(lj.audio?.sampleRateHz).toBe(22050);
    expect(lj.durationSec).toBeCloseTo(9.655011, 5);
  });

  it('an Ogg/Opus file is audio at 48 kHz', async () => {
    const info = await probeMedia(tools, media('audio/es_fleurs_es_000.ogg'));
    expect(info).toMatchObject({ kind: 'audio', formatName: 'ogg' });
    expect(info.audio).toEqual({ codec: 'opus', sampleRateHz: 48000, channels: 1 });
    expect(info.durationSec).toBeCloseTo(12.8465, 4);
  });

  it('an MP4 is video with fps, frame count and its soundtrack', async () => {
    const info = await probeMedia(tools, media('video/obama_weekly_address_challenges.mp4'));
    expect(info).toMatchObject({ kind: 'video', formatName: 'mov,mp4,m4a,3gp,3g2,mj2', width: 1280, height: 720, frameCount: 144, hasAudio: true, hasVideo: true });
    expect(info.fps).toBeCloseTo(29.97, 2);
    expect(info.durationSec).toBeCloseTo(4.807, 3);
    expect(info.video).toMatchObject({ codec: 'h264', width: 1280, height: 720, rotation: 0, pixFmt: 'yuv420p' });
    expect(info.audio).toEqual({ codec: 'mp3', sampleRateHz: 44100, channels: 2 });
  });

  it('an MPEG-PS clip reports 25 fps (not its 50/1 r_frame_rate) and 75 frames, as decoding yields', async () => {
    const info = await probeMedia(tools, media('video/grid_brbk7n.mpg'));
    expect(info).toMatchObject({ kind: 'video', formatName: 'mpeg', width: 360, height: 288, fps: 25, frameCount: 75, durationSec: 2.98 });
    expect(info.video?.codec).toBe('mpeg1video');
    expect(info.audio).toEqual({ codec: 'mp2', sampleRateHz: 44100, channels: 2 });
  });
});

describe('probeMedia on files made here', () => {
  it.skipIf(!hasSharedMedia)('WebP and BMP are images', async () => {
    const webp = path.join(dir, 'face.webp');
    const bmp = path.join(dir, 'face.bmp');
    await makeWithFfmpeg(tools, ['-i', media('images/portrait_tiny_glasses_beard_cc0.png'), '-frames:v', '1', webp]);
    await makeWithFfmpeg(tools, ['-i', media('images/portrait_tiny_glasses_beard_cc0.png'), '-frames:v', '1', bmp]);
    for (const file of [webp, bmp]) {
      const info = await probeMedia(tools, file);
      expect(info).toMatchObject({ kind: 'image', width: 115, height: 115, frameCount: 1 });
    }
  });

  it('a video tagged as rotated reports the clockwise turn and its upright size', async () => {
    const plain = path.join(dir, 'plain.mp4');
    const rotated = path.join(dir, 'rotated.mp4');
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'testsrc=s=320x240:r=25', '-t', '1', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', plain]);
    await makeWithFfmpeg(tools, ['-i', plain, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated]);
    const info = await probeMedia(tools, rotated);
    // The 2018 muxer turns `rotate=90` into a matrix that both it and ffprobe 2023 read back as 270° clockwise.
    expect(info.video).toMatchObject({ width: 320, height: 240, rotation: 270 });
    expect([info.width, info.height]).toEqual([240, 320]);
  });
});

describe('probeMedia errors', () => {
  it('a missing file is FILE_NOT_FOUND naming it', async () => {
    const missing = path.join(dir, 'no-such-photo.jpg');
    const error = await probeError(missing);
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.message).toBe(`${missing}: no such file.`);
    expect(error.file).toBe(missing);
  });

  it('random bytes are UNREADABLE_MEDIA, said in a creator’s words', async () => {
    const garbage = path.join(dir, 'garbage.mp4');
    await writeFile(garbage, makePseudoRandomBytes(64 * 1024));
    const error = await probeError(garbage);
    expect(error.code).toBe('UNREADABLE_MEDIA');
    expect(error.message).toBe(`${garbage}: the file is damaged or incomplete (cut off while it was copied or downloaded?); use a complete copy of it.`);
  });

  it('an empty file and a folder are UNREADABLE_MEDIA without running ffprobe', async () => {
    const empty = path.join(dir, 'empty.wav');
    await writeFile(empty, '');
    expect(await probeError(empty)).toMatchObject({ code: 'UNREADABLE_MEDIA', message: `${empty}: the file is empty.` });
    const folder = path.join(dir, 'folder.mp4');
    await mkdir(folder);
    expect(await probeError(folder)).toMatchObject({ code: 'UNREADABLE_MEDIA', message: `${folder}: is a folder, not a media file.` });
  });

  it('a text file is UNREADABLE_MEDIA', async () => {
    const error = await probeError(SAMPLE_VOICE_TRANSCRIPT);
    expect(error.code).toBe('UNREADABLE_MEDIA');
    expect(error.message.startsWith(`${SAMPLE_VOICE_TRANSCRIPT}: `)).toBe(true);
  });
});
