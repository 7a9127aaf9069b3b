import type { Library } from '../library/index.js';
import type { RenderLane } from '../library/index.js';
import type { RenderEntry } from '../library/library-types.js';
import { CancelledError, throwIfAborted } from '../errors.js';
import { estimateEtaMs, type Progress } from '../progress.js';
import { assertConcurrency } from '../library/batch-queries.js';
import { renderJobSpecSchema, type RenderJobSpec, type RenderRunner } from './render-job.js';

/** The library's render rows are the queue's memory; this is all of the library the queue uses. */
export type RenderQueueLibrary = Pick<
  Library,
  'createRender' | 'updateRenderProgress' | 'finishRender' | 'requeueRender' | 'listRenders' | 'getRender' | 'findNextQueuedRender'
>;

/** A render row with what only the running process knows: the estimated time left. */
export interface RenderJobState {
  entry: RenderEntry;
  etaMs: number | null;
}

export class RenderQueueError extends Error {
  override readonly name = 'RenderQueueError';
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT',
    message: string,
  ) {
    super(message);
  }
}

export interface RenderQueueDeps {
  library: RenderQueueLibrary;
  runner: RenderRunner;
  /** Renders at once; 1 by default. */
  concurrency?: number;
  /**
   * A second lane for the render farm: renders whose spec says `farm: true` run up to this many at once (the farm's
   * window; its workers decide how many draw at a time) without taking any of the `concurrency` slots, which stay
   * this computer's. Without it every render takes a slot, whatever runs it (a `batch --farm` run, whose
   * concurrency is its window).
   */
  farmWindow?: number;
  /**
   * Which renders this queue runs: one batch's (a `mouthpiece batch` process), or by default every render that is not
   * part of a manifest batch (the studio's queue), so the two never take each other's jobs.
   */
  batchId?: number;
  /** Every change of a job: queued, progress, done, failed, cancelled. */
  onJobState?: (state: RenderJobState) => void;
  /** Least time between two persisted progress updates of one job. */
  progressIntervalMs?: number;
}

export interface RenderQueue {
  /** Puts renders the last process left `running` back in the queue, then starts working. Returns how many it requeued. */
  start(): number;
  enqueue(input: { projectId: number | null; spec: RenderJobSpec }): RenderJobState;
  /** Cancels a queued or running render (a running one stops within moments and leaves no file). */
  cancel(renderId: number): Promise<RenderJobState>;
  /** Cancels every queued and running render of this queue (or of one batch). Returns how many it cancelled. */
  cancelAll(filter?: { batchId?: number }): Promise<number>;
  /** Queues a failed or cancelled render again. */
  retry(renderId: number): RenderJobState;
  /** Looks for queued renders to start: after renders were queued straight in the library (a batch). */
  wake(): void;
  /** How many renders run at once from now on (running ones are not stopped when it drops). */
  setConcurrency(concurrency: number): void;
  readonly concurrency: number;
  /** This queue's renders, newest first (every one: no row limit), optionally only some statuses. */
  list(filter?: { status?: RenderEntry['status'] | RenderEntry['status'][] }): RenderJobState[];
  get(renderId: number): RenderJobState;
  /**
   * For quitting: starts nothing new, stops running renders and puts them back in the queue (so the next start runs
   * them again from the beginning). Resolves once nothing runs.
   */
  pause(): Promise<void>;
  /** Resolves when no render is running and none is queued (or the queue is paused). */
  whenIdle(): Promise<void>;
}

interface Running {
  lane: RenderLane | undefined;
  controller: AbortController;
  done: Promise<void>;
  etaMs: number | null;
}

const SHUTDOWN = 'shutdown';

