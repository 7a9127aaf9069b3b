import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export class UploadError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A file name from the page, reduced to one harmless path segment that keeps its extension. */
export function sanitizeUploadName(name: string | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f<>:"|?*]+/g, '_').replace(/^\.+/, '').trim().slice(-120);
  return cleaned === '' ? 'upload' : cleaned;
}

/**
 * Streams a request body into `<uploadDir>/<random>/<name>`, refusing more than `maxBytes` (checked against the
 * declared length first, then while counting). Returns the file and a function that removes it again.
 */
export async function receiveUpload(request: IncomingMessage, { uploadDir, name, maxBytes }: { uploadDir: string; name: string; maxBytes: number }): Promise<{ filePath: string; dispose(): Promise<void> }> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw new UploadError(413, `${name} is larger than the ${Math.round(maxBytes / 2 ** 20)} MB an upload may be.`);
  const dir = await mkdtemp(path.join(uploadDir, 'upload-'));
  const filePath = path.join(dir, name);
  const dispose = () => rm(dir, { recursive: true, force: true });
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxBytes) callback(new UploadError(413, `${name} is larger than the ${Math.round(maxBytes / 2 ** 20)} MB an upload may be.`));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(request, limit, createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await dispose();
    throw error instanceof UploadError ? error : new UploadError(400, `${name} could not be received: ${(error as Error).message}`);
  }
  if (received === 0) {
    await dispose();
    throw new UploadError(400, `${name} is empty.`);
  }
  return { filePath, dispose };
}

const UPLOAD_ROOT_PREFIX = 'mouthpiece-bridge-';

/**
 * The bridge's folder for uploads in progress, `$TMPDIR/mouthpiece-bridge-<pid>-…`. Folders of bridges whose process
 * has ended (killed before it could clean up) are removed first.
 */
export async function createUploadRoot(tmpDir = os.tmpdir()): Promise<string> {
  const names = await readdir(tmpDir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^mouthpiece-bridge-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !isProcessAlive(pid)) await rm(path.join(tmpDir, name), { recursive: true, force: true });
  }
  return mkdtemp(path.join(tmpDir, `${UPLOAD_ROOT_PREFIX}${process.pid}-`));
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
