import { existsSync } from 'node:fs';
import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { nextFreeName } from '../../contract/batch-names';
import type { StudioHandlers } from '../../contract/studio-api';
import type { BatchView } from '../../contract/types';
import { estimateBatchProgressFromCounts, measureEndedPerSec, THROUGHPUT_SPAN, type BatchCounts } from '../../engine/jobs/batch-progress.js';
import type { RenderJobState, RenderQueue } from '../../engine/jobs/index.js';
import type { LibraryBatch, StudioLibrary } from '../engine-facade';
import { readRenderSettings } from '../render-settings';
import { StudioFailure } from '../studio-errors';
import { planBatch, type BatchPlan } from './batch-plan';
import type { StudioHandlerDeps } from './handler-deps';
import { checkOutputFolder } from './output-location';
import { toRenderJobView } from './render-handlers';

type BatchHandlers = Pick<StudioHandlers, 'batch.chooseFolder' | 'batch.plan' | 'batch.create' | 'batch.list' | 'batch.cancel' | 'batch.retryFailed'>;

/** How many existing names a CONFLICT message lists before "and N more". */
const NAMES_SHOWN = 5;

/** `counts`: exact, from the library; `running`: the batch's running items (their progress and time left). */
export function toBatchView(batch: LibraryBatch, counts: BatchCounts, running: RenderJobState[], concurrency: number, endedPerSec?: number | null): BatchView {
  const progress = estimateBatchProgressFromCounts(counts, running, concurrency, Date.now(), endedPerSec);
  return {
    id: batch.id,
    name: batch.name,
    outDir: batch.outDir,
    createdAt: batch.createdAt,
    finishedAt: batch.finishedAt,
    counts: { total: progress.total, queued: progress.queued, running: progress.running, done: progress.done, failed: progress.failed, cancelled: progress.cancelled },
    ratio: progress.ratio,
    etaMs: progress.etaMs,
  };
}

/**
 * Batches built in the app: plan (names, existing files, consent) without changing anything, create (one library
 * batch whose items the app's render queue runs), follow, cancel, and retry what failed.
 */
