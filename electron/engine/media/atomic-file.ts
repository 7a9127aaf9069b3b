import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EngineError, InputError } from '../errors.js';

let partialCounter = 0;

/**
 * A hidden temporary name next to `outPath` (same folder, so the final rename is atomic), keeping the
 * extension so ffmpeg still picks the right muxer: `out.mp4` → `.out.partial-<pid>-<n>.mp4`.
 */
export function createPartialPath(outPath: string): string {
  const ext = path.extname(outPath);
  const name = path.basename(outPath, ext);
  partialCounter += 1;
  return path.join(path.dirname(outPath), `.${name}.partial-${process.pid}-${partialCounter}${ext}`);
}

export async function ensureParentFolder(outPath: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  } catch (error) {
    throw toDiskError(error, `cannot create the folder for ${outPath}`);
  }
}

/** Moves the finished temporary file into place. */
export async function commitPartialFile(input: { partialPath: string; outPath: string }): Promise<void> {
  try {
    await rename(input.partialPath, input.outPath);
  } catch (error) {
    throw toDiskError(error, `cannot move the finished file to ${input.outPath}`);
  }
}

export async function removePartialFile(partialPath: string): Promise<void> {
  await rm(partialPath, { force: true }).catch(() => {});
}

/**
 * Makes `outPath` atomically: `write` fills a temporary file beside it, which is renamed into place when `write`
 * succeeds and removed when anything fails, so `outPath` is either whole or untouched.
 */
export async function produceFileAtomic(outPath: string, write: (partialPath: string) => Promise<void>): Promise<void> {
  await ensureParentFolder(outPath);
  const partialPath = createPartialPath(outPath);
  try {
    await write(partialPath);
    await commitPartialFile({ partialPath, outPath });
  } catch (error) {
    await removePartialFile(partialPath);
    throw error;
  }
}

/** Writes bytes to `outPath` atomically: a temporary file first, renamed when complete. */
export async function writeFileAtomic(outPath: string, bytes: Uint8Array): Promise<void> {
  await produceFileAtomic(outPath, (partialPath) =>
    writeFile(partialPath, bytes).catch((error: unknown) => {
      throw toDiskError(error, `cannot write ${outPath}`);
    }),
  );
}

/** A new private folder in the system's temporary folder, named `<prefix>XXXXXX`; `purpose` names it in a disk error. */
export async function createTempFolder(prefix: string, purpose: string): Promise<string> {
  try {
    return await mkdtemp(path.join(os.tmpdir(), prefix));
  } catch (error) {
    throw toDiskError(error, `cannot create a temporary folder for ${purpose}`);
  }
}

/** ENOSPC becomes EngineError DISK_FULL; other file-system errors keep their code in the message. */
export function toDiskError(error: unknown, what: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new EngineError('DISK_FULL', `The disk is full: ${what}.`, error);
  if (error instanceof Error && code) {
    error.message = `${what}: ${error.message}`;
    return error;
  }
  return error instanceof Error ? error : new Error(`${what}: ${String(error)}`);
}

/**
 * Fails early, saying why in words, when no file can be created in the folder `outPath` goes to (read-only disk, no
 * permission, full disk), before minutes of rendering are spent on it. Leaves nothing behind.
 */
export async function assertWritableFolder(outPath: string): Promise<void> {
  const folder = path.dirname(path.resolve(outPath));
  const probe = createPartialPath(outPath);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(probe, '');
  } catch (error) {
    throw describeUnwritableFolder(error, folder);
  } finally {
    await rm(probe, { force: true }).catch(() => {});
  }
}

function describeUnwritableFolder(error: unknown, folder: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EROFS') return new InputError('UNWRITABLE_OUTPUT', `${folder}: the output folder is on a read-only disk; choose another folder.`, folder);
  if (code === 'EACCES' || code === 'EPERM') return new InputError('UNWRITABLE_OUTPUT', `${folder}: no permission to write in the output folder; choose another folder.`, folder);
  if (code === 'ENOTDIR' || code === 'EEXIST') return new InputError('UNWRITABLE_OUTPUT', `${folder}: part of the output path is a file, not a folder.`, folder);
  return toDiskError(error, `cannot write in the output folder ${folder}`);
}
