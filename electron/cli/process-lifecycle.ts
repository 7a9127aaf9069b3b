import { removeProcessDebrisSync } from '../engine/media/process-debris.js';

/**
 * How the CLI ends when it is told to stop. Every stop is a cancel: the running command is aborted, ffmpeg is killed
 * and temporary and partial files are removed; the exit code says who stopped it (128 + the signal's number, as
 * shells report it):
 *   SIGINT (Ctrl-C) → 130, SIGTERM (kill) → 143, SIGHUP (terminal closed) → 129,
 *   the parent process gone (e.g. only the `npx` wrapper was killed) → 129, as if its terminal had hung up.
 * Further signals while stopping are ignored (a double Ctrl-C must not kill the process before it has cleaned up);
 * if stopping takes longer than STOP_DEADLINE_MS, whatever is still tracked is removed and the process exits.
 */
export const STOP_EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129, parent: 129 } as const;
export type StopCause = keyof typeof STOP_EXIT_CODES;

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const STOP_DEADLINE_MS = 10_000;
const PARENT_POLL_MS = 250;

export interface ProcessLifecycle {
  /** Fires when a stop is requested. */
  signal: AbortSignal;
  /** What stopped the process, or null while nobody did. */
  stopCause(): StopCause | null;
  /** The command ended and its line is printed: a stop deadline that fires later only exits, with this code. */
  settle(exitCode: number): void;
  /** Removes the handlers (the process may still exit on its own afterwards). */
  dispose(): void;
}

export function watchProcessLifecycle(): ProcessLifecycle {
  const abort = new AbortController();
  let cause: StopCause | null = null;
  let settledCode: number | null = null;
  const stop = (why: StopCause) => {
    if (cause !== null) return;
    cause = why;
    abort.abort();
    const deadline = setTimeout(() => {
      removeProcessDebrisSync();
      if (settledCode === null) process.stderr.write(`mouthpiece: stopped (${describeStopCause(why)}); unfinished files removed.\n`);
      process.exit(settledCode ?? STOP_EXIT_CODES[why]);
    }, STOP_DEADLINE_MS);
    deadline.unref();
  };
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = () => stop(name);
    process.on(name, handler);
    return [name, handler] as const;
  });
  // Whatever way the process ends (an exit call, an uncaught error), it kills its ffmpeg and removes its temporaries.
  process.on('exit', removeProcessDebrisSync);
  // A reader that went away (the parent killed, `| head`) must not crash the process with EPIPE while it cleans up.
  const ignore = () => {};
  process.stdout.on('error', ignore);
  process.stderr.on('error', ignore);
  const parentPid = process.ppid;
  const parentWatch = setInterval(() => {
    if (process.ppid !== parentPid) stop('parent');
  }, PARENT_POLL_MS);
  parentWatch.unref();
  // Set by bin/mouthpiece.cjs for a signal that came while the bundle was loading; it must not be lost.
  const early = process.env.MOUTHPIECE_EARLY_STOP;
  delete process.env.MOUTHPIECE_EARLY_STOP;
  if (early === 'SIGINT' || early === 'SIGTERM' || early === 'SIGHUP') stop(early);
  return {
    signal: abort.signal,
    stopCause: () => cause,
    settle(exitCode) {
      settledCode = exitCode;
    },
    dispose() {
      for (const [name, handler] of handlers) process.off(name, handler);
      clearInterval(parentWatch);
      // Once handlers are gone, a late signal kills the process at once; keep ignoring them while it winds down.
      if (cause !== null) for (const name of STOP_SIGNALS) process.on(name, ignore);
    },
  };
}

/** Who stopped the process, in words (for the one line it prints). */
export function describeStopCause(cause: StopCause): string {
  return cause === 'parent' ? 'the program that started it ended' : cause === 'SIGINT' ? 'Ctrl-C' : cause;
}
