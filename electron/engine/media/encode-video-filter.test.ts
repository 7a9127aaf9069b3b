import { describe, expect, it } from 'vitest';
import { encodeVideo } from './encode-video.js';
import { buildEncodeRgbaArgs } from './ffmpeg-args.js';

const tools = { ffmpegPath: '/nonexistent/ffmpeg', ffprobePath: '/nonexistent/ffprobe' };
const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('encode frames of another size', () => {
  it('scales them to the output in the same pass as the colour conversion', () => {
    const args = buildEncodeRgbaArgs({ outPath: 'o.mp4', width: 1080, height: 1920, frameWidth: 287, frameHeight: 511, fps: 30 });
    expect(valueOf(args, '-s')).toBe('287x511');
    expect(valueOf(args, '-vf')).toBe('scale=w=1080:h=1920:flags=bicubic:out_color_matrix=bt709:out_range=tv,format=yuv420p');
  });

  it('runs a filter graph on the converted frames and maps its output', () => {
    const args = buildEncodeRgbaArgs({ outPath: 'o.mp4', width: 64, height: 64, frameWidth: 31, frameHeight: 31, videoFilter: 'pad=64:64', fps: 30, audioPath: 'a.wav' });
    expect(valueOf(args, '-filter_complex')).toBe('[0:v]scale=out_color_matrix=bt709:out_range=tv,format=yuv420p,pad=64:64,format=yuv420p[enc_video]');
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['[enc_video]', '1:a:0']);
    expect(args).not.toContain('-vf');
  });

  it('refuses a frame size that is not a positive whole number', async () => {
    await expect(encodeVideo({ tools, outPath: '/tmp/x.mp4', width: 64, height: 64, frameWidth: 0, fps: 10, frames: [] })).rejects.toThrow(/frameWidth/);
    await expect(encodeVideo({ tools, outPath: '/tmp/x.mp4', width: 64, height: 64, frameHeight: 2.5, fps: 10, frames: [] })).rejects.toThrow(/frameHeight/);
  });
});
