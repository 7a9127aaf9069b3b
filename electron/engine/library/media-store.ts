import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { EngineError, InputError, throwIfAborted } from '../errors.js';

/*
 * Content-addressed media store: `<libraryDir>/media/<first 2 hex>/<sha256><ext>`.
 * A file only ever appears under its final name by an atomic rename of a complete, fsynced copy, so a final name
 * always holds the whole content its name promises. Interrupted copies live in `media/.tmp/` and are swept on open.
 */

const chunkBytes = 1 << 20;
const shaPattern = /^[0-9a-f]{64}$/;
const storedNamePattern = /^([0-9a-f]{64})(\.[a-z0-9]{1,10})?$/;

export function resolveMediaDir(libraryDir: string): string {
  return path.join(libraryDir, 'media');
}

function resolveTempDir(libraryDir: string): string {
  return path.join(resolveMediaDir(libraryDir), '.tmp');
}

/** Where the content with this hash lives in the store. */
export function resolveMediaPath({ libraryDir, sha256, ext }: { libraryDir: string; sha256: string; ext: string }): string {
  if (!shaPattern.test(sha256)) throw new Error(`Not a SHA-256 hex digest: ${sha256}`);
  return path.join(resolveMediaDir(libraryDir), sha256.slice(0, 2), `${sha256}${ext}`);
}

