import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface WorkerEvent {
  event: 'opened' | 'importing' | 'copying' | 'analysing' | 'imported' | 'done';
  file?: string;
  kind?: string;
  created?: boolean;
}

export interface WorkerRun {
  events: WorkerEvent[];
  /** 'SIGKILL' when we killed it; null when it ended by itself. */
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
}

const workerPath = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-worker.ts');

/**
 * Runs `import-worker.ts` in a child Node process and SIGKILLs it when `killWhen` says so (or `killAfterMs` after it
 * opened the library). Resolves when the process has gone.
 */
export function runImportWorker({ input, killWhen, killAfterMs, timeoutMs = 60_000 }: {
  input: { libraryDir: string; files: string[]; analyzeDelayMs: number; pauseAtCopyOf?: string };
  killWhen?: (event: WorkerEvent) => boolean;
  killAfterMs?: number;
  timeoutMs?: number;
}): Promise<WorkerRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath, JSON.stringify(input)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: WorkerEvent[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const guard = setTimeout(kill, timeoutMs);
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as WorkerEvent;
    events.push(event);
    if (killWhen?.(event)) kill();
    if (event.event === 'opened' && killAfterMs !== undefined) setTimeout(kill, killAfterMs);
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(guard);
      resolve({ events, signal, exitCode, stderr });
    });
  });
}
