import { link, mkdir, mkdtemp, open, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EngineError, InputError } from '../errors.js';
import { isProcessRunning, trackTempPath, untrackTempPath } from './process-debris.js';

let partialCounter = 0;

/**
 * A hidden temporary name next to `outPath` (same folder, so the final rename is atomic), keeping the
 * extension so ffmpeg still picks the right muxer: `out.mp4` → `.out.partial-<pid>-<n>.mp4`.
 */
export function createPartialPath(outPath: string): string {
  const ext = path.extname(outPath);
  const name = path.basename(outPath, ext);
  partialCounter += 1;
  const partialPath = path.join(path.dirname(outPath), `.${name}.partial-${process.pid}-${partialCounter}${ext}`);
  trackTempPath(partialPath);
  return partialPath;
}

export async function ensureParentFolder(outPath: string): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(outPath)), { recursive: true });
  } catch (error) {
    throw toDiskError(error, `cannot create the folder for ${outPath}`);
  }
}

/**
 * Moves the finished temporary file into place. Without `overwrite` the target is claimed exclusively (a hard link,
 * which fails when the name exists), so of two processes finishing the same output at once exactly one gets it and
 * the other fails with OUTPUT_EXISTS; a rename would let the second silently replace the first.
 */
export async function commitPartialFile(input: { partialPath: string; outPath: string; overwrite?: boolean }): Promise<void> {
  const { partialPath, outPath } = input;
  try {
    if (input.overwrite ?? true) await rename(partialPath, outPath);
    else await claimExclusively(partialPath, outPath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new InputError('OUTPUT_EXISTS', `${outPath}: already exists (another run made it while this one worked); nothing was replaced.`, outPath);
    }
    throw toDiskError(error, `cannot move the finished file to ${outPath}`);
  }
  untrackTempPath(partialPath);
}

async function claimExclusively(partialPath: string, outPath: string): Promise<void> {
  try {
    await link(partialPath, outPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Folders without hard links (FAT, some network shares): an O_EXCL claim file, then the rename onto it.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
    await (await open(outPath, 'wx')).close();
    await rename(partialPath, outPath);
    return;
  }
  await unlink(partialPath);
}

export async function removePartialFile(partialPath: string): Promise<void> {
  await rm(partialPath, { force: true }).catch(() => {});
  untrackTempPath(partialPath);
}

/**
 * Makes `outPath` atomically: `write` fills a temporary file beside it, which is renamed into place when `write`
 * succeeds and removed when anything fails, so `outPath` is either whole or untouched.
 */
export async function produceFileAtomic(outPath: string, write: (partialPath: string) => Promise<void>, options: { overwrite?: boolean } = {}): Promise<void> {
  await ensureParentFolder(outPath);
  const partialPath = createPartialPath(outPath);
  try {
    await write(partialPath);
    await commitPartialFile({ partialPath, outPath, overwrite: options.overwrite });
  } catch (error) {
    await removePartialFile(partialPath);
    throw error;
  }
}

/**
 * Writes bytes to `outPath` atomically: a temporary file first, moved into place when complete (replacing an existing
 * file unless `overwrite` is false, see `commitPartialFile`).
 */
export async function writeFileAtomic(outPath: string, bytes: Uint8Array, options: { overwrite?: boolean } = {}): Promise<void> {
  await produceFileAtomic(
    outPath,
    (partialPath) =>
      writeFile(partialPath, bytes).catch((error: unknown) => {
        throw toDiskError(error, `cannot write ${outPath}`);
      }),
    options,
  );
}

/**
 * A new private folder in the system's temporary folder, named `<prefix><pid>-XXXXXX` so a later run can tell a dead
 * process's folder from a live one's (`sweepStaleTempFolders`); `purpose` names it in a disk error. Remove it with
 * `removeTempFolder`.
 */
export async function createTempFolder(prefix: string, purpose: string): Promise<string> {
  try {
    const folder = await mkdtemp(path.join(os.tmpdir(), `${prefix}${process.pid}-`));
    trackTempPath(folder);
    return folder;
  } catch (error) {
    // The temporary folder is ours, not the user's: name what it was for, not where it is.
    throw toDiskError(error, `no room in the temporary folder for ${purpose}`);
  }
}

export async function removeTempFolder(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true }).catch(() => {});
  untrackTempPath(folder);
}

/** Our temporary folders: `mouthpiece-<purpose>-<pid>-XXXXXX`, and the older `mouthpiece-render-XXXXXX` without a pid. */
const TEMP_FOLDER_WITH_PID = /^mouthpiece-[a-z]+-(\d+)-[A-Za-z0-9]{6}$/;
const TEMP_FOLDER_WITHOUT_PID = /^mouthpiece-(render|preview)-[A-Za-z0-9]{6}$/;
/** A folder of the old pid-less form is taken for a dead run's once nobody has touched it for this long. */
const PIDLESS_STALE_AFTER_MS = 6 * 3600_000;

/**
 * Removes the temporary folders that processes which no longer run left in the system's temporary folder (a kill -9,
 * a power cut). Folders of live processes are left alone. Returns how many were removed; never throws.
 */
export async function sweepStaleTempFolders(tempDir = os.tmpdir()): Promise<number> {
  const entries = await readdir(tempDir).catch(() => [] as string[]);
  let removed = 0;
  for (const entry of entries) {
    const withPid = TEMP_FOLDER_WITH_PID.exec(entry);
    const folder = path.join(tempDir, entry);
    if (withPid) {
      const pid = Number(withPid[1]);
      if (pid === process.pid || isProcessRunning(pid)) continue;
    } else if (TEMP_FOLDER_WITHOUT_PID.test(entry)) {
      const info = await stat(folder).catch(() => null);
      if (!info || Date.now() - info.mtimeMs < PIDLESS_STALE_AFTER_MS) continue;
    } else continue;
    await rm(folder, { recursive: true, force: true }).then(
      () => (removed += 1),
      () => {},
    );
  }
  return removed;
}

/**
 * Removes the hidden temporary files (`.NAME.partial-PID-N.ext`) that processes no longer running left beside
 * `outPath`. Returns the paths removed; never throws.
 */
export async function sweepStalePartials(outPath: string): Promise<string[]> {
  const folder = path.dirname(path.resolve(outPath));
  const name = path.basename(outPath, path.extname(outPath));
  const entries = await readdir(folder).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const match = /^\.(.+)\.partial-(\d+)-\d+(\.[^.]*)?$/.exec(entry);
    if (!match || match[1] !== name || Number(match[2]) === process.pid || isProcessRunning(Number(match[2]))) continue;
    const file = path.join(folder, entry);
    await rm(file, { force: true }).then(() => removed.push(file), () => {});
  }
  return removed;
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
    await removePartialFile(probe);
  }
}

function describeUnwritableFolder(error: unknown, folder: string): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EROFS') return new InputError('UNWRITABLE_OUTPUT', `${folder}: the output folder is on a read-only disk; choose another folder.`, folder);
  if (code === 'EACCES' || code === 'EPERM') return new InputError('UNWRITABLE_OUTPUT', `${folder}: no permission to write in the output folder; choose another folder.`, folder);
  if (code === 'ENOTDIR' || code === 'EEXIST') return new InputError('UNWRITABLE_OUTPUT', `${folder}: part of the output path is a file, not a folder.`, folder);
  return toDiskError(error, `cannot write in the output folder ${folder}`);
}
