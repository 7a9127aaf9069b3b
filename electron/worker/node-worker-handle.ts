import { fork } from 'node:child_process';
import type { FromWorker, ToWorker, WorkerHandle } from './render-worker-protocol.js';

/** The render worker as a `child_process.fork` (plain Node hosts); `execArgv` e.g. `['--import', 'tsx']` for the .ts entry. */
export function forkNodeWorker(entryPath: string, { execArgv = [] as string[] } = {}): WorkerHandle {
  const child = fork(entryPath, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  return {
    postMessage: (message: ToWorker) => void child.send(message),
    onMessage: (listener) => void child.on('message', (message) => listener(message as FromWorker)),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGKILL'),
  };
}
