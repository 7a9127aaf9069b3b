import type { RenderRunner } from './render-job.js';

/**
 * Where a queue's renders are made: on this computer, or on a render farm (electron/engine/farm). The render queue
 * and the batch code take a backend's runner and never learn which one it is; on a farm, each worker calls the same
 * kind of runner for the jobs it takes.
 */
export interface RenderBackend {
  readonly kind: 'local' | 'farm';
  runner: RenderRunner;
  /** Releases what the backend holds (a farm's Redis connection and media server). */
  close(): Promise<void>;
}

export function createLocalBackend(runner: RenderRunner): RenderBackend {
  return { kind: 'local', runner, close: async () => {} };
}
