import { createStageStillRunner } from '../engine/jobs/stage-still-runner.js';
import type { RenderRunner } from '../engine/jobs/render-job.js';
import { resolveFfmpegTools } from '../engine/media/ffmpeg-tools.js';
import type { FromWorker, ToWorker } from './render-worker-protocol.js';

/*
 * Entry of the render worker: an Electron utility process in the app (messages through `process.parentPort`), a
 * `child_process.fork` elsewhere (`process.send`). It runs one job and exits. The runner is the one seam to swap for
 * the talking-head renderer.
 */

interface ParentPort {
  on(event: 'message', listener: (event: { data: ToWorker }) => void): void;
  postMessage(message: FromWorker): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (message: FromWorker) => (parentPort ? parentPort.postMessage(message) : process.send?.(message));
const onMessage = (listener: (message: ToWorker) => void) =>
  parentPort ? parentPort.on('message', (event) => listener(event.data)) : process.on('message', (message) => listener(message as ToWorker));

const controller = new AbortController();

onMessage((message) => {
  if (message.type === 'cancel') return controller.abort();
  void run(message);
});

async function run({ job, ffmpegPath, ffprobePath }: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  try {
    const tools = await resolveFfmpegTools({ ffmpegPath, ffprobePath });
    const runner: RenderRunner = createStageStillRunner({ tools });
    const { outPath } = await runner(job, { signal: controller.signal, onProgress: (progress) => send({ type: 'progress', progress }) });
    send({ type: 'done', outPath });
  } catch (error) {
    const { name = 'Error', message = String(error), code } = error as { name?: string; message?: string; code?: string };
    send({ type: 'error', error: { name, message, code } });
  } finally {
    // Let the last message flush before leaving.
    setTimeout(() => process.exit(0), 50);
  }
}
