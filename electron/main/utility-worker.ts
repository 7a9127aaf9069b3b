import { utilityProcess } from 'electron';
import type { FromWorker, ToWorker, WorkerHandle } from '../worker/render-worker-protocol';

/** The render worker as an Electron utility process. Messages posted before it has started are held until it has. */
export function forkUtilityWorker(entryPath: string): WorkerHandle {
  const child = utilityProcess.fork(entryPath, [], { serviceName: 'Mouthpiece render', stdio: 'inherit' });
  let spawned = false;
  const pending: ToWorker[] = [];
  child.once('spawn', () => {
    spawned = true;
    pending.splice(0).forEach((message) => child.postMessage(message));
  });
  return {
    postMessage: (message) => (spawned ? child.postMessage(message) : void pending.push(message)),
    onMessage: (listener) => void child.on('message', (message: FromWorker) => listener(message)),
    onExit: (listener) => void child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}