export function createRenderQueue({ library, runner, concurrency: initialConcurrency = 1, farmWindow, batchId: scope, onJobState, progressIntervalMs = 200 }: RenderQueueDeps): RenderQueue {
  assertConcurrency(initialConcurrency);
  if (farmWindow !== undefined) assertConcurrency(farmWindow);
  let concurrency = initialConcurrency;
  // One lane (every render) without a farm window; with one, the farm's and this computer's, each with its own limit.
  const lanes: readonly (RenderLane | undefined)[] = farmWindow === undefined ? [undefined] : ['local', 'farm'];
  const limitOf = (lane: RenderLane | undefined) => (lane === 'farm' ? (farmWindow ?? concurrency) : concurrency);
  const running = new Map<number, Running>();
  const listScoped = (filter: { status?: RenderEntry['status'] | RenderEntry['status'][]; limit?: number } = {}) =>
    library.listRenders({ ...filter, batchId: scope ?? null });
  let paused = false;
  let idleWaiters: (() => void)[] = [];

  const stateOf = (entry: RenderEntry): RenderJobState => ({ entry, etaMs: running.get(entry.id)?.etaMs ?? null });
  const requireEntry = (renderId: number): RenderEntry => {
    const entry = library.getRender({ renderId });
    if (!entry) throw new RenderQueueError('NOT_FOUND', `There is no render with id ${renderId}.`);
    return entry;
  };
  const announce = (renderId: number) => {
    const entry = library.getRender({ renderId });
    if (entry) onJobState?.(stateOf(entry));
  };

  const settleIdle = () => {
    const queued = paused ? null : library.findNextQueuedRender({ batchId: scope ?? null });
    if (running.size === 0 && queued === null) {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  };

  const pump = () => {
    for (const lane of lanes) {
      const inLane = () => [...running].filter(([, slot]) => slot.lane === lane).map(([id]) => id);
      for (let ids = inLane(); !paused && ids.length < limitOf(lane); ids = inLane()) {
        // A batch runs in its order, the app's queue oldest first; one indexed lookup however many rows wait.
        const next = library.findNextQueuedRender({ batchId: scope ?? null, lane, exceptIds: ids });
        if (!next) break;
        run(next, lane);
      }
    }
    settleIdle();
  };

  const run = (entry: RenderEntry, lane: RenderLane | undefined) => {
    const controller = new AbortController();
    const slot: Running = { lane, controller, done: Promise.resolve(), etaMs: null };
    running.set(entry.id, slot);
    slot.done = execute(entry, slot).finally(() => {
      running.delete(entry.id);
      announce(entry.id);
      pump();
    });
  };

  const execute = async (entry: RenderEntry, slot: Running): Promise<void> => {
    const renderId = entry.id;
    const parsed = renderJobSpecSchema.safeParse(entry.spec);
    if (!parsed.success) {
      library.finishRender({ renderId, status: 'failed', error: 'This render was queued by a different version of Mouthpiece and cannot be read; queue it again.' });
      return;
    }
    const startedAtMs = Date.now();
    let lastWriteMs = 0;
    let lastPhase: string | undefined;
    library.updateRenderProgress({ renderId, progress: 0, phase: 'starting' });
    announce(renderId);
    const onProgress = (progress: Progress) => {
      if (slot.controller.signal.aborted) return;
      slot.etaMs = progress.etaMs ?? estimateEtaMs(startedAtMs, progress.ratio) ?? null;
      const now = Date.now();
      if (now - lastWriteMs < progressIntervalMs && progress.phase === lastPhase && progress.ratio < 1) return;
      lastWriteMs = now;
      lastPhase = progress.phase;
      if (library.updateRenderProgress({ renderId, progress: Math.min(0.999, progress.ratio), phase: progress.phase })) announce(renderId);
    };
    try {
      throwIfAborted(slot.controller.signal);
      // A render that completes although a stop came meanwhile has its file in place: it is done, not redone.
      const { outPath } = await runner({ id: renderId, spec: parsed.data }, { signal: slot.controller.signal, onProgress });
      slot.etaMs = 0;
      library.finishRender({ renderId, status: 'done', outputPath: outPath });
    } catch (error) {
      slot.etaMs = null;
      if (slot.controller.signal.reason === SHUTDOWN) {
        library.finishRender({ renderId, status: 'cancelled', error: 'Paused when Mouthpiece quit.' });
        library.requeueRender({ renderId });
      } else if (slot.controller.signal.aborted || error instanceof CancelledError) {
        library.finishRender({ renderId, status: 'cancelled' });
      } else {
        library.finishRender({ renderId, status: 'failed', error: error instanceof Error ? error.message : String(error) });
      }
    }
  };

  return {
    start() {
      paused = false;
      const interrupted = listScoped({ status: 'running' }).filter((entry) => !running.has(entry.id));
      for (const entry of interrupted) {
        library.finishRender({ renderId: entry.id, status: 'cancelled', error: 'Interrupted when Mouthpiece stopped.' });
        library.requeueRender({ renderId: entry.id });
      }
      pump();
      return interrupted.length;
    },

    enqueue({ projectId, spec }) {
      const entry = library.createRender({ projectId, spec: renderJobSpecSchema.parse(spec) });
      onJobState?.(stateOf(entry));
      pump();
      return stateOf(library.getRender({ renderId: entry.id }) ?? entry);
    },

    async cancel(renderId) {
      const entry = requireEntry(renderId);
      const slot = running.get(renderId);
      if (slot) {
        slot.controller.abort(new CancelledError());
        await slot.done;
      } else if (entry.status === 'queued' || entry.status === 'running') {
        library.finishRender({ renderId, status: 'cancelled' });
        announce(renderId);
        settleIdle();
      } else {
        throw new RenderQueueError('CONFLICT', `Render ${renderId} has already ${entry.status === 'done' ? 'finished' : entry.status === 'failed' ? 'failed' : 'been cancelled'}.`);
      }
      return stateOf(requireEntry(renderId));
    },

    async cancelAll(filter = {}) {
      const targets = listScoped({ status: ['queued', 'running'] }).filter((entry) => filter.batchId === undefined || entry.batchId === filter.batchId);
      const slots: Running[] = [];
      for (const entry of targets) {
        const slot = running.get(entry.id);
        if (slot) {
          slot.controller.abort(new CancelledError());
          slots.push(slot);
        } else if (library.finishRender({ renderId: entry.id, status: 'cancelled' })) {
          announce(entry.id);
        }
      }
      await Promise.all(slots.map((slot) => slot.done));
      settleIdle();
      return targets.length;
    },

    wake() {
      pump();
    },

    setConcurrency(next) {
      assertConcurrency(next);
      concurrency = next;
      pump();
    },

    get concurrency() {
      return concurrency;
    },

    retry(renderId) {
      const entry = requireEntry(renderId);
      if (!library.requeueRender({ renderId })) {
        throw new RenderQueueError('CONFLICT', `Render ${renderId} is ${entry.status}; only failed or cancelled renders can be retried.`);
      }
      announce(renderId);
      pump();
      return stateOf(requireEntry(renderId));
    },

    list: (filter = {}) => listScoped(filter).map(stateOf),
    get: (renderId) => stateOf(requireEntry(renderId)),

    async pause() {
      paused = true;
      const slots = [...running.values()];
      for (const slot of slots) slot.controller.abort(SHUTDOWN);
      await Promise.all(slots.map((slot) => slot.done));
      settleIdle();
    },

    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        settleIdle();
      });
    },
  };
}
