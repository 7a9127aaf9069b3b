import { describe, expect, it } from 'vitest';
import { presetFrameSize } from './render-job.js';
import { buildSoundtrackArgs } from './soundtrack-args.js';

describe('presetFrameSize', () => {
  it.each([
    ['reel', 1080, 1920],
    ['square', 1080, 1080],
    ['landscape', 1920, 1080],
  ] as const)('%s is %i×%i whatever the source', (preset, width, height) => {
    expect(presetFrameSize(preset, { width: 333, height: 777 })).toEqual({ width, height });
  });

  it('source keeps the aspect, caps the long side at 1920 and rounds to even pixels', () => {
    expect(presetFrameSize('source', { width: 511, height: 383 })).toEqual({ width: 512, height: 384 });
    expect(presetFrameSize('source', { width: 4000, height: 3000 })).toEqual({ width: 1920, height: 1440 });
  });
});

describe('buildSoundtrackArgs', () => {
  it('makes silence of the exact length when nothing is recorded', () => {
    const args = buildSoundtrackArgs({ clips: [], durationSec: 2.5, outPath: '/tmp/s.wav' });
    expect(args).toEqual(expect.arrayContaining(['anullsrc=r=48000:cl=mono', '-t', '2.500']));
  });

  it('trims, delays and mixes each clip, undoing amix\'s division', () => {
    const args = buildSoundtrackArgs({
      clips: [
        { path: '/a.wav', start: 0, trimStart: 1, trimEnd: 2 },
        { path: '/b.ogg', start: 1.25, trimStart: 0, trimEnd: 0.5 },
      ],
      durationSec: 3,
      outPath: '/tmp/s.wav',
    });
    const graph = args[args.indexOf('-filter_complex') + 1];
    expect(args.filter((arg) => arg === '-i')).toHaveLength(2);
    expect(graph).toContain('[0:a]atrim=start=1.000:end=2.000');
    expect(graph).toContain('adelay=1250[c1]');
    expect(graph).toContain('amix=inputs=2:duration=longest,volume=2,apad[out]');
    expect(args.at(-1)).toBe('/tmp/s.wav');
  });
});
