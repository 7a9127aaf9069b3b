import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { CancelledError, InputError } from '../errors.js';
import type { RenderRunner } from '../jobs/render-job.js';
import type { Progress } from '../progress.js';
import { captionFilePaths } from '../render/caption-overlay.js';
import { FARM_QUEUE_NAME, redactSecrets, type FarmConnection } from './farm-connection.js';
import { coordinatorKey, farmJobDataSchema, mapSpecMedia, readMediaReference, toMediaReference, type FarmJobData, type FarmJobResult, type OutputKind } from './farm-job.js';
import { deliverJobOutput, fetchJobInput, fetchWatermarkKey, type JobMediaAccess } from './media-client.js';
import { loadRenderIdentity } from '../provenance/stamp-export.js';
import { saveInstallationIdentity } from '../provenance/installation-identity.js';

export interface FarmWorkerOptions {
  connection: FarmConnection;
  /** Jobs at once (each in its own process when `runner` forks, as the CLI's does). */
  concurrency: number;
  runner: RenderRunner;
  /** Inputs by SHA-256, kept between jobs. */
  cacheDir: string;
  /** Where each job renders before its outputs are delivered. */
  workDir: string;
  version: string;
  /** Where this worker's own signing identity is kept (default: $MOUTHPIECE_LIBRARY, else a per-user temporary folder). */
  libraryDir?: string;
  /** How long a job stays this worker's without a sign of life; a killed worker's jobs go to others after it. */
  lockDurationMs?: number;
  log: (line: string) => void;
}

export interface FarmWorker {
  /** Resolves when the worker stopped: by `close`, or by refusing a job of another Mouthpiece version (`refusal`). */
  readonly stopped: Promise<{ refusal: string | null }>;
  close(): Promise<void>;
}

/** A refused job waits this long before any worker may take it again. */
const REFUSED_DELAY_MS = 5000;
const PROGRESS_INTERVAL_MS = 300;

/**
 * Takes render jobs from the farm's BullMQ queue: fetches each job's inputs from its coordinator (verified by SHA-256,
 * cached), renders with `runner`, and delivers the outputs back. A job that fails for its input fails once
 * (UnrecoverableError) with its reason; other failures are retried by BullMQ. A job queued by another version of
 * Mouthpiece is put back for others and this worker stops, saying why.
 */
