import { describe, expect, it } from 'vitest';
import { encodeVideo } from './encode-video.js';
import { buildEncodeRgbaArgs } from './ffmpeg-args.js';

const tools = { ffmpegPath: '/nonexistent/ffmpeg', ffprobePath: '/nonexistent/ffprobe' };

describe('encode with a frame size and filter of its own', () => {
  it('describes the frames by their own size and runs the filter before the colour conversion', () => {
    const args = buildEncodeRgbaArgs({ outPath: 'o.mp4', width: 1080, height: 1920, frameWidth: 287, frameHeight: 511, videoFilter: 'scale=1080:1920', fps: 30 });
    expect(args[args.indexOf('-s') + 1]).toBe('287x511');
    expect(args[args.indexOf('-filter_complex') + 1]).toBe('[0:v]scale=1080:1920,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[enc_video]');
    expect(args[args.indexOf('-map') + 1]).toBe('[enc_video]');
    expect(args).not.toContain('-vf');
  });

  it('refuses frames of another size without a filter to bring them to the output size', async () => {
    await expect(encodeVideo({ tools, outPath: '/tmp/x.mp4', width: 64, height: 64, frameWidth: 31, frameHeight: 31, fps: 10, frames: [] })).rejects.toThrow(
      /31×31 need a videoFilter to become 64×64/,
    );
    await expect(encodeVideo({ tools, outPath: '/tmp/x.mp4', width: 64, height: 64, frameWidth: 0, fps: 10, frames: [] })).rejects.toThrow(/frameWidth/);
  });
});
