import { createHash } from 'node:crypto';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../errors.js';
import {
  batchItemSpecSchema, createRenderQueue, estimateBatchProgress, estimateBatchProgressFromCounts, measureEndedPerSec, THROUGHPUT_SPAN, type BatchItemSpec, type BatchProgress, type RenderJobState, type RenderRunner,
} from '../jobs/index.js';
import type { BatchEntry, Library, RenderEntry } from '../library/index.js';
import { captionFilePaths } from '../render/caption-overlay.js';
import type { SampleMedia } from '../samples/index.js';
import { resolveConsent } from '../provenance/consent.js';
import type { ConsentAttestation } from '../provenance/content-credentials.js';
import { acquireBatchLock } from './batch-lock.js';
import { createBatchTally } from './batch-tally.js';
import { readBatchManifest, type ManifestItem } from './batch-manifest.js';
import { planOutputNames } from './output-names.js';
import { removeStalePartials } from './stale-partials.js';

/** What to do when an output of a new batch already exists. */
export type ExistingOutputPolicy = 'refuse' | 'overwrite' | 'skip';

export interface RunManifestBatchInput {
  library: Library;
  runner: RenderRunner;
  manifestPath: string;
  outDir: string;
  /** Renders at once. */
  concurrency: number;
  /**
   * Time left from the pace items have been ending, not from `concurrency` (on a farm, `concurrency` is the window:
   * how many jobs wait on the farm, not how many its workers draw at once).
   */
  etaFromThroughput?: boolean;
  existing?: ExistingOutputPolicy;
  /** Output name template; see output-names.ts. */
  nameTemplate?: string;
  /** Every preset name the manifest may use (built-in and custom). */
  presets: readonly string[];
  /** Custom presets' settings by name, copied into the jobs that use them. */
  customPresets?: Record<string, Record<string, string | number | boolean | null>>;
  /** The bundled samples, which a manifest's `face` or `audio` of `sample` names. */
  samples?: SampleMedia;
  signal?: AbortSignal;
  /** Every change of an item (queued, progress, done, failed, cancelled) with the batch's progress. */
  onUpdate?: (update: { item: BatchItemResult; batch: BatchProgress }) => void;
  /** Folders of bundled public-domain samples, whose faces need no consent statement. */
  sampleDirs?: string[];
  /** Things worth telling before the work starts (resumed, skipped outputs, stale files removed). */
  onNotice?: (message: string) => void;
}

export interface BatchItemResult {
  position: number;
  origin: string;
  outPath: string;
  status: RenderEntry['status'] | 'skipped';
  progress: number;
  phase: string | null;
  etaMs: number | null;
  error: string | null;
  durationMs: number | null;
}

export interface ManifestBatchResult {
  batch: BatchEntry;
  resumed: boolean;
  /** True when the run was stopped (signal) before the batch finished; the next run resumes it. */
  interrupted: boolean;
  items: BatchItemResult[];
  progress: BatchProgress;
}

/**
 * Runs a manifest as a batch in the library's render queue. The same manifest into the same folder again resumes the
 * batch while any item is not done: finished items are kept, interrupted ones are rendered again from the start (their
 * stale temporary files removed), failed ones are retried. A stopped run (signal) puts running items back in the queue.
 */
