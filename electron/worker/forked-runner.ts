import { CancelledError, EngineError, InputError, type EngineErrorCode, type InputErrorCode } from '../engine/errors.js';
import type { RenderRunner } from '../engine/jobs/render-job.js';
import type { FromWorker, WorkerEngineConfig, WorkerHandle } from './render-worker-protocol.js';

/** How long a worker may take to stop after a cancel before it is killed. */
const CANCEL_GRACE_MS = 3000;

/**
 * A `RenderRunner` that runs each job in its own worker process, so the process that owns the window (or the
 * bridge) stays responsive and a crash in native code takes only the worker down. `spawn` makes the process.
 */
export function createForkedRunner({ spawn, ...engine }: { spawn: () => WorkerHandle } & WorkerEngineConfig): RenderRunner {
  return (job, { signal, onProgress, libraryDir }) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new CancelledError());
      const worker = spawn();
      let settled = false;
      let killTimer: ReturnType<typeof setTimeout> | undefined;
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(killTimer);
        signal.removeEventListener('abort', onAbort);
        action();
      };
      const onAbort = () => {
        worker.postMessage({ type: 'cancel' });
        killTimer = setTimeout(() => {
          worker.kill();
          settle(() => reject(new CancelledError()));
        }, CANCEL_GRACE_MS);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      worker.onMessage((message: FromWorker) => {
        if (message.type === 'progress') onProgress(message.progress);
        else if (message.type === 'done') settle(() => resolve({ outPath: message.outPath }));
        else settle(() => reject(reviveError(message.error)));
      });
      worker.onExit((code) => settle(() => reject(signal.aborted ? new CancelledError() : new Error(`The render worker stopped unexpectedly (exit code ${code}).`))));
      worker.postMessage({ type: 'run', job, ...engine, ...(libraryDir ? { libraryDir } : {}) });
    });
}

function reviveError(error: { name: string; code?: string; message: string }): Error {
  if (error.name === 'CancelledError') return new CancelledError(error.message);
  if (error.name === 'InputError') return new InputError(error.code as InputErrorCode, error.message);
  if (error.name === 'EngineError') return new EngineError(error.code as EngineErrorCode, error.message);
  return new Error(error.message);
}
