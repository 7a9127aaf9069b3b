/**
 * Build step (runs after `npm ci`): copies the caption fonts (Noto Sans and its Arabic, Hebrew, Simplified
 * Chinese and Korean siblings, SIL OFL 1.1) from their npm packages into resources/fonts/ttf/ (license in
 * resources/fonts/OFL.txt), where libass
 * (the ffmpeg `ass` filter, `fontsdir=`) and the caption layout's measurements read them. Generated, never
 * committed. Files already there with the same size and modification time are left alone.
 */
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAPTION_FONT_FILES, CAPTION_FONTS_LICENSE_FILE, CAPTION_FONTS_SUBDIR } from '../electron/engine/captions/caption-font-files.js';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const outDir = join(repoRoot, 'resources', 'fonts');
const fontDir = join(outDir, CAPTION_FONTS_SUBDIR);

function packageDir(packageName: string): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve(`${packageName}/package.json`));
}

function isSameFile(source: string, target: string): boolean {
  if (!existsSync(target)) return false;
  const a = statSync(source);
  const b = statSync(target);
  return a.size === b.size && Math.abs(a.mtimeMs - b.mtimeMs) < 2;
}

/** Copies through a temporary name so an interrupted run never leaves a truncated font behind. */
async function copyAtomically(source: string, target: string): Promise<void> {
  const partial = `${target}.partial-${process.pid}`;
  await copyFile(source, partial);
  const { atime, mtime } = statSync(source);
  await utimes(partial, atime, mtime);
  await rename(partial, target);
}

async function buildFonts(): Promise<void> {
  const started = Date.now();
  await mkdir(fontDir, { recursive: true });
  let copied = 0;
  const licenses: string[] = [];
  for (const font of CAPTION_FONT_FILES) {
    const dir = packageDir(font.npmPackage);
    const source = join(dir, font.packagePath);
    if (!existsSync(source)) throw new Error(`build:fonts: ${source} is missing; is ${font.npmPackage} installed (npm ci)?`);
    const target = join(fontDir, font.fileName);
    if (!isSameFile(source, target)) {
      await copyAtomically(source, target);
      copied += 1;
    }
    const license = (await readFile(join(dir, 'LICENSE_FONT'), 'utf8')).trim();
    if (!licenses.includes(license)) licenses.push(license);
  }
  const licenseText = `Fonts in this folder (${CAPTION_FONT_FILES.map((f) => f.fileName).join(', ')}) are licensed under the SIL Open Font License 1.1.\n\n${licenses.join('\n\n')}\n`;
  const licensePath = join(outDir, CAPTION_FONTS_LICENSE_FILE);
  if (!existsSync(licensePath) || (await readFile(licensePath, 'utf8')) !== licenseText) await writeFile(licensePath, licenseText);
  console.log(`caption fonts: ${copied} copied, ${CAPTION_FONT_FILES.length - copied} up to date in ${Date.now() - started} ms → resources/fonts/${CAPTION_FONTS_SUBDIR}/`);
}

await buildFonts();
