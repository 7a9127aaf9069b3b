import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { sourcePresetSize } from '../render/output-presets.js';
import {
  BUILTIN_EXPORT_PRESETS, encodeSettingsFor, framingForSize, maxBitrateForSize, parseCustomExportPreset, resolveExportPreset, toOutputPreset,
} from './export-presets.js';

const custom = (settings: Record<string, unknown>) => parseCustomExportPreset({ name: 'story', width: 1080, height: 1920, fps: 30, ...settings });

describe('built-in export presets', () => {
  it('are the four sizes of the issue at 30 fps, with a bitrate cap and 192 kbit/s audio', () => {
    const sizes = Object.fromEntries(BUILTIN_EXPORT_PRESETS.map((p) => [p.name, p.size ? `${p.size.width}x${p.size.height}` : 'source']));
    expect(sizes).toEqual({ reel: '1080x1920', square: '1080x1080', landscape: '1920x1080', source: 'source' });
    for (const preset of BUILTIN_EXPORT_PRESETS) {
      expect(preset).toMatchObject({ builtin: true, fps: 30, audioBitrateKbps: 192, framing: preset.name });
      expect(preset.maxBitrateKbps).toBeGreaterThanOrEqual(8_000);
    }
  });

  it('resolve by name, ignoring case, and say which names exist when one is unknown', () => {
    expect(resolveExportPreset('Reel').size).toEqual({ width: 1080, height: 1920 });
    const mine = custom({ name: 'Story45', width: 1080, height: 1350 });
    expect(resolveExportPreset('story45', [mine])).toBe(mine);
    const error = (() => {
      try {
        resolveExportPreset('tiktok', [mine]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ code: 'BAD_ARGUMENT', message: 'unknown export preset "tiktok"; use one of reel, square, landscape, source, Story45.' });
  });

  it('give the source preset the picture size and a cap scaled to it', () => {
    const source = resolveExportPreset('source');
    const size = sourcePresetSize(3001, 2000);
    const settings = encodeSettingsFor(source, size);
    expect(settings).toMatchObject({ width: 3000, height: 2000, fps: 30, crf: 20 });
    expect(settings.maxBitrateKbps).toBe(Math.round((12_000 * 3000 * 2000) / (1920 * 1080)));
    expect(encodeSettingsFor(source, { width: 480, height: 360 }).maxBitrateKbps).toBe(1_000);
    expect(encodeSettingsFor(resolveExportPreset('reel'), size)).toMatchObject({ width: 1080, height: 1920, maxBitrateKbps: 12_000 });
  });
});

describe('custom export presets', () => {
  it('derive the framing from the shape when not given', () => {
    expect(framingForSize(1080, 1920)).toBe('reel');
    expect(framingForSize(1000, 1400)).toBe('reel');
    expect(framingForSize(1080, 1350)).toBe('square'); // 4:5
    expect(framingForSize(1440, 1080)).toBe('square'); // 4:3
    expect(framingForSize(1920, 1080)).toBe('landscape');
    expect(custom({ width: 1280, height: 720 }).framing).toBe('landscape');
    expect(custom({ framing: 'square' }).framing).toBe('square');
  });

  it('fill defaults: CRF 20, veryfast, a cap at the built-ins bits per pixel, 192 kbit/s', () => {
    const preset = custom({ width: 720, height: 1280, fps: 25 });
    expect(preset).toMatchObject({ name: 'story', label: 'story', builtin: false, size: { width: 720, height: 1280 }, crf: 20, x264Preset: 'veryfast', audioBitrateKbps: 192 });
    expect(preset.maxBitrateKbps).toBe(maxBitrateForSize(720, 1280, 25));
    expect(preset.maxBitrateKbps).toBeLessThan(12_000 * (720 * 1280 * 25) / (1080 * 1920 * 30) + 1);
  });

  it('frame at their own size with their framing rule', () => {
    const out = toOutputPreset(custom({ width: 1080, height: 1350 }));
    expect(out).toMatchObject({ name: 'square', size: { width: 1080, height: 1350 } });
    expect(toOutputPreset(resolveExportPreset('source')).size).toBeUndefined();
  });

  it.each([
    [{ name: '' }, /name: a preset needs a name/],
    [{ name: 'x'.repeat(41) }, /at most 40 characters/],
    [{ name: 'REEL' }, /cannot be a built-in one \(reel, square, landscape, source\)/],
    [{ name: 'my/preset' }, /letters, digits/],
    [{ width: 1081 }, /width: width must be even/],
    [{ height: 100 }, /height: height must be at least 144/],
    [{ width: 5000 }, /at most 4096/],
    [{ fps: 0 }, /fps must be at least 1/],
    [{ fps: 120 }, /fps must be at most 60/],
    [{ crf: 10 }, /crf must be at least 14/],
    [{ crf: 40 }, /crf must be at most 35/],
    [{ framing: 'source' }, /framing/],
    [{ x264Preset: 'placebo' }, /x264Preset/],
    [{ bitrate: 5 }, /bitrate/],
  ])('refuse %o', (settings, message) => {
    expect(() => custom(settings)).toThrow(message);
    expect(() => custom(settings)).toThrow(InputError);
  });
});