/** The extension a stored copy gets: the source's, lower-cased, or '' when it has none or an odd one. */
export function normalizeExtension(filePath: string): string {
  const ext = path.extname(filePath).toLowerCase();
  return /^\.[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

type BytesCallback = (bytesDone: number, totalBytes: number) => void;

function translateFsError({ error, filePath }: { error: unknown; filePath: string }): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EISDIR') return new InputError('FILE_NOT_FOUND', `${filePath} does not exist or is not a file.`, filePath);
  if (code === 'EACCES' || code === 'EPERM') return new InputError('UNREADABLE_MEDIA', `${filePath} cannot be read (permission denied).`, filePath);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new EngineError('DISK_FULL', 'The disk holding the library is full; free some space and import again.', error);
  return error;
}

async function statSourceBytes(filePath: string): Promise<number> {
  try {
    const info = await stat(filePath);
    if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    throw translateFsError({ error, filePath });
  }
}

/** Reads a file in chunks, feeding each to `onChunk`; checks the signal between chunks. */
async function readChunks({ filePath, signal, onChunk }: { filePath: string; signal?: AbortSignal; onChunk: (chunk: Uint8Array) => Promise<void> | void }): Promise<void> {
  let source: FileHandle | undefined;
  try {
    source = await open(filePath, 'r');
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (;;) {
      throwIfAborted(signal);
      const { bytesRead } = await source.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      await onChunk(buffer.subarray(0, bytesRead));
    }
  } catch (error) {
    throw translateFsError({ error, filePath });
  } finally {
    await source?.close();
  }
}

/** SHA-256 of a file, read as a stream (never whole in memory). */
export async function hashFile({ filePath, signal, onBytes }: { filePath: string; signal?: AbortSignal; onBytes?: BytesCallback }): Promise<{ sha256: string; sizeBytes: number }> {
  const totalBytes = await statSourceBytes(filePath);
  const hash = createHash('sha256');
  let bytesDone = 0;
  await readChunks({
    filePath,
    signal,
    onChunk: (chunk) => {
      hash.update(chunk);
      bytesDone += chunk.length;
      onBytes?.(bytesDone, totalBytes);
    },
  });
  return { sha256: hash.digest('hex'), sizeBytes: bytesDone };
}

/** Makes a rename durable: on POSIX the directory entry is only safe once the directory itself is fsynced. */
async function syncDirectory(dirPath: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dirPath, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}

export interface StoreMediaInput {
  libraryDir: string;
  filePath: string;
  /** The hash `hashFile` reported; the copy is verified against it. */
  sha256: string;
  ext: string;
  signal?: AbortSignal;
  onBytes?: BytesCallback;
}

/**
 * Copies a file into the store under its hash. Returns `copied: false` when the content was already there.
 * The copy is written to a temp file, verified against `sha256` (the source may have changed since it was hashed),
 * fsynced, then renamed into place. On any failure or cancellation the temp file is removed.
 */
export async function storeMediaFile({ libraryDir, filePath, sha256, ext, signal, onBytes }: StoreMediaInput): Promise<{ mediaPath: string; copied: boolean }> {
  const mediaPath = resolveMediaPath({ libraryDir, sha256, ext });
  const totalBytes = await statSourceBytes(filePath);
  if (existsSync(mediaPath) && statSync(mediaPath).size === totalBytes) return { mediaPath, copied: false };

  const tempDir = resolveTempDir(libraryDir);
  mkdirSync(tempDir, { recursive: true });
  mkdirSync(path.dirname(mediaPath), { recursive: true });
  const tempPath = path.join(tempDir, `${sha256}-${process.pid}-${randomBytes(6).toString('hex')}.part`);
  let target: FileHandle | undefined;
  let renamed = false;
  try {
    target = await open(tempPath, 'wx');
    const hash = createHash('sha256');
    let bytesDone = 0;
    const handle = target;
    await readChunks({
      filePath,
      signal,
      onChunk: async (chunk) => {
        hash.update(chunk);
        await handle.write(chunk);
        bytesDone += chunk.length;
        onBytes?.(bytesDone, totalBytes);
      },
    });
    if (hash.digest('hex') !== sha256) {
      throw new InputError('UNREADABLE_MEDIA', `${filePath} changed while it was being imported; import it again once it is complete.`, filePath);
    }
    await target.sync();
    await target.close();
    target = undefined;
    throwIfAborted(signal);
    try {
      await rename(tempPath, mediaPath);
    } catch (error) {
      // Windows refuses to replace a file another process holds open; if that file is already the same content
      // (a concurrent import of it won the race), there is nothing left to do.
      if (existsSync(mediaPath) && statSync(mediaPath).size === totalBytes) return { mediaPath, copied: false };
      throw error;
    }
    renamed = true;
    await syncDirectory(path.dirname(mediaPath));
    return { mediaPath, copied: true };
  } catch (error) {
    throw translateFsError({ error, filePath });
  } finally {
    await target?.close().catch(() => undefined);
    if (!renamed) await unlink(tempPath).catch(() => undefined);
  }
}

/** Deletes one stored file; true when it was there. Sync so it can run inside a database transaction. */
export function removeMediaFile({ libraryDir, sha256, ext }: { libraryDir: string; sha256: string; ext: string }): boolean {
  try {
    unlinkSync(resolveMediaPath({ libraryDir, sha256, ext }));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

export interface StoredFile {
  sha256: string;
  ext: string;
  filePath: string;
}

/** Every file under a final name in the store. Files that do not look like ours are left out (and left alone). */
export function listStoredMediaFiles(libraryDir: string): StoredFile[] {
  const mediaDir = resolveMediaDir(libraryDir);
  if (!existsSync(mediaDir)) return [];
  const files: StoredFile[] = [];
  for (const shard of readdirSync(mediaDir, { withFileTypes: true })) {
    if (!shard.isDirectory() || !/^[0-9a-f]{2}$/.test(shard.name)) continue;
    for (const entry of readdirSync(path.join(mediaDir, shard.name), { withFileTypes: true })) {
      const match = storedNamePattern.exec(entry.name);
      if (!entry.isFile() || !match || !match[1].startsWith(shard.name)) continue;
      files.push({ sha256: match[1], ext: match[2] ?? '', filePath: path.join(mediaDir, shard.name, entry.name) });
    }
  }
  return files;
}

/** Removes temp files of copies that never finished, except those of processes that are still running. */
export function removeTempFiles({ libraryDir, isProcessAlive }: { libraryDir: string; isProcessAlive: (pid: number) => boolean }): number {
  const tempDir = resolveTempDir(libraryDir);
  if (!existsSync(tempDir)) return 0;
  let removed = 0;
  for (const name of readdirSync(tempDir)) {
    const pid = Number(/^[0-9a-f]{64}-(\d+)-/.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && isProcessAlive(pid)) continue;
    try {
      unlinkSync(path.join(tempDir, name));
      removed++;
    } catch {
      // Already gone, or a directory someone put there: not ours to force.
    }
  }
  return removed;
}