export async function runManifestBatch(input: RunManifestBatchInput): Promise<ManifestBatchResult> {
  const { library, signal } = input;
  const notice = input.onNotice ?? (() => {});
  const manifest = await readBatchManifest(input.manifestPath, { presets: input.presets, samples: input.samples });
  const consents = await resolveManifestConsents(manifest.items, library, input.sampleDirs);
  const outDir = path.resolve(input.outDir);
  const names = planOutputNames(manifest.items, { project: path.parse(manifest.path).name, template: input.nameTemplate });
  const sourceKey = createHash('sha256').update([manifest.path, manifest.text, outDir, input.nameTemplate ?? ''].join('\0')).digest('hex');
  const release = await acquireBatchLock(path.join(library.libraryDir, 'locks', `batch-${sourceKey.slice(0, 24)}.lock`), `The batch ${manifest.path} into ${outDir}`);
  try {
    let batch = library.findResumableBatch({ sourceKey });
    const resumed = batch !== null;
    const skipped: BatchItemResult[] = [];
    if (batch) {
      notice(`Resuming the unfinished batch from ${batch.createdAt}: ${batch.counts.done} of ${batch.counts.total} done${batch.counts.failed > 0 ? `, ${batch.counts.failed} failed before and tried again` : ''}.`);
      for (const entry of library.listRenders({ batchId: batch.id, status: ['failed', 'cancelled'] })) library.requeueRender({ renderId: entry.id });
      const missing = await doneItemsWithMissingOutput(library.listRenders({ batchId: batch.id, status: 'done' }));
      for (const entry of missing) library.redoBatchItem({ batchId: batch.id, renderId: entry.id });
      if (missing.length > 0) notice(`Making again ${missing.length} finished video${missing.length === 1 ? '' : 's'} whose files are gone: ${missing.map((e) => path.basename(e.spec.outputPath)).join(', ')}.`);
      library.reopenBatch({ batchId: batch.id });
      if (batch.concurrency !== input.concurrency) batch = library.setBatchConcurrency({ batchId: batch.id, concurrency: input.concurrency });
    } else {
      const planned = manifest.items.map((item, i) => ({ item, outPath: path.join(outDir, `${names[i]}.mp4`) }));
      const existing = await existingOutputs(planned);
      const policy = input.existing ?? 'refuse';
      if (existing.length > 0 && policy === 'refuse') {
        const list = existing.slice(0, 5).map((p) => path.basename(p)).join(', ') + (existing.length > 5 ? `, and ${existing.length - 5} more` : '');
        throw new InputError('OUTPUT_EXISTS', `${existing.length} output${existing.length === 1 ? ' already exists' : 's already exist'} in ${outDir} (${list}); use --overwrite to replace them or --skip-existing to keep them.`, outDir);
      }
      const toRun = policy === 'skip' ? planned.filter((p) => !existing.includes(p.outPath)) : planned;
      for (const p of planned.filter((p) => !toRun.includes(p))) {
        skipped.push({ position: p.item.position, origin: p.item.origin, outPath: p.outPath, status: 'skipped', progress: 1, phase: null, etaMs: null, error: null, durationMs: null });
      }
      if (skipped.length > 0) notice(`Keeping ${skipped.length} existing output${skipped.length === 1 ? '' : 's'} (--skip-existing).`);
      if (toRun.length === 0) {
        return { batch: emptyBatch(outDir, manifest.path), resumed: false, interrupted: false, items: skipped, progress: estimateBatchProgress([], input.concurrency) };
      }
      batch = library.createBatch({
        name: path.basename(manifest.path),
        sourceKey,
        outDir,
        concurrency: input.concurrency,
        items: toRun.map(({ item, outPath }) => ({ spec: toBatchItemSpec(item, outPath, input.customPresets, consents.get(item.position)) })),
      });
    }
    const batchId = batch.id;
    const removed = await removeStalePartials(outDir, names);
    if (removed.length > 0) notice(`Removed ${removed.length} unfinished file${removed.length === 1 ? '' : 's'} left by an interrupted run.`);

    const positions = new Map(manifest.items.map((item, index) => [item.origin, index]));
    const toResult = (state: RenderJobState): BatchItemResult => itemResult(state, positions);
    // Counts kept from the items' changes: a progress tick never reads every row of the batch.
    const tally = createBatchTally(() => library.listRenders({ batchId }));
    const pace = input.etaFromThroughput ? createPaceReader(() => library.listRecentRenderEnds({ batchId, limit: THROUGHPUT_SPAN })) : null;
    const progressOf = (state: RenderJobState) => {
      const nowMs = Date.now();
      return estimateBatchProgressFromCounts(tally.record(state), tally.running(), input.concurrency, nowMs, pace?.(nowMs));
    };
    const queue = createRenderQueue({
      library,
      runner: input.runner,
      concurrency: input.concurrency,
      batchId,
      onJobState: (state) => input.onUpdate?.({ item: toResult(state), batch: progressOf(state) }),
    });
    const stop = () => void queue.pause();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      // A stop that came while the batch was being prepared (the listener above would never hear it) runs nothing.
      if (!signal?.aborted) {
        queue.start();
        await queue.whenIdle();
      }
    } finally {
      signal?.removeEventListener('abort', stop);
    }
    const states = queue.list();
    // Stopped items went back to the queue; a stop that came after the last item ended interrupted nothing.
    const interrupted = states.some(({ entry }) => entry.status === 'queued' || entry.status === 'running');
    library.finishBatch({ batchId });
    const items = [...states.map(toResult), ...skipped].sort((a, b) => a.position - b.position);
    return { batch: library.getBatch({ batchId }) ?? batch, resumed, interrupted, items, progress: estimateBatchProgress(states, input.concurrency) };
  } finally {
    await release();
  }
}

