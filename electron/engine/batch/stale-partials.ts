import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { isRunning } from './batch-lock.js';

/**
 * Removes the temporary files (`.NAME.partial-PID-N.ext`, see media/atomic-file.ts) that a killed process left
 * beside these outputs. A partial whose writer is still alive is left alone. Returns the paths removed.
 */
export async function removeStalePartials(outDir: string, baseNames: string[]): Promise<string[]> {
  const wanted = new Set(baseNames);
  const entries = await readdir(outDir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const entry of entries) {
    const match = /^\.(.+)\.partial-(\d+)-\d+(\.[^.]*)?$/.exec(entry);
    if (!match || !wanted.has(match[1]) || isRunning(Number(match[2]))) continue;
    const file = path.join(outDir, entry);
    await rm(file, { force: true });
    removed.push(file);
  }
  return removed;
}