export function startFarmWorker(options: FarmWorkerOptions): FarmWorker {
  const { connection, runner, version, log } = options;
  const secrets = new Set(connection.secrets);
  const say = (line: string) => log(redactSecrets(line, [...secrets]));
  const running = new Set<AbortController>();
  let refusal: string | null = null;
  let resolveStopped: (value: { refusal: string | null }) => void = () => {};
  const stopped = new Promise<{ refusal: string | null }>((resolve) => (resolveStopped = resolve));

  const refuse = async (job: Job, token: string | undefined, theirVersion: string): Promise<never> => {
    refusal = `refusing job ${job.id}: it was queued by Mouthpiece ${theirVersion} and this worker is Mouthpiece ${version}; install the coordinator's version on this worker (the job is left for other workers).`;
    say(refusal);
    await job.moveToDelayed(Date.now() + REFUSED_DELAY_MS, token);
    setImmediate(() => void close());
    throw new DelayedError();
  };

  const processJob = async (job: Job<unknown, FarmJobResult>, token?: string): Promise<FarmJobResult> => {
    const parsed = farmJobDataSchema.safeParse(job.data);
    const theirVersion = (job.data as { version?: unknown } | null)?.version;
    if (typeof theirVersion === 'string' && theirVersion !== version) return refuse(job, token, theirVersion);
    if (!parsed.success) throw new UnrecoverableError('this job is not a Mouthpiece render this worker can read');
    const data = parsed.data;
    const client = await worker.client;
    const coordinator = await client.hgetall(coordinatorKey(data.farmId, data.session));
    if (!coordinator.url || !coordinator.token) throw new Error(`the coordinator run that queued this job (farm ${data.farmId}, run ${data.session}) is gone; run its batch again to resume it`);
    secrets.add(coordinator.token).add(data.capability);
    if (coordinator.version && coordinator.version !== version) return refuse(job, token, coordinator.version);

    const controller = new AbortController();
    running.add(controller);
    const startedMs = Date.now();
    say(`job ${job.id} (${data.spec.title}): started${job.attemptsMade > 0 ? ` (try ${job.attemptsMade + 1})` : ''}`);
    const access: JobMediaAccess = { url: coordinator.url, token: coordinator.token, jobId: String(job.id), capability: data.capability, version, signal: controller.signal };
    await mkdir(options.workDir, { recursive: true });
    const jobDir = await mkdtemp(path.join(options.workDir, 'job-'));
    const localPaths = new Map<string, string>();
    try {
      await job.updateProgress({ phase: 'fetching inputs', ratio: 0 });
      for (const ref of data.inputs) localPaths.set(ref.sha256, await fetchJobInput(access, ref, options.cacheDir));
      // The frames carry the coordinator's watermark; this worker's own key signs them until the coordinator re-signs.
      const identityDir = path.join(jobDir, 'identity');
      await saveInstallationIdentity(identityDir, { ...(await loadRenderIdentity(options.libraryDir)), watermarkKey: await fetchWatermarkKey(access) });
      const outPath = path.join(jobDir, path.basename(data.spec.outputPath));
      const spec = { ...mapSpecMedia(data.spec, (reference) => localPaths.get(readMediaReference(reference) ?? '') ?? reference), outputPath: outPath };
      let lastMs = 0;
      const onProgress = (progress: Progress) => {
        const now = Date.now();
        if (now - lastMs < PROGRESS_INTERVAL_MS && progress.ratio < 1) return;
        lastMs = now;
        job.updateProgress({ phase: progress.phase, ratio: Math.min(0.99, progress.ratio) }).catch(() => {});
      };
      try {
        await runner({ id: data.renderId, spec }, { signal: controller.signal, onProgress, libraryDir: identityDir });
      } catch (error) {
        const reason = describeFailure(error, data, localPaths);
        if (isInputError(error)) throw new UnrecoverableError(reason);
        throw new Error(reason);
      }
      await job.updateProgress({ phase: 'delivering', ratio: 0.99 });
      const { outputs, duplicate } = await deliverOutputs(access, outPath);
      say(`job ${job.id} (${data.spec.title}): delivered in ${((Date.now() - startedMs) / 1000).toFixed(1)} s${duplicate ? ' (a copy had landed already; this one was dropped)' : ''}`);
      return { outputs };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      say(`job ${job.id} (${data.spec.title}): failed: ${message}`);
      if (error instanceof UnrecoverableError) throw error;
      throw new Error(redactSecrets(message, [...secrets]));
    } finally {
      running.delete(controller);
      await rm(jobDir, { recursive: true, force: true });
    }
  };

  const lockDuration = options.lockDurationMs ?? 30_000;
  const worker = new Worker<unknown, FarmJobResult>(FARM_QUEUE_NAME, processJob, {
    connection: connection.options,
    concurrency: options.concurrency,
    lockDuration,
    stalledInterval: lockDuration,
    maxStalledCount: 3,
  });
  let lastError = '';
  worker.on('error', (error) => {
    const line = `Redis: ${error.message}`;
    if (line !== lastError) say(line);
    lastError = line;
  });
  worker.on('ready', () => {
    if (lastError) say(`connected to ${connection.safeUrl} again`);
    lastError = '';
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Running renders stop; their jobs go to other workers once their locks expire.
      for (const controller of running) controller.abort(new CancelledError());
      await worker.close(true).catch(() => {});
      resolveStopped({ refusal });
    })());
  return { stopped, close };
}

/** Captions files first, the video last: a video in its place means the whole job arrived. */
async function deliverOutputs(access: JobMediaAccess, outPath: string): Promise<{ outputs: FarmJobResult['outputs']; duplicate: boolean }> {
  const { srtPath, vttPath } = captionFilePaths(outPath);
  const files: [OutputKind, string][] = [['srt', srtPath], ['vtt', vttPath], ['video', outPath]];
  const outputs: FarmJobResult['outputs'] = [];
  let duplicate = false;
  for (const [kind, filePath] of files) {
    if (!(await stat(filePath).then((s) => s.isFile(), () => false))) continue;
    const delivered = await deliverJobOutput(access, kind, filePath);
    outputs.push({ kind, sha256: delivered.sha256, sizeBytes: delivered.sizeBytes });
    duplicate ||= delivered.duplicate;
  }
  if (!outputs.some((output) => output.kind === 'video')) throw new Error('the render left no video to deliver');
  return { outputs, duplicate };
}

function isInputError(error: unknown): boolean {
  return error instanceof InputError || (error instanceof Error && error.name === 'InputError');
}

/** The failure in the coordinator's terms: cached input paths become `media:` references it maps back to its files. */
function describeFailure(error: unknown, data: FarmJobData, localPaths: Map<string, string>): string {
  let message = error instanceof Error ? error.message : String(error);
  for (const ref of data.inputs) {
    const local = localPaths.get(ref.sha256);
    if (local) message = message.split(local).join(toMediaReference(ref));
  }
  return message;
}
