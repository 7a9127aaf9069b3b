import { describe, expect, it } from 'vitest';
import { buildApplyLoudnessArgs, buildMeasureLoudnessArgs, parseEbur128Summary } from './loudness-args.js';

const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

// The end of stderr as the bundled ffmpeg prints it for buildMeasureLoudnessArgs (en_jfk_inaugural.wav).
const JFK_LINES = [
  '[Parsed_ametadata_4 @ 0x2e90ab00] frame:112  pts:537600  pts_time:11.2',
  '[Parsed_ametadata_4 @ 0x2e90ab00] lavfi.r128.I=-15.473',
  '[Parsed_ametadata_4 @ 0x2e90ab00] frame:113  pts:542400  pts_time:11.3',
  '[Parsed_ametadata_4 @ 0x2e90ab00] lavfi.r128.I=-15.473',
  'size=N/A time=00:00:11.40 bitrate=N/A speed= 298x    ',
  'video:0kB audio:2138kB subtitle:0kB other streams:0kB global headers:0kB muxing overhead: unknown',
  '[Parsed_ebur128_3 @ 0x2e90ba80] Summary:',
  '',
  '  Integrated loudness:',
  '    I:         -15.5 LUFS',
  '    Threshold: -26.8 LUFS',
  '',
  '  Loudness range:',
  '    LRA:         4.2 LU',
  '    Threshold: -37.2 LUFS',
  '    LRA low:   -19.0 LUFS',
  '    LRA high:  -14.8 LUFS',
  '',
  '  True peak:',
  '    Peak:       -5.1 dBFS',
];
const summaryOnly = JFK_LINES.filter((line) => !line.includes('lavfi.r128'));
const replaceIn = (lines: string[], from: string, to: string) => lines.map((line) => line.replace(from, to));

describe('parseEbur128Summary', () => {
  it('reads the summary, with the integrated loudness to three decimals from the metadata', () => {
    expect(parseEbur128Summary(JFK_LINES)).toEqual({ integratedLufs: -15.473, truePeakDbtp: -5.1, loudnessRangeLu: 4.2, thresholdLufs: -26.8 });
  });

  it('falls back to the summary figure without metadata, or when the metadata disagrees with it', () => {
    expect(parseEbur128Summary(summaryOnly)?.integratedLufs).toBe(-15.5);
    expect(parseEbur128Summary(replaceIn(JFK_LINES, 'I=-15.473', 'I=-12.000'))?.integratedLufs).toBe(-15.5);
  });

  it('reads silence: -70 LUFS and a true peak of -inf', () => {
    const silent = replaceIn(replaceIn(summaryOnly, '-15.5 LUFS', '-70.0 LUFS'), '-5.1 dBFS', '-inf dBFS');
    expect(parseEbur128Summary(silent)).toMatchObject({ integratedLufs: -70, truePeakDbtp: -Infinity });
  });

  it('returns null for a missing, cut-off or garbled summary', () => {
    expect(parseEbur128Summary(JFK_LINES.slice(0, 6))).toBeNull();
    expect(parseEbur128Summary(JFK_LINES.slice(0, -1))).toBeNull();
    expect(parseEbur128Summary(replaceIn(JFK_LINES, '-5.1 dBFS', 'n/a dBFS'))).toBeNull();
    expect(parseEbur128Summary(replaceIn(JFK_LINES, 'Summary:', 'Summary: pending'))).toBeNull();
  });
});

describe('loudness arguments', () => {
  it('measures the first audio stream at info level, as 48 kHz stereo, padded to at least 0.4 s', () => {
    const args = buildMeasureLoudnessArgs({ inputPath: '/in/clip.mp4' });
    expect(valueOf(args, '-v')).toBe('info');
    expect(valueOf(args, '-map')).toBe('0:a:0');
    expect(valueOf(args, '-af')).toBe('aresample=48000,aformat=sample_fmts=flt:channel_layouts=stereo,apad=whole_len=19200,ebur128=peak=true:metadata=1,ametadata=mode=print:key=lavfi.r128.I');
    expect(args.slice(-3)).toEqual(['-f', 'null', '-']);
  });

  it('applies gain, then limits at 4× the rate to the ceiling, writes 48 kHz stereo WAV and meters those samples in the same run', () => {
    const args = buildApplyLoudnessArgs({ inputPath: '/in/v.ogg', outPath: '/out/.v.partial.wav', gainDb: 7.25, ceilingDbtp: -1.5 });
    expect(valueOf(args, '-filter_complex')).toBe(
      '[0:a:0]aresample=48000,aformat=sample_fmts=flt:channel_layouts=stereo,volume=7.25dB,aresample=192000,alimiter=limit=0.841395:attack=1:release=60:level=false,aresample=48000,aformat=sample_fmts=s16:channel_layouts=stereo,asplit=2[wav][meter];' +
        '[meter]aresample=48000,aformat=sample_fmts=flt:channel_layouts=stereo,apad=whole_len=19200,ebur128=peak=true:metadata=1,ametadata=mode=print:key=lavfi.r128.I[metered]',
    );
    expect(valueOf(args, '-v')).toBe('info');
    const wavOutput = args.slice(args.lastIndexOf('-map'));
    expect(wavOutput).toEqual(['-map', '[wav]', '-ar', '48000', '-ac', '2', '-c:a', 'pcm_s16le', '-f', 'wav', '-y', '/out/.v.partial.wav']);
    expect(args.slice(args.indexOf('-map'), args.lastIndexOf('-map'))).toEqual(['-map', '[metered]', '-f', 'null', '-']);
    expect(() => buildApplyLoudnessArgs({ inputPath: 'a', outPath: 'b', gainDb: 0, ceilingDbtp: 1 })).toThrow(/ceilingDbtp/);
  });
});
