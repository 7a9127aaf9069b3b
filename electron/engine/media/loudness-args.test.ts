import { describe, expect, it } from 'vitest';
import { buildApplyLoudnessArgs, buildMeasureLoudnessArgs, parseLoudnormSummary } from './loudness-args.js';

const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

// stderr as the bundled ffmpeg prints it after `-af loudnorm=print_format=json -f null -`.
const SPEECH_LINES = [
  'Stream mapping:',
  '  Stream #0:0 -> #0:0 (pcm_s16le (native) -> pcm_s16le (native))',
  'size=N/A time=00:00:11.00 bitrate=N/A speed= 245x',
  'video:0kB audio:4125kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown',
  '[Parsed_loudnorm_3 @ 0x3e037180] ',
  '{',
  '\t"input_i" : "-15.94",',
  '\t"input_tp" : "-2.12",',
  '\t"input_lra" : "4.00",',
  '\t"input_thresh" : "-27.13",',
  '\t"output_i" : "-14.92",',
  '\t"output_tp" : "-1.19",',
  '\t"output_lra" : "3.90",',
  '\t"output_thresh" : "-26.17",',
  '\t"normalization_type" : "dynamic",',
  '\t"target_offset" : "0.92"',
  '}',
];

describe('parseLoudnormSummary', () => {
  it('reads the input figures of the JSON block', () => {
    expect(parseLoudnormSummary(SPEECH_LINES)).toEqual({ integratedLufs: -15.94, truePeakDbtp: -2.12, loudnessRangeLu: 4, thresholdLufs: -27.13 });
  });

  it('turns "-inf" (silence) into -Infinity', () => {
    const silent = SPEECH_LINES.map((line) => line.replace('"-15.94"', '"-inf"').replace('"-2.12"', '"-inf"'));
    expect(parseLoudnormSummary(silent)).toMatchObject({ integratedLufs: -Infinity, truePeakDbtp: -Infinity });
  });

  it('returns null for a missing, cut-off or garbled summary', () => {
    expect(parseLoudnormSummary(SPEECH_LINES.slice(0, 4))).toBeNull();
    expect(parseLoudnormSummary(SPEECH_LINES.slice(0, -1))).toBeNull();
    expect(parseLoudnormSummary(SPEECH_LINES.map((line) => line.replace('"-2.12"', '"n/a"')))).toBeNull();
    expect(parseLoudnormSummary(SPEECH_LINES.map((line) => line.replace('"input_i" :', '"input_i" ')))).toBeNull();
  });
});

describe('loudness arguments', () => {
  it('measures the first audio stream at info level, as 48 kHz stereo, padded by 0.4 s', () => {
    const args = buildMeasureLoudnessArgs({ inputPath: '/in/clip.mp4' });
    expect(valueOf(args, '-v')).toBe('info');
    expect(valueOf(args, '-map')).toBe('0:a:0');
    expect(valueOf(args, '-af')).toBe('aresample=48000,aformat=sample_fmts=flt:channel_layouts=stereo,apad=pad_len=19200,loudnorm=print_format=json');
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
  });

  it('applies gain, then limits at 4× the rate to the ceiling, and writes 48 kHz stereo WAV', () => {
    const args = buildApplyLoudnessArgs({ inputPath: '/in/v.ogg', outPath: '/out/.v.partial.wav', gainDb: 7.25, ceilingDbtp: -1.5 });
    expect(valueOf(args, '-af')).toBe(
      'aresample=48000,aformat=sample_fmts=flt:channel_layouts=stereo,volume=7.25dB,aresample=192000,alimiter=limit=0.841395:attack=1:release=60:level=false,aresample=48000',
    );
    expect(valueOf(args, '-ar')).toBe('48000');
    expect(valueOf(args, '-ac')).toBe('2');
    expect(valueOf(args, '-c:a')).toBe('pcm_s16le');
    expect(args.at(-1)).toBe('/out/.v.partial.wav');
    expect(() => buildApplyLoudnessArgs({ inputPath: 'a', outPath: 'b', gainDb: 0, ceilingDbtp: 1 })).toThrow(/ceilingDbtp/);
  });
});
