import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';

/** Locks this process holds: its own pid in a lock file cannot tell a second run here from a stale lock. */
const heldHere = new Set<string>();

/**
 * One process per batch: a lock file holding the owner's pid. A lock left by a process that no longer runs (killed,
 * crashed) is taken over, which is exactly the resume case; so is one holding this process's own pid when this
 * process does not hold it (a container gives each run the same pid).
 */
export async function acquireBatchLock(lockPath: string, what: string): Promise<() => Promise<void>> {
  const key = path.resolve(lockPath);
  if (heldHere.has(key)) throw new InputError('BAD_ARGUMENT', `${what} is already running in this process; wait for it to finish.`);
  await mkdir(path.dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      heldHere.add(key);
      return async () => {
        heldHere.delete(key);
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) {
      throw new InputError('BAD_ARGUMENT', `${what} is already running in process ${owner}; wait for it or stop it first.`);
    }
    await rm(lockPath, { force: true });
  }
  throw new InputError('BAD_ARGUMENT', `${what}: could not take its lock file ${lockPath}.`);
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
