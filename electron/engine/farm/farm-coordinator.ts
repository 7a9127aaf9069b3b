import { randomBytes } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { Queue, type Job } from 'bullmq';
import { CancelledError, InputError } from '../errors.js';
import type { RenderBackend } from '../jobs/render-backend.js';
import { isBatchItemSpec, type RenderJobSpec, type RenderRunner } from '../jobs/render-job.js';
import { hashFile, normalizeExtension } from '../library/media-store.js';
import type { Progress } from '../progress.js';
import { loadRenderIdentity } from '../provenance/stamp-export.js';
import { captionFilePaths } from '../render/caption-overlay.js';
import { FARM_QUEUE_NAME, redactSecrets, type FarmConnection } from './farm-connection.js';
import { loadFarmIdentity, signJobCapability } from './farm-identity.js';
import { coordinatorKey, FARM_PROTOCOL, farmJobId, listSpecMedia, mapSpecMedia, toMediaReference, type FarmJobData, type FarmJobResult, type MediaRef, type OutputKind } from './farm-job.js';
import { startMediaServer, type MediaServer } from './media-server.js';
import { signLandedVideo } from './sign-landed-video.js';
import { readLastEventId, startFarmJobWatch, type FarmJobWatch } from './farm-job-watch.js';
import { abortable, withTimeout } from './waits.js';

export interface FarmCoordinatorOptions {
  connection: FarmConnection;
  /** The library folder: the coordinator's farm identity is kept there, so a resumed batch finds its jobs. */
  libraryDir: string;
  /** Address the media server listens on, which workers must reach (127.0.0.1 when every worker is on this machine). */
  mediaHost: string;
  mediaPort?: number;
  version: string;
  /** Tries of a job before it fails (a job failing for its input is tried once). */
  attempts?: number;
  /** How often a followed job is read again without any event about it (events tell every change as it happens). */
  recheckMs?: number;
}

export interface FarmCoordinator extends RenderBackend {
  readonly kind: 'farm';
  /** Runs a render on the farm: the local queue uses it exactly as it uses a local renderer. */
  runner: RenderRunner;
  mediaUrl: string;
  /** The farm's jobs' outputs that landed in this run, by job id (for tests and reports). */
  media: MediaServer;
  /** Every secret this coordinator holds, for `redactSecrets`. */
  secrets: string[];
}

const CONNECT_TIMEOUT_MS = 15_000;
const KEEP_FINISHED_SEC = 7 * 24 * 3600;

/**
 * The coordinator's side of the farm: serves the library's media to workers, queues each render as a BullMQ job (its
 * media as SHA-256 references), and follows the job until its outputs have landed. A job id is fixed by the render and
 * its inputs, so a batch stopped and resumed finds the jobs it queued before instead of queueing them twice.
 */
