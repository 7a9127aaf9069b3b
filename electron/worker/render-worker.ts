import { createEngineContext, type EngineContext } from '../engine/engine-context.js';
import { createTalkingVideoRunner } from '../engine/jobs/talking-video-runner.js';
import type { FromWorker, ToWorker } from './render-worker-protocol.js';

/*
 * Entry of the render worker: an Electron utility process in the app (messages through `process.parentPort`), a
 * `child_process.fork` elsewhere (`process.send`). It runs one job with the talking-video runner and exits.
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

// A forked worker whose parent died (killed, crashed) stops rendering for no one.
process.on('disconnect', () => controller.abort());

onMessage((message) => {
  if (message.type === 'cancel') return controller.abort();
  void run(message);
});

async function run({ job, modelsDir, manifestPath, ffmpegPath, ffprobePath, libraryDir }: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  let engine: EngineContext | undefined;
  try {
    engine = await createEngineContext({ modelsDir, manifestPath, ffmpegPath, ffprobePath });
    // The library's own identity, so `video.verify` in the studio recognises the studio's renders as its own.
    const runner = createTalkingVideoRunner({ tools: engine.tools, pool: engine.pool, libraryDir });
    const { outPath } = await runner(job, { signal: controller.signal, onProgress: (progress) => send({ type: 'progress', progress }) });
    send({ type: 'done', outPath });
  } catch (error) {
    const { name = 'Error', message = String(error), code } = error as { name?: string; message?: string; code?: string };
    send({ type: 'error', error: { name, message, code } });
  } finally {
    await engine?.close().catch(() => {});
    // Let the last message flush before leaving.
    setTimeout(() => process.exit(0), 50);
  }
}