export function createBatchHandlers(deps: StudioHandlerDeps): BatchHandlers {
  const { engine } = deps;

  const plan = async (request: Parameters<BatchHandlers['batch.plan']>[0]): Promise<{ library: StudioLibrary; plan: BatchPlan }> => {
    const library = await engine.library();
    const rendersDir = deps.rendersDir();
    const outDir = await checkOutputFolder(request.outDir ?? rendersDir, { libraryDir: library.libraryDir, rendersDir });
    const planned = planBatch(library, { ...request, outDir }, { rendersDir, fileExists: existsSync });
    const voices = await deps.listBuiltinVoices();
    if (!voices.some((voice) => voice.name === request.voice)) {
      const message = `There is no built-in voice "${request.voice}"; choose one of ${voices.map((voice) => voice.name).join(', ') || 'the listed voices'}.`;
      return { library, plan: { view: { ...planned.view, problems: [...planned.view.problems, message] }, problems: [...planned.problems, { code: 'BAD_INPUT', message }], specs: [] } };
    }
    return { library, plan: planned };
  };

  /** The batch with its items' progress; a batch with nothing left to run is stamped finished, one with work again is not. */
  const viewOf = (library: StudioLibrary, queue: RenderQueue, batchId: number): BatchView => {
    let batch = library.getBatch({ batchId });
    if (!batch) throw new StudioFailure('NOT_FOUND', `There is no batch with id ${batchId}.`);
    const active = batch.counts.queued + batch.counts.running > 0;
    if (batch.finishedAt === null && !active && library.finishBatch({ batchId })) batch = library.getBatch({ batchId }) ?? batch;
    // One item retried from the queue (render.retry) puts a finished batch back to work.
    if (batch.finishedAt !== null && active) {
      library.reopenBatch({ batchId });
      batch = library.getBatch({ batchId }) ?? batch;
    }
    const running = queue.list({ status: 'running' }).filter((state) => state.entry.batchId === batchId);
    // A batch on the farm runs in the farm's lane, as wide as its window: its time left is its measured pace.
    const onFarm = running.some((state) => (state.entry.spec as { farm?: unknown } | null)?.farm === true);
    const endedPerSec = onFarm ? measureEndedPerSec(library.listRecentRenderEnds({ batchId, limit: THROUGHPUT_SPAN })) : undefined;
    return toBatchView(batch, library.summarizeRenders({ batchId }), running, queue.concurrency, endedPerSec);
  };

  const announce = (queue: RenderQueue, batchId: number) => {
    for (const state of queue.list().filter((item) => item.entry.batchId === batchId)) deps.emit('job-state', toRenderJobView(state, deps.renderUrl));
  };

  return {
    'batch.chooseFolder': async () => {
      if (!deps.chooseFolder) throw new StudioFailure('UNSUPPORTED', 'This window cannot show a folder dialog; type the output folder\'s full path instead.');
      return { path: await deps.chooseFolder() };
    },

    'batch.plan': async (request) => (await plan(request)).plan.view,

    'batch.create': async ({ request, existing }) => {
      const { library, plan: planned } = await plan(request);
      if (planned.problems.length > 0) {
        const code = planned.problems.find((problem) => problem.code === 'NO_CONSENT')?.code ?? planned.problems[0].code;
        throw new StudioFailure(code, planned.problems.map((problem) => problem.message).join(' '));
      }
      const { outDir, items } = planned.view;
      const clashing = items.filter((item) => item.exists);
      if (clashing.length > 0 && existing === 'refuse') {
        const shown = clashing.slice(0, NAMES_SHOWN).map((item) => item.fileName).join(', ');
        const more = clashing.length > NAMES_SHOWN ? ` and ${clashing.length - NAMES_SHOWN} more` : '';
        throw new StudioFailure('CONFLICT', `${outDir} already has ${shown}${more}; choose whether to overwrite them or keep both.`);
      }
      if (request.farm && !(await readRenderSettings(library.libraryDir)).farmUrl) {
        throw new StudioFailure('BAD_INPUT', 'Render on farm needs a render farm: set its Redis URL (redis://HOST:6379) in the render settings first.');
      }
      await ensureWritableFolder(outDir);

      // `farm` on an item sends it to the farm (engine-facade's runner); without it, it renders on this computer.
      const specs = planned.specs.map((spec) => ({ ...spec, ...(request.farm ? { farm: true } : {}) }));
      if (existing === 'keep-both') {
        const taken = new Set(items.map((item) => item.fileName.toLowerCase()));
        specs.forEach((spec, index) => {
          if (!items[index].exists) return;
          const free = nextFreeName(items[index].fileName, (candidate) => taken.has(candidate.toLowerCase()) || existsSync(path.join(outDir, candidate)));
          taken.add(free.toLowerCase());
          spec.outputPath = path.join(outDir, free);
          spec.title = free.replace(/\.mp4$/i, '');
        });
      }

      const queue = await engine.renderQueue();
      const batch = library.createBatch({ name: request.name, outDir, concurrency: queue.concurrency, items: specs.map((spec) => ({ spec })) });
      queue.wake();
      announce(queue, batch.id);
      return viewOf(library, queue, batch.id);
    },

    'batch.list': async () => {
      const [library, queue] = await Promise.all([engine.library(), engine.renderQueue()]);
      // Batches from a manifest (`mouthpiece batch`) run in their own process and are not the app's to show.
      return library
        .listBatches()
        .filter((batch) => batch.sourceKey === null)
        .map((batch) => viewOf(library, queue, batch.id));
    },

    'batch.cancel': async ({ batchId }) => {
      const [library, queue] = await Promise.all([engine.library(), engine.renderQueue()]);
      viewOf(library, queue, batchId);
      await queue.cancelAll({ batchId });
      return viewOf(library, queue, batchId);
    },

    'batch.retryFailed': async ({ batchId }) => {
      const [library, queue] = await Promise.all([engine.library(), engine.renderQueue()]);
      viewOf(library, queue, batchId);
      const retryable = queue.list({ status: ['failed', 'cancelled'] }).filter((state) => state.entry.batchId === batchId);
      if (retryable.length === 0) throw new StudioFailure('CONFLICT', 'Nothing in this batch failed or was cancelled; there is nothing to retry.');
      library.reopenBatch({ batchId });
      for (const state of retryable) queue.retry(state.entry.id);
      return viewOf(library, queue, batchId);
    },
  };
}

/** Creates the output folder if needed and checks that files can be written in it, before anything is queued. */
async function ensureWritableFolder(outDir: string): Promise<void> {
  try {
    await mkdir(outDir, { recursive: true });
    await access(outDir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk is full' : 'it cannot be created or written to';
    throw new StudioFailure('BAD_INPUT', `${outDir}: the batch cannot be saved there, ${reason}; choose another output folder.`);
  }
}
