import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../engine/errors.js';
import { parseFarmUrl, redactSecrets, REDIS_PASSWORD_ENV, startFarmWorker } from '../../engine/farm/index.js';
import { createForkedRunner } from '../../worker/forked-runner.js';
import { forkNodeWorker } from '../../worker/node-worker-handle.js';
import type { CommandContext } from '../command-context.js';
import { defaultModelPaths, findPackageRoot, packageVersion } from '../../engine/install-layout.js';

export const WORKER_USAGE = `mouthpiece worker --farm redis://[:PASSWORD@]HOST:6379 [options]

  Joins a render farm: takes render jobs from the farm's Redis queue (queued by \`mouthpiece batch --farm\` on the
  computer that holds the library), fetches each job's pictures and recordings from that computer (checked by
  SHA-256 and cached), renders each job in its own process and sends the video back. Stops on Ctrl-C; its running
  jobs then go to other workers.

  --farm URL             the farm's Redis: redis://:PASSWORD@HOST:6379, or rediss://… for TLS; without a password
                         in the URL, $MOUTHPIECE_REDIS_PASSWORD is used (keeps it out of the process list)
  --farm-ca FILE         a CA certificate for a rediss:// server not signed by a public authority
  --concurrency N        jobs at once (default 1; each render uses about one processor core)
  --cache DIR            where fetched inputs are kept (default: a folder in the system's cache)
  --lock-sec N           how long a job stays this worker's without a sign of life (default 30): a killed
                         worker's jobs go to another worker after it

  Exit codes: 0 stopped, 2 bad options or a coordinator of another Mouthpiece version, 1 internal failure.`;

export async function runWorkerCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      farm: { type: 'string' },
      'farm-ca': { type: 'string' },
      concurrency: { type: 'string' },
      cache: { type: 'string' },
      'lock-sec': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return ctx.out(WORKER_USAGE);
  const bad = (message: string): never => {
    throw new InputError('BAD_ARGUMENT', `${message} Run \`mouthpiece worker --help\`.`);
  };
  if (positionals.length > 0) bad(`unexpected "${positionals[0]}".`);
  if (!values.farm) bad('give the farm: --farm redis://:PASSWORD@HOST:6379.');
  const connection = parseFarmUrl(values.farm as string, { tlsCaPath: values['farm-ca'], password: process.env[REDIS_PASSWORD_ENV] });
  const concurrency = values.concurrency === undefined ? 1 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) bad(`--concurrency must be a whole number from 1 to 64, got "${values.concurrency}".`);
  const lockSec = values['lock-sec'] === undefined ? 30 : Number(values['lock-sec']);
  if (!Number.isFinite(lockSec) || lockSec < 2 || lockSec > 3600) bad(`--lock-sec must be a number of seconds from 2 to 3600, got "${values['lock-sec']}".`);

  const cacheDir = path.resolve(values.cache ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'mouthpiece', 'farm-media'));
  const log = (line: string) => process.stderr.write(`mouthpiece worker: ${line}\n`);
  const runner = createForkedRunner({
    spawn: () => forkNodeWorker(path.join(findPackageRoot(), 'dist', 'cli', 'render-worker.mjs')),
    ...defaultModelPaths(),
    ffmpegPath: process.env.MOUTHPIECE_FFMPEG,
    ffprobePath: process.env.MOUTHPIECE_FFPROBE,
  });
  const worker = startFarmWorker({
    connection,
    concurrency,
    runner,
    cacheDir,
    workDir: path.join(os.tmpdir(), `mouthpiece-worker-${process.pid}`),
    version: packageVersion(),
    lockDurationMs: Math.round(lockSec * 1000),
    log,
  });
  log(`taking render jobs from ${connection.safeUrl} (${concurrency} at once, Mouthpiece ${packageVersion()})`);
  const onStop = () => void worker.close();
  ctx.signal.addEventListener('abort', onStop, { once: true });
  process.once('SIGTERM', onStop);
  try {
    const { refusal } = await worker.stopped;
    if (refusal) throw new InputError('BAD_ARGUMENT', redactSecrets(refusal, connection.secrets));
  } finally {
    ctx.signal.removeEventListener('abort', onStop);
    process.off('SIGTERM', onStop);
  }
}
