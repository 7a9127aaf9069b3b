/**
 * What this process has on disk and running that must not outlive it: temporary files and folders, and child
 * processes (ffmpeg). A host that exits early (the CLI on a signal, or when its parent dies) calls
 * `removeProcessDebrisSync` on its way out, so a kill at any moment leaves nothing behind. Entries are added when a
 * temporary is made or a child started, and dropped when the owner finishes with it the ordinary way.
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';

const tempPaths = new Set<string>();
const children = new Set<ChildProcess>();

export function trackTempPath(filePath: string): void {
  tempPaths.add(filePath);
}

export function untrackTempPath(filePath: string): void {
  tempPaths.delete(filePath);
}

export function trackChildProcess(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** How many started children have not exited yet. */
export function liveChildProcessCount(): number {
  return children.size;
}

/** Kills every tracked child at once and removes every tracked temporary; safe to call in an 'exit' handler. */
export function removeProcessDebrisSync(): void {
  for (const child of children) killProcessGroup(child, 'SIGKILL');
  children.clear();
  for (const filePath of tempPaths) {
    try {
      rmSync(filePath, { recursive: true, force: true });
    } catch {
      // nothing more can be done on the way out
    }
  }
  tempPaths.clear();
}

/** Signals a child and everything in its process group (children are started detached, as group leaders). */
export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Whether a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isProcessRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
