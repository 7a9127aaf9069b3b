import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import opentype, { type Font } from 'opentype.js';
import { EngineError } from '../errors.js';
import type { CaptionFontFile } from './caption-font-files.js';

/** A caption font as libass will size it, with widths measured from the TTF's own advances. */
export interface CaptionFontMetrics {
  file: CaptionFontFile;
  /** ASS `Fontsize` that draws this font at `emPx` pixels per em. */
  assFontSizeFor(emPx: number): number;
  /** Pixels `text` advances when set at `emPx` pixels per em (kerning and Arabic joining applied). */
  measureText(text: string, emPx: number): number;
  hasGlyphsFor(text: string): boolean;
}

/**
 * opentype.js shapes the text first; it cannot apply some lookups the Arabic font uses (chained contexts in
 * `ccmp`) and throws. Then the unshaped advances are summed: isolated Arabic forms are at least as wide as
 * joined ones, so the line breaks a little early rather than overflowing.
 */
function advancePerEm(font: Font, text: string): number {
  try {
    return font.getAdvanceWidth(text, 1, { kerning: true });
  } catch {
    return Array.from(text).reduce((sum, ch) => sum + (font.charToGlyph(ch).advanceWidth ?? 0) / font.unitsPerEm, 0);
  }
}

const cache = new Map<string, CaptionFontMetrics>();

/** Loads (once per file) a bundled caption font from `fontsDir`. */
export function loadCaptionFont(fontsDir: string, file: CaptionFontFile): CaptionFontMetrics {
  const path = join(fontsDir, file.fileName);
  const cached = cache.get(path);
  if (cached) return cached;
  let font: Font;
  try {
    const bytes = readFileSync(path);
    font = opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch (error) {
    throw new EngineError('MODEL_CORRUPT', `The caption font ${path} cannot be read (${(error as Error).message}): run \`npm run build:fonts\`.`, error);
  }
  const metrics = metricsOf(font, file);
  cache.set(path, metrics);
  return metrics;
}

function metricsOf(font: Font, file: CaptionFontFile): CaptionFontMetrics {
  // libass (like VSFilter) sizes a font so that Fontsize = usWinAscent + usWinDescent, not the em.
  const os2 = font.tables.os2;
  const lineUnits = os2 && os2.usWinAscent + os2.usWinDescent > 0 ? os2.usWinAscent + os2.usWinDescent : font.tables.hhea.ascender - font.tables.hhea.descender;
  const assSizePerEm = lineUnits / font.unitsPerEm;
  const widths = new Map<string, number>();
  return {
    file,
    assFontSizeFor: (emPx) => emPx * assSizePerEm,
    measureText(text, emPx) {
      let perEm = widths.get(text);
      if (perEm === undefined) {
        perEm = advancePerEm(font, text);
        widths.set(text, perEm);
      }
      return perEm * emPx;
    },
    hasGlyphsFor: (text) => Array.from(text).every((ch) => /\s/u.test(ch) || font.hasChar(ch)),
  };
}
