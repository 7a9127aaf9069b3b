/**
 * Build step (runs after `npm ci`): copies the caption fonts (Noto Sans and its Arabic, Hebrew, Simplified
 * Chinese and Korean siblings, SIL OFL 1.1) from their npm packages into resources/fonts/ttf/ (license in
 * resources/fonts/OFL.txt), where libass
 * (the ffmpeg `ass` filter, `fontsdir=`) and the caption layout's measurements read them. Generated, never
 * committed. Files already there with the same size and modification time are left alone.
 */
import { existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CAPTION_FONT_FILES, CAPTION_FONTS_LICENSE_FILE, CAPTION_FONTS_SUBDIR } from '../electron/engine/captions/caption-font-files.js';

const repoRoot = dirname(dirname(fileURLToPath(import.meta.url)));

export interface BuildFontsOptions {
  /** resources/fonts of the checkout unless told; the TTFs go to its `ttf/` folder. */
  outDir?: string;
  /** Folder of an installed npm package; node's resolution from this script unless told. Null when it is not installed. */
  packageDir?: (packageName: string) => string | null;
}

export interface BuildFontsResult {
  copied: number;
  upToDate: number;
}

function installedPackageDir(packageName: string): string | null {
  try {
    return dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  } catch {
    return null;
  }
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
  try {
    await copyFile(source, partial);
    const { atime, mtime } = statSync(source);
    await utimes(partial, atime, mtime);
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * Copies every caption font and writes the license file. Checks every package first, so a missing one fails the
 * build before anything is copied, with one message naming each missing package and what to run.
 */
export async function buildCaptionFonts(options: BuildFontsOptions = {}): Promise<BuildFontsResult> {
  const outDir = options.outDir ?? join(repoRoot, 'resources', 'fonts');
  const fontDir = join(outDir, CAPTION_FONTS_SUBDIR);
  const packageDir = options.packageDir ?? installedPackageDir;
  const sources = CAPTION_FONT_FILES.map((font) => {
    const dir = packageDir(font.npmPackage);
    return { font, dir, ttf: dir === null ? null : join(dir, font.packagePath) };
  });
  const problems = sources.flatMap(({ font, dir, ttf }) => {
    if (dir === null) return [`${font.npmPackage} is not installed`];
    if (!ttf || !existsSync(ttf)) return [`${font.npmPackage} has no ${font.packagePath}`];
    if (!existsSync(join(dir, 'LICENSE_FONT'))) return [`${font.npmPackage} has no LICENSE_FONT`];
    return [];
  });
  if (problems.length > 0) {
    throw new Error(`build:fonts: ${[...new Set(problems)].join('; ')}. Run \`npm ci\` to install the caption font packages.`);
  }
  await mkdir(fontDir, { recursive: true });
  let copied = 0;
  const licenses: string[] = [];
  for (const { font, dir, ttf } of sources) {
    const target = join(fontDir, font.fileName);
    if (!isSameFile(ttf!, target)) {
      await copyAtomically(ttf!, target);
      copied += 1;
    }
    const license = (await readFile(join(dir!, 'LICENSE_FONT'), 'utf8')).trim();
    if (!licenses.includes(license)) licenses.push(license);
  }
  const licenseText = `Fonts in this folder (${CAPTION_FONT_FILES.map((f) => f.fileName).join(', ')}) are licensed under the SIL Open Font License 1.1.\n\n${licenses.join('\n\n')}\n`;
  const licensePath = join(outDir, CAPTION_FONTS_LICENSE_FILE);
  if (!existsSync(licensePath) || (await readFile(licensePath, 'utf8')) !== licenseText) await writeFile(licensePath, licenseText);
  return { copied, upToDate: CAPTION_FONT_FILES.length - copied };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    const { copied, upToDate } = await buildCaptionFonts();
    console.log(`caption fonts: ${copied} copied, ${upToDate} up to date in ${Date.now() - started} ms → resources/fonts/${CAPTION_FONTS_SUBDIR}/`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
