import { describe, expect, it } from 'vitest';
import {
  buildDecodeRgbaArgs,
  protectFileArgs,
  buildEncodeRgbaArgs,
  buildOrientationFilters,
  buildPngFromRgbaArgs,
  buildProbeArgs,
} from './ffmpeg-args.js';

/** The value following a flag, e.g. valueOf(args, '-vf'). */
function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('buildDecodeRgbaArgs', () => {
  it('decodes the first video stream to rgba on stdout with nothing else', () => {
    expect(buildDecodeRgbaArgs({ inputPath: '/in/a.mp4' })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error',
      '-i', '/in/a.mp4', '-map', '0:v:0', '-an', '-sn', '-dn',
      '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1',
    ]);
  });

  it('converts from the source matrix and range, after any resize, when told them', () => {
    const args = buildDecodeRgbaArgs({ inputPath: 'clip.mp4', scale: { width: 640, height: 360 }, colour: { matrix: 'bt709', range: 'tv' } });
    expect(valueOf(args, '-vf')).toBe('scale=640:360:flags=area,scale=in_color_matrix=bt709:in_range=tv,format=rgba');
    expect(valueOf(args, '-pix_fmt')).toBe('rgba');
  });

  it('seeks before -i, limits duration after it, and orders filters rotate → fps → scale', () => {
    const args = buildDecodeRgbaArgs({
      inputPath: 'clip.mov',
      startSec: 1.5,
      durationSec: 2,
      fps: 30000 / 1001,
      scale: { width: 640, height: 360 },
      orientation: { rotationDeg: 90, mirrored: false },
      frameLimit: 10,
    });
    expect(args.indexOf('-noautorotate')).toBeLessThan(args.indexOf('-i'));
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(valueOf(args, '-ss')).toBe('1.5');
    expect(args.indexOf('-t')).toBeGreaterThan(args.indexOf('-i'));
    expect(valueOf(args, '-t')).toBe('2');
    expect(valueOf(args, '-vf')).toBe('transpose=clock,fps=29.97003,scale=640:360:flags=area');
    expect(valueOf(args, '-frames:v')).toBe('10');
    expect(args.slice(-5)).toEqual(['-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1']);
  });

  it('leaves autorotation to ffmpeg only when no orientation is given, and skips a zero seek', () => {
    expect(buildDecodeRgbaArgs({ inputPath: 'a.png', startSec: 0 })).not.toContain('-ss');
    expect(buildDecodeRgbaArgs({ inputPath: 'a.png' })).not.toContain('-noautorotate');
    const upright = buildDecodeRgbaArgs({ inputPath: 'a.png', orientation: { rotationDeg: 0, mirrored: false } });
    expect(upright).toContain('-noautorotate');
    expect(upright).not.toContain('-vf');
  });

  it('caps the longest side with an escaped expression that never enlarges', () => {
    const args = buildDecodeRgbaArgs({ inputPath: 'a.jpg', scale: { maxSide: 512 } });
    expect(valueOf(args, '-vf')).toBe("scale=w='min(iw\\,512)':h='min(ih\\,512)':force_original_aspect_ratio=decrease:flags=area");
  });

  it('rejects non-finite numbers instead of passing NaN to ffmpeg', () => {
    expect(() => buildDecodeRgbaArgs({ inputPath: 'a.mp4', fps: Number.NaN })).toThrow(RangeError);
  });
});

describe('buildOrientationFilters', () => {
  it('maps every mirror/rotation pair to the shortest filter chain', () => {
    expect(buildOrientationFilters({ rotationDeg: 0, mirrored: false })).toEqual([]);
    expect(buildOrientationFilters({ rotationDeg: 90, mirrored: false })).toEqual(['transpose=clock']);
    expect(buildOrientationFilters({ rotationDeg: 180, mirrored: false })).toEqual(['hflip', 'vflip']);
    expect(buildOrientationFilters({ rotationDeg: 270, mirrored: false })).toEqual(['transpose=cclock']);
    expect(buildOrientationFilters({ rotationDeg: 0, mirrored: true })).toEqual(['hflip']);
    expect(buildOrientationFilters({ rotationDeg: 90, mirrored: true })).toEqual(['transpose=clock_flip']);
    expect(buildOrientationFilters({ rotationDeg: 180, mirrored: true })).toEqual(['vflip']);
    expect(buildOrientationFilters({ rotationDeg: 270, mirrored: true })).toEqual(['transpose=cclock_flip']);
  });
});

