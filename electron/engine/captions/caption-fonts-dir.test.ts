import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { CAPTION_FONT_FILES } from './caption-font-files.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { loadCaptionFont } from './font-metrics.js';

describe('captionFontsDir', () => {
  it('finds the fonts npm run build:fonts copied into the checkout, with the family names libass matches', () => {
    const dir = captionFontsDir({ env: {} });
    expect(dir.endsWith(path.join('resources', 'fonts', 'ttf'))).toBe(true);
    for (const file of CAPTION_FONT_FILES) expect(loadCaptionFont(dir, file).file.family).toBe(file.family);
    expect(loadCaptionFont(dir, CAPTION_FONT_FILES.find((f) => f.script === 'han')!).hasGlyphsFor('你好世界')).toBe(true);
    expect(loadCaptionFont(dir, CAPTION_FONT_FILES[0]).hasGlyphsFor('你好')).toBe(false);
  });

  it('names the folder and the fix when fonts are missing', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-nofonts-'));
    try {
      expect(() => captionFontsDir({ fontsDir: empty })).toThrow(EngineError);
      expect(() => captionFontsDir({ env: { MOUTHPIECE_FONTS_DIR: empty } })).toThrow(/missing from .*mouthpiece-nofonts-.*run `npm run build:fonts`/u);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