export async function startFarmCoordinator(options: FarmCoordinatorOptions): Promise<FarmCoordinator> {
  const { connection, version, attempts = 3, recheckMs = 30_000 } = options;
  const identity = await loadFarmIdentity(options.libraryDir);
  const secrets = [...connection.secrets, identity.token, identity.capabilityKey];
  // This run's own entry in Redis: another batch of this library running at the same time has its own.
  const session = randomBytes(8).toString('hex');
  const sessionKey = coordinatorKey(identity.farmId, session);
  const queue = new Queue<FarmJobData, FarmJobResult>(FARM_QUEUE_NAME, { connection: connection.options });
  queue.on('error', () => {
    // Redis going away is waited out by each job's reads; the error event must have a listener.
  });
  let media: MediaServer | undefined;
  let watch: FarmJobWatch | undefined;
  try {
    await withTimeout(queue.waitUntilReady(), CONNECT_TIMEOUT_MS, `cannot reach the farm's Redis at ${connection.safeUrl}`);
    // The farm's videos are this installation's: drawn with its watermark key, signed with its key when they land.
    const installation = await loadRenderIdentity(options.libraryDir);
    media = await startMediaServer({
      host: options.mediaHost,
      port: options.mediaPort,
      identity,
      version,
      watermarkKey: installation.watermarkKey,
      sealOutput: async ({ kind, filePath, outPath, job }) => {
        if (kind === 'video') await signLandedVideo({ filePath, title: path.basename(outPath), identity: installation, sourceNames: job.inputs });
      },
    });
    const client = await queue.client;
    await client.hset(sessionKey, { url: media.url, token: identity.token, version });
    // The farm's events from here on: read before any job of this run is queued, so none of theirs is missed.
    watch = startFarmJobWatch({ connection, lastEventId: await readLastEventId(queue) });
  } catch (error) {
    await watch?.close().catch(() => {});
    await media?.close();
    await queue.close().catch(() => {});
    // The farm URL or the media address the user gave does not work: say so in one line.
    throw new InputError('BAD_ARGUMENT', redactSecrets(`--farm: ${error instanceof Error ? error.message : String(error)}`, secrets));
  }
  const server = media;
  const jobWatch = watch;
  const hashes = new Map<string, Promise<MediaRef>>();
  const hashInput = (filePath: string) => {
    let ref = hashes.get(filePath);
    if (!ref) {
      ref = hashFile({ filePath }).then(({ sha256, sizeBytes }) => ({ sha256, sizeBytes, ext: normalizeExtension(filePath) }));
      hashes.set(filePath, ref);
    }
    return ref;
  };

  const queueJob = async (jobId: string, data: FarmJobData, outPath: string): Promise<void> => {
    const existing = await queue.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      // Queued by an earlier run (resumed): its next try must reach this run's media server.
      if (state !== 'completed') await existing.updateData(data);
      if (state === 'failed') return void (await existing.retry('failed'));
      if (state !== 'completed' || (await exists(outPath))) return;
      // Done on the farm before, but the video is gone since: make it again.
      await existing.remove();
    }
    await queue.add('render', data, { jobId, attempts, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: { age: KEEP_FINISHED_SEC }, removeOnFail: { age: KEEP_FINISHED_SEC } });
  };

  /**
   * Reads the job once and acts on what it finds: resolves `true` once its outputs are here, throws for a failure,
   * reports where it stands otherwise (and resolves `false`: follow on).
   */
  const inspectJob = async (jobId: string, spec: RenderJobSpec, signal: AbortSignal, onProgress: (progress: Progress) => void, describe: (text: string) => string): Promise<boolean> => {
    const job = (await abortable(queue.getJob(jobId), signal)) as Job<FarmJobData, FarmJobResult> | undefined;
    if (!job) throw new Error('the job vanished from the farm queue (was Redis emptied?); run the batch again to queue it anew');
    const state = await abortable(job.getState(), signal);
    if (state === 'completed') {
      if (await exists(spec.outputPath)) return true;
      throw new Error(`the farm finished this job but ${path.basename(spec.outputPath)} never arrived here`);
    }
    if (state === 'failed') throw new Error(describe(job.failedReason || 'failed on the farm'));
    if (state === 'active') {
      const progress = asProgress(job.progress);
      if (progress) onProgress(progress);
    } else {
      const phase = job.attemptsMade > 0 ? `retrying on the farm (try ${job.attemptsMade + 1} of ${attempts}): ${describe(job.failedReason ?? '')}` : 'waiting for a farm worker';
      onProgress({ phase: phase.slice(0, 200), ratio: 0 });
    }
    return false;
  };

  /**
   * Follows a queued job to its end. Progress comes from the farm's event stream as it is reported; the job is read
   * again only when an event says its state changed, and otherwise once every `recheckMs` (a safety net: an event
   * stream trimmed while this coordinator was stalled), so Redis's load grows with what happens, not with the window.
   */
  const followJob = (jobId: string, spec: RenderJobSpec, signal: AbortSignal, reportProgress: (progress: Progress) => void, describe: (text: string) => string) =>
    new Promise<void>((resolve, reject) => {
      // Only changes are passed on: a window of hundreds of waiting jobs must not write the library (and print a line)
      // at every check.
      let last = '';
      let ended = false;
      const onProgress = (progress: Progress) => {
        const key = `${progress.phase}|${progress.ratio}`;
        if (ended || key === last) return;
        last = key;
        reportProgress(progress);
      };
      let reading = false;
      let readAgain = false;
      const check = async () => {
        if (reading) return void (readAgain = true);
        reading = true;
        try {
          do {
            readAgain = false;
            if (await inspectJob(jobId, spec, signal, onProgress, describe)) return end();
          } while (readAgain && !ended);
        } catch (error) {
          end(error);
        } finally {
          reading = false;
        }
      };
      const stopWatching = jobWatch.watch(jobId, {
        onProgress: (data) => {
          const progress = asProgress(data);
          if (progress) onProgress(progress);
        },
        onChange: () => void check(),
      });
      // Spread over time: a window queued at once must not re-read hundreds of jobs in the same instant.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const recheckLater = () => {
        timer = setTimeout(() => void check().finally(() => ended || recheckLater()), recheckMs * (0.5 + Math.random()));
        timer.unref?.();
      };
      recheckLater();
      const onAbort = () => end(new CancelledError());
      signal.addEventListener('abort', onAbort, { once: true });
      function end(error?: unknown) {
        if (ended) return;
        ended = true;
        stopWatching();
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        if (error === undefined) resolve();
        else reject(error instanceof Error ? error : new Error(String(error)));
      }
      if (signal.aborted) return onAbort();
      void check();
    });

  const runner: RenderRunner = async ({ id, spec }, { signal, onProgress }) => {
    if (signal.aborted) throw new CancelledError();
    const refs = new Map<string, MediaRef>();
    for (const filePath of listSpecMedia(spec)) refs.set(filePath, await hashInput(filePath));
    const farmSpec = mapSpecMedia({ ...spec, outputPath: path.basename(spec.outputPath) }, (filePath) => toMediaReference(refs.get(filePath) as MediaRef));
    const jobId = farmJobId({ farmId: identity.farmId, renderId: id, spec: farmSpec });
    // Reasons from the farm name inputs by reference; say them as the files they are.
    const describe = (text: string) => [...refs].reduce((out, [filePath, ref]) => out.split(toMediaReference(ref)).join(filePath), text);
    server.registerJob(jobId, { inputs: new Map([...refs].map(([filePath, ref]) => [ref.sha256, filePath])), outputs: outputPathsOf(spec) });
    try {
      const data: FarmJobData = { protocol: FARM_PROTOCOL, version, farmId: identity.farmId, session, renderId: id, capability: signJobCapability(identity.capabilityKey, jobId), spec: farmSpec, inputs: [...new Set(refs.values())] };
      await abortable(queueJob(jobId, data, spec.outputPath), signal);
      onProgress({ phase: 'waiting for a farm worker', ratio: 0 });
      await followJob(jobId, spec, signal, onProgress, describe);
      return { outPath: spec.outputPath };
    } catch (error) {
      if (!signal.aborted) throw error;
      // A cancel removes the job (a running one is refused its delivery); a stop (Ctrl-C, quitting) leaves it queued.
      if (signal.reason instanceof CancelledError) await queue.remove(jobId).catch(() => 0);
      throw new CancelledError();
    } finally {
      server.unregisterJob(jobId);
    }
  };

  return {
    kind: 'farm',
    runner,
    mediaUrl: server.url,
    media: server,
    secrets,
    async close() {
      await jobWatch.close().catch(() => {});
      await server.close();
      await (await queue.client).del(sessionKey).catch(() => 0);
      await queue.close().catch(() => {});
    },
  };
}

/** A job's progress as its worker reports it ({ phase, ratio }), or null for anything else. */
function asProgress(value: unknown): Progress | null {
  if (typeof value !== 'object' || value === null || !('ratio' in value) || typeof value.ratio !== 'number') return null;
  const phase = 'phase' in value && typeof value.phase === 'string' ? value.phase : 'rendering';
  return { phase, ratio: value.ratio };
}

function outputPathsOf(spec: RenderJobSpec): Partial<Record<OutputKind, string>> {
  const captions = isBatchItemSpec(spec) ? spec.captions !== 'none' : spec.captions.enabled;
  if (!captions) return { video: spec.outputPath };
  const { srtPath, vttPath } = captionFilePaths(spec.outputPath);
  return { video: spec.outputPath, srt: srtPath, vtt: vttPath };
}

const exists = (file: string) => access(file).then(
  () => true,
  () => false,
);
