import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './run-cli.js';

/** A `mouthpiece` process a farm test started and must stop: its output so far, lines awaited, its exit. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stderr line that matches (now or later); rejects after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<number | null>;
  /** Stops the process (SIGKILL unless told) and waits for it; a no-op when it already ended. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const check of waiters) check();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = err.split('\n').find((candidate) => pattern.test(candidate));
          if (line === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(line);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms; stderr so far:\n${err.slice(-2000)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    exited,
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** `mouthpiece worker` on a farm, with its own input cache; short locks so a killed worker's job moves on quickly. */
export function startFarmWorkerProcess({ url, cacheDir, lockSec = 4, env = {} }: { url: string; cacheDir: string; lockSec?: number; env?: NodeJS.ProcessEnv }): CliProcess {
  return startCli(['worker', '--farm', url, '--cache', cacheDir, '--lock-sec', String(lockSec)], env);
}
