import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { interpretProbe } from './media-info.js';

// Real ffprobe (2023 static build) JSON, trimmed to the fields read, from files in /work/shared/media
// and one made by the bundled 2018 ffmpeg with `-c copy -metadata:s:v:0 rotate=90`.
const MPEG_PS = {
  streams: [
    { codec_name: 'mpeg1video', codec_type: 'video', width: 360, height: 288, pix_fmt: 'yuv420p', r_frame_rate: '50/1', avg_frame_rate: '25/1', duration: '2.980000', disposition: { attached_pic: 0 } },
    { codec_name: 'mp2', codec_type: 'audio', sample_rate: '44100', channels: 2, r_frame_rate: '0/0', avg_frame_rate: '0/0', duration: '2.951833', disposition: { attached_pic: 0 } },
  ],
  format: { format_name: 'mpeg', duration: '2.980000' },
};
const PNG = {
  streams: [{ codec_name: 'png', codec_type: 'video', width: 400, height: 400, pix_fmt: 'rgba', r_frame_rate: '25/1', avg_frame_rate: '25/1', disposition: { attached_pic: 0 } }],
  format: { format_name: 'png_pipe' },
};
const JPEG = {
  streams: [{ codec_name: 'mjpeg', codec_type: 'video', width: 512, height: 678, pix_fmt: 'yuvj420p', r_frame_rate: '25/1', avg_frame_rate: '25/1', duration: '0.040000', disposition: { attached_pic: 0 } }],
  format: { format_name: 'image2', duration: '0.040000' },
};
const ROTATED_MP4 = {
  streams: [
    {
      codec_name: 'h264', codec_type: 'video', width: 320, height: 240, pix_fmt: 'yuv420p', r_frame_rate: '25/1', avg_frame_rate: '25/1', duration: '1.000000', nb_frames: '25',
      disposition: { attached_pic: 0 }, side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }],
    },
  ],
  format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '1.000000' },
};

describe('interpretProbe', () => {
  it('reads an MPEG-PS clip: average frame rate (not the 50/1 r_frame_rate), frames from duration, audio', () => {
    const info = interpretProbe({ filePath: 'g.mpg', sizeBytes: 399360, probe: MPEG_PS });
    expect(info).toMatchObject({ kind: 'video', formatName: 'mpeg', durationSec: 2.98, width: 360, height: 288, fps: 25, frameCount: 75, hasAudio: true, hasVideo: true });
    expect(info.audio).toEqual({ codec: 'mp2', sampleRateHz: 44100, channels: 2 });
    expect(info.video).toEqual({ codec: 'mpeg1video', width: 360, height: 288, fps: 25, rotation: 0, mirrored: false, pixFmt: 'yuv420p', colourSpace: null, colourRange: null });
  });

  it('treats png_pipe and image2 (with its fake 0.04 s duration) as single-frame images', () => {
    for (const probe of [PNG, JPEG]) {
      const info = interpretProbe({ filePath: 'x', sizeBytes: 1, probe });
      expect(info.kind).toBe('image');
      expect(info.durationSec).toBeNull();
      expect(info.fps).toBeNull();
      expect(info.frameCount).toBe(1);
    }
  });

  it('applies the EXIF orientation of an image to its display size', () => {
    const info = interpretProbe({ filePath: 'x.jpg', sizeBytes: 1, probe: JPEG, exifOrientation: 6 });
    expect([info.width, info.height]).toEqual([678, 512]);
    expect(info.video).toMatchObject({ width: 512, height: 678, rotation: 90, mirrored: false });
  });

  it('turns a counter-clockwise display-matrix rotation into a clockwise one and swaps the display size', () => {
    const info = interpretProbe({ filePath: 'r.mp4', sizeBytes: 1, probe: ROTATED_MP4 });
    expect(info.video?.rotation).toBe(270);
    expect([info.width, info.height]).toEqual([240, 320]);
    expect(info.frameCount).toBe(25);
  });

  it('ignores cover art: an audio file with an attached picture is audio', () => {
    const probe = {
      streams: [
        { codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 2 },
        { codec_type: 'video', codec_name: 'mjpeg', width: 500, height: 500, disposition: { attached_pic: 1 } },
      ],
      format: { format_name: 'mp3', duration: '3.5' },
    };
    const info = interpretProbe({ filePath: 'song.mp3', sizeBytes: 1, probe });
    expect(info).toMatchObject({ kind: 'audio', hasVideo: false, width: null, video: null, durationSec: 3.5 });
  });

  it('throws UNREADABLE_MEDIA naming the file when nothing usable is inside', () => {
    expect(() => interpretProbe({ filePath: '/x/sub.srt', sizeBytes: 1, probe: { streams: [{ codec_type: 'subtitle' }], format: { format_name: 'srt' } } })).toThrow(
      expect.objectContaining({ code: 'UNREADABLE_MEDIA', message: expect.stringContaining('/x/sub.srt') }) as unknown as InputError,
    );
  });
});
