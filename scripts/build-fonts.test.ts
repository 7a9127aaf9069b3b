import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CAPTION_FONT_FILES } from '../electron/engine/captions/caption-font-files.js';
import { buildCaptionFonts } from './build-fonts.js';

const outDir = mkdtempSync(join(tmpdir(), 'mouthpiece-fonts-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build:fonts', () => {
  it('copies every caption font once; a second run copies nothing and changes nothing', async () => {
    expect(await buildCaptionFonts({ outDir })).toEqual({ copied: CAPTION_FONT_FILES.length, upToDate: 0 });
    const ttfDir = join(outDir, 'ttf');
    expect(readdirSync(ttfDir).sort()).toEqual(CAPTION_FONT_FILES.map((f) => f.fileName).sort());
    const before = CAPTION_FONT_FILES.map((f) => statSync(join(ttfDir, f.fileName)).mtimeMs);
    const license = statSync(join(outDir, 'OFL.txt')).mtimeMs;
    expect(await buildCaptionFonts({ outDir })).toEqual({ copied: 0, upToDate: CAPTION_FONT_FILES.length });
    expect(CAPTION_FONT_FILES.map((f) => statSync(join(ttfDir, f.fileName)).mtimeMs)).toEqual(before);
    expect(statSync(join(outDir, 'OFL.txt')).mtimeMs).toBe(license);
  });

  it('names a missing font package and what to run, before copying anything', async () => {
    const emptyOut = join(outDir, 'missing');
    const missing = CAPTION_FONT_FILES[CAPTION_FONT_FILES.length - 1].npmPackage;
    const real = (name: string) => (name === missing ? null : join(process.cwd(), 'node_modules', name));
    await expect(buildCaptionFonts({ outDir: emptyOut, packageDir: real })).rejects.toThrow(`build:fonts: ${missing} is not installed. Run \`npm ci\``);
    expect(existsSync(emptyOut)).toBe(false);
    const noFile = (name: string) => join(outDir, 'no-such-package', name);
    await expect(buildCaptionFonts({ outDir: emptyOut, packageDir: noFile })).rejects.toThrow(/has no 500Medium\/NotoSans_500Medium\.ttf/);
  });
});
