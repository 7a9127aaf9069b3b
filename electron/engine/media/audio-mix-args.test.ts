import { describe, expect, it } from 'vitest';
import { buildMixAudioArgs } from './audio-mix-args.js';

const valueOf = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('buildMixAudioArgs', () => {
  it('delays each clip to its start, pads all to the full length, and restores the level amix divides', () => {
    const args = buildMixAudioArgs({ clips: [{ path: 'a.wav', startSec: 0 }, { path: 'b.ogg', startSec: 1.25 }], durationSec: 3.5, outPath: 'mix.wav' });
    expect(args.filter((a) => a === '-i')).toHaveLength(2);
    expect(args[args.indexOf('a.wav') - 1]).toBe('-i');
    const graph = valueOf(args, '-filter_complex');
    const [first, second, sum] = graph.split(';');
    expect(first).not.toContain('adelay');
    expect(second).toContain('adelay=1250|1250');
    expect(second).toContain('atrim=end=3.5');
    expect(sum).toBe('[mix_0][mix_1]amix=inputs=2:duration=first:dropout_transition=0,volume=2[mix_out]');
    expect(valueOf(args, '-map')).toBe('[mix_out]');
    expect(valueOf(args, '-t')).toBe('3.5');
    expect(args.at(-1)).toBe('mix.wav');
  });

  it('passes a single clip through without amix', () => {
    const graph = valueOf(buildMixAudioArgs({ clips: [{ path: 'a.wav', startSec: 0.5 }], durationSec: 2, outPath: 'o.wav' }), '-filter_complex');
    expect(graph).not.toContain('amix');
    expect(graph).toContain('adelay=500|500');
  });

  it('turns a clip down by its gain (a clip’s own sound kept under a new voice)', () => {
    const graph = valueOf(buildMixAudioArgs({ clips: [{ path: 'voice.wav', startSec: 0 }, { path: 'clip.mp4', startSec: 0, gainDb: -18 }], durationSec: 2, outPath: 'o.wav' }), '-filter_complex');
    const [voice, clip] = graph.split(';');
    expect(voice).not.toContain('volume');
    expect(clip).toContain('volume=-18dB');
  });

  it('refuses nonsense', () => {
    expect(() => buildMixAudioArgs({ clips: [], durationSec: 1, outPath: 'o.wav' })).toThrow(/no clips/);
    expect(() => buildMixAudioArgs({ clips: [{ path: 'a', startSec: -1 }], durationSec: 1, outPath: 'o.wav' })).toThrow(/starts at -1/);
    expect(() => buildMixAudioArgs({ clips: [{ path: 'a', startSec: 0 }], durationSec: 0, outPath: 'o.wav' })).toThrow(/durationSec/);
  });
});
