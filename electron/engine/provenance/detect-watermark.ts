/**
 * Looks for the installation's mark in a video file: a few frames a second are decoded as luma at their own size and
 * averaged (the mark is the same in every frame, the noise of the encoder is not), and the average is searched.
 */
import { InputError } from '../errors.js';
import { startFfmpeg } from '../media/ffmpeg-adapter.js';
import type { FfmpegTools } from '../media/ffmpeg-tools.js';
import { probeMedia } from '../media/probe-media.js';
import { createFrameAssembler } from '../media/rgba-frame-assembler.js';
import { searchWatermark, type MarkSearchResult } from './search-watermark.js';

/** Frames averaged per second of video, and at most in all: enough to drown the encoder's noise, quick to decode. */
const SAMPLED_FPS = 6;
const MAX_SAMPLED_FRAMES = 36;
/** Larger pictures are searched at this short side: cells stay ≥ 11 px, the search stays quick. */
const MAX_SHORT_SIDE_PX = 720;

export interface WatermarkDetection extends MarkSearchResult {
  framesAveraged: number;
}

export async function detectWatermark(input: { tools: FfmpegTools; videoPath: string; key: Uint8Array; signal?: AbortSignal }): Promise<WatermarkDetection> {
  const { tools, videoPath, signal } = input;
  const info = await probeMedia(tools, videoPath, { signal });
  if (!info.hasVideo || !info.width || !info.height) throw new InputError('BAD_ARGUMENT', `${videoPath}: has no picture to look for a watermark in.`, videoPath);
  const shrink = Math.min(1, MAX_SHORT_SIDE_PX / Math.min(info.width, info.height));
  const width = Math.max(2, Math.round(info.width * shrink));
  const height = Math.max(2, Math.round(info.height * shrink));
  const { sum, frames } = await averageLuma({ tools, videoPath, width, height, signal });
  if (frames === 0) throw new InputError('UNREADABLE_MEDIA', `${videoPath}: no frames could be decoded.`, videoPath);
  for (let i = 0; i < sum.length; i++) sum[i] /= frames;
  return { ...searchWatermark({ luma: sum, width, height, key: input.key }), framesAveraged: frames };
}

async function averageLuma(input: { tools: FfmpegTools; videoPath: string; width: number; height: number; signal?: AbortSignal }) {
  const { width, height } = input;
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error',
    '-i', input.videoPath,
    '-an', '-vf', `fps=${SAMPLED_FPS},scale=${width}:${height}:flags=area,format=gray`,
    '-frames:v', String(MAX_SAMPLED_FRAMES),
    '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ];
  const proc = startFfmpeg({ tools: input.tools, args, signal: input.signal, stdout: 'stream' });
  const assembler = createFrameAssembler({ frameBytes: width * height });
  const sum = new Float32Array(width * height);
  let frames = 0;
  try {
    for await (const chunk of proc.stdout) {
      for (const frame of assembler.push(chunk as Buffer)) {
        for (let i = 0; i < frame.length; i++) sum[i] += frame[i];
        frames += 1;
      }
    }
  } finally {
    await proc.completion;
  }
  return { sum, frames };
}
