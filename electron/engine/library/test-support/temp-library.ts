import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Shared test inputs, read in place and never copied into the repository (tests/helpers/shared-media.ts). */
export { hasSharedMedia, sharedMedia as resolveSharedMedia } from '../../../../tests/helpers/shared-media.js';

/** A fresh temp folder and its removal. */
export function createTempDir(prefix = 'mouthpiece-library-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function hashFileSync(filePath: string): string {
  return createHash('sha256').update(readFileSync(filePath)).digest('hex');
}