describe('buildEncodeRgbaArgs', () => {
  const base = { outPath: '/out/.v.partial-1-1.mp4', width: 1080, height: 1920, fps: 30 };

  it('reads raw rgba of the given size and rate from stdin and writes H.264 yuv420p with progress on stdout', () => {
    const args = buildEncodeRgbaArgs(base);
    expect(args.slice(0, 15)).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', '1080x1920', '-r', '30', '-i', 'pipe:0',
      '-map',
    ]);
    expect(valueOf(args, '-c:v')).toBe('libx264');
    expect(valueOf(args, '-preset')).toBe('medium');
    expect(valueOf(args, '-crf')).toBe('20');
    expect(valueOf(args, '-pix_fmt', )).toBe('rgba'); // the input's
    expect(args.lastIndexOf('-pix_fmt')).toBeGreaterThan(args.indexOf('pipe:0'));
    expect(args[args.lastIndexOf('-pix_fmt') + 1]).toBe('yuv420p');
    expect(valueOf(args, '-vf')).toBe('scale=out_color_matrix=bt709:out_range=tv,format=yuv420p');
    expect(valueOf(args, '-colorspace')).toBe('bt709');
    expect(valueOf(args, '-movflags')).toBe('+faststart');
    expect(args).toContain('-an');
    expect(args).not.toContain('-shortest');
    expect(args.slice(-5)).toEqual(['-progress', 'pipe:1', '-nostats', '-y', '/out/.v.partial-1-1.mp4']);
  });

  it('maps a second input for audio, resampled to 48 kHz AAC, padded and cut to the video', () => {
    const args = buildEncodeRgbaArgs({ ...base, audioPath: '/a/voice.wav', preset: 'veryfast', crf: 18 });
    expect(args.filter((a, i) => args[i - 1] === '-i')).toEqual(['pipe:0', '/a/voice.wav']);
    expect(args.filter((a, i) => args[i - 1] === '-map')).toEqual(['0:v:0', '1:a:0']);
    expect(valueOf(args, '-c:a')).toBe('aac');
    expect(valueOf(args, '-ar')).toBe('48000');
    expect(valueOf(args, '-af')).toBe('apad');
    expect(args).toContain('-shortest');
    expect(args).not.toContain('-an');
    expect(valueOf(args, '-preset')).toBe('veryfast');
    expect(valueOf(args, '-crf')).toBe('18');
  });

  it('asks for H.264 High, and caps the bitrate with a two-second VBV buffer only when told', () => {
    const plain = buildEncodeRgbaArgs(base);
    expect(valueOf(plain, '-profile:v')).toBe('high');
    expect(plain).not.toContain('-maxrate');
    const capped = buildEncodeRgbaArgs({ ...base, maxBitrateKbps: 12_000, audioPath: '/a/voice.wav', audioBitrateKbps: 192 });
    expect(valueOf(capped, '-maxrate')).toBe('12000k');
    expect(valueOf(capped, '-bufsize')).toBe('24000k');
    expect(valueOf(capped, '-b:a')).toBe('192k');
    expect(() => buildEncodeRgbaArgs({ ...base, maxBitrateKbps: 0 })).toThrow(/maxBitrateKbps/);
  });

  it('passes metadata as -metadata key=value, enabling custom mp4 tags only when a key needs them', () => {
    const standard = buildEncodeRgbaArgs({ ...base, metadata: { comment: 'AI-generated likeness', title: 'Hi = there' } });
    expect(standard.filter((a, i) => standard[i - 1] === '-metadata')).toEqual(['comment=AI-generated likeness', 'title=Hi = there']);
    expect(valueOf(standard, '-movflags')).toBe('+faststart');
    const custom = buildEncodeRgbaArgs({ ...base, metadata: { ai_generated: 'true' } });
    expect(valueOf(custom, '-movflags')).toBe('+faststart+use_metadata_tags');
  });

  it('writes fractional frame rates without float noise', () => {
    expect(valueOf(buildEncodeRgbaArgs({ ...base, fps: 30000 / 1001 }), '-r')).toBe('29.97003');
  });
});

describe('buildPngFromRgbaArgs and buildProbeArgs', () => {
  it('encodes one rgba picture to png on stdout', () => {
    expect(buildPngFromRgbaArgs({ width: 3, height: 2 })).toEqual([
      '-hide_banner', '-nostdin', '-v', 'error',
      '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', '3x2', '-i', 'pipe:0',
      '-frames:v', '1', '-c:v', 'png', '-pix_fmt', 'rgba', '-f', 'image2pipe', 'pipe:1',
    ]);
  });

  it('asks ffprobe for JSON with format and streams, file last', () => {
    expect(buildProbeArgs({ inputPath: '/m/a b.wav' })).toEqual(['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '/m/a b.wav']);
  });
});

describe('protectFileArgs', () => {
  it('makes relative names that look like options or protocols plain files, and leaves the rest alone', () => {
    expect(protectFileArgs(['-v', 'error', '-i', '-face.jpg', '-f', 'wav', '-y', '-out.wav'])).toEqual(['-v', 'error', '-i', './-face.jpg', '-f', 'wav', '-y', './-out.wav']);
    expect(protectFileArgs(['-i', 'take:2.wav', 'pipe:1'])).toEqual(['-i', './take:2.wav', 'pipe:1']);
    expect(protectFileArgs(['-show_streams', '-x.png'])).toEqual(['-show_streams', './-x.png']);
    expect(protectFileArgs(['-i', '/abs/-x.png', '-f', 'null', '-'])).toEqual(['-i', '/abs/-x.png', '-f', 'null', '-']);
    expect(protectFileArgs(['-f', 'lavfi', '-i', 'color=c=red:s=4x2', '-i', 'pipe:0', 'out.mp4'])).toEqual(['-f', 'lavfi', '-i', 'color=c=red:s=4x2', '-i', 'pipe:0', 'out.mp4']);
    expect(protectFileArgs(['-version'])).toEqual(['-version']);
  });
});
