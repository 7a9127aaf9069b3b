import { describe, expect, it } from 'vitest';
import { buildCutAudioArgs } from './audio-cut-args.js';

describe('buildCutAudioArgs', () => {
  it('seeks to the span, takes its length and writes 16-bit PCM WAV', () => {
    const args = buildCutAudioArgs({ inputPath: '/in.ogg', startSec: 1.25, endSec: 3.5, outPath: '/tmp/cut.wav' });
    expect(args.slice(args.indexOf('-ss'), args.indexOf('-i') + 2)).toEqual(['-ss', '1.25', '-t', '2.25', '-i', '/in.ogg']);
    expect(args).toEqual(expect.arrayContaining(['-c:a', 'pcm_s16le']));
    expect(args.at(-1)).toBe('/tmp/cut.wav');
  });

  it('runs to the end of the recording without an end, and refuses an empty or backwards span', () => {
    expect(buildCutAudioArgs({ inputPath: '/in.wav', startSec: 2, outPath: '/o.wav' })).not.toContain('-t');
    expect(() => buildCutAudioArgs({ inputPath: '/in.wav', startSec: 2, endSec: 2, outPath: '/o.wav' })).toThrow(/endSec must be after startSec/);
    expect(() => buildCutAudioArgs({ inputPath: '/in.wav', startSec: -1, outPath: '/o.wav' })).toThrow(/startSec/);
  });
});
