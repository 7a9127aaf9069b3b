import type { RenderJob } from '../engine/jobs/render-job.js';
import type { Progress } from '../engine/progress.js';

/*
 * Messages between the process that owns the queue and the render worker (an Electron utility process in the app,
 * a forked Node process elsewhere). One worker runs one job and exits.
 */

/** Where the worker finds the engine: the model files and their manifest, and (optionally) ffmpeg and ffprobe. */
export interface WorkerEngineConfig {
  modelsDir: string;
  manifestPath: string;
  ffmpegPath?: string;
  ffprobePath?: string;
  /**
   * The library whose installation identity signs and watermarks the export (the app's library; for a farm job, the
   * coordinator's, given per job); without it, the engine's fallback.
   */
  libraryDir?: string;
}

export type ToWorker = ({ type: 'run'; job: RenderJob } & WorkerEngineConfig) | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; outPath: string }
  | { type: 'error'; error: { name: string; code?: string; message: string } };

/** What the queue's side needs of a worker process, whichever kind it is. */
export interface WorkerHandle {
  postMessage(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}
