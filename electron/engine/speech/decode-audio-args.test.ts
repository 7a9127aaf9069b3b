import { describe, expect, it } from 'vitest';
import { buildDecodePcmArgs } from './decode-audio-args.js';

describe('buildDecodePcmArgs', () => {
  it('asks for the first audio stream as 16 kHz mono float on stdout', () => {
    const args = buildDecodePcmArgs({ inputPath: '/in/talk.mp4' });
    expect(args.slice(args.indexOf('-i'), args.indexOf('-i') + 4)).toEqual(['-i', '/in/talk.mp4', '-map', '0:a:0']);
    expect(args).toContain('-vn');
    expect(args[args.indexOf('-ac') + 1]).toBe('1');
    expect(args[args.indexOf('-ar') + 1]).toBe('16000');
    expect(args.slice(-3)).toEqual(['-f', 'f32le', 'pipe:1']);
  });

  it('can produce 16-bit integers at another rate', () => {
    const args = buildDecodePcmArgs({ inputPath: 'a.wav', sampleRateHz: 22050, sampleFormat: 's16le' });
    expect(args[args.indexOf('-ar') + 1]).toBe('22050');
    expect(args[args.indexOf('-c:a') + 1]).toBe('pcm_s16le');
    expect(args.slice(-3)).toEqual(['-f', 's16le', 'pipe:1']);
  });

  it('refuses a nonsensical sample rate', () => {
    expect(() => buildDecodePcmArgs({ inputPath: 'a.wav', sampleRateHz: 0 })).toThrow(RangeError);
  });
});