/** Every row's consent attestation (its column, the library's record, or the sample exemption); refuses the batch otherwise. */
async function resolveManifestConsents(items: ManifestItem[], library: Library, sampleDirs?: string[]): Promise<Map<number, ConsentAttestation>> {
  const consents = new Map<number, ConsentAttestation>();
  for (const item of items) {
    const consent = await resolveConsent({ facePath: item.facePath, statement: item.consent, statementSource: 'manifest', sampleDirs, libraryFaces: () => library.listFaces(), origin: item.origin });
    if (consent) consents.set(item.position, consent);
  }
  return consents;
}

function toBatchItemSpec(item: ManifestItem, outPath: string, customPresets: RunManifestBatchInput['customPresets'], consent?: ConsentAttestation): BatchItemSpec {
  const customPreset = customPresets?.[item.preset];
  return {
    version: 1,
    kind: 'batch-item',
    title: path.basename(outPath, '.mp4'),
    origin: item.origin,
    outputPath: outPath,
    face: { path: item.facePath, subject: item.subject },
    source: item.source,
    preset: item.preset,
    ...(item.fps !== undefined ? { fps: item.fps } : {}),
    captions: item.captions,
    label: item.label,
    ...(customPreset ? { customPreset } : {}),
    ...(consent ? { consent } : {}),
  };
}

function itemResult({ entry, etaMs }: RenderJobState, positions: Map<string, number>): BatchItemResult {
  const spec = entry.spec as Partial<BatchItemSpec>;
  const position = spec.origin === undefined ? undefined : positions.get(spec.origin);
  return {
    position: position ?? entry.batchPosition ?? 0,
    origin: spec.origin ?? `item ${(entry.batchPosition ?? 0) + 1}`,
    outPath: spec.outputPath ?? '',
    status: entry.status,
    progress: entry.progress,
    phase: entry.phase,
    etaMs,
    error: entry.error,
    durationMs: entry.durationMs,
  };
}

/** The outputs of these items (video, and captions files when captions are on) that are already on disk. */
async function existingOutputs(planned: { item: ManifestItem; outPath: string }[]): Promise<string[]> {
  const found: string[] = [];
  for (const { item, outPath } of planned) {
    const files = item.captions === 'none' ? [outPath] : [outPath, ...Object.values(captionFilePaths(outPath))];
    for (const file of files) {
      if (await exists(file)) {
        found.push(outPath);
        break;
      }
    }
  }
  return found;
}

/** Finished items of a resumed batch whose video, or captions files, are no longer on disk. */
async function doneItemsWithMissingOutput(entries: RenderEntry[]): Promise<(RenderEntry & { spec: BatchItemSpec })[]> {
  const missing: (RenderEntry & { spec: BatchItemSpec })[] = [];
  for (const entry of entries) {
    const parsed = batchItemSpecSchema.safeParse(entry.spec);
    if (!parsed.success) continue;
    const { outputPath, captions } = parsed.data;
    const files = captions === 'none' ? [outputPath] : [outputPath, ...Object.values(captionFilePaths(outputPath))];
    if (!(await allExist(files))) missing.push({ ...entry, spec: parsed.data });
  }
  return missing.sort((a, b) => (a.batchPosition ?? 0) - (b.batchPosition ?? 0));
}

async function allExist(files: string[]): Promise<boolean> {
  for (const file of files) if (!(await exists(file))) return false;
  return true;
}

const exists = (file: string) => access(file).then(
  () => true,
  () => false,
);

function emptyBatch(outDir: string, manifestPath: string): BatchEntry {
  const now = new Date().toISOString();
  return { id: 0, name: path.basename(manifestPath), sourceKey: null, outDir, concurrency: 1, createdAt: now, finishedAt: now, counts: { total: 0, queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 } };
}

/** The batch's pace (measureEndedPerSec), read from the library at most once a second: ticks come by the hundred. */
function createPaceReader(readEnds: () => number[]): (nowMs: number) => number | null {
  let readAtMs = -Infinity;
  let ends: number[] = [];
  return (nowMs) => {
    if (nowMs - readAtMs >= 1000) {
      ends = readEnds();
      readAtMs = nowMs;
    }
    return measureEndedPerSec(ends, nowMs);
  };
}
