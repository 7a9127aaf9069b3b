import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from './index.js';
import { createTempDir } from './test-support/temp-library.js';

let temp: ReturnType<typeof createTempDir>;
let library: Library;
beforeEach(() => {
  temp = createTempDir('mouthpiece-batches-');
  library = openLibrary({ libraryDir: path.join(temp.dir, 'library') });
});
afterEach(() => {
  library.close();
  temp.remove();
});

function batch(sourceKey: string | null, items = 2) {
  return library.createBatch({ name: 'weekly.csv', sourceKey, outDir: '/out', concurrency: 2, items: Array.from({ length: items }, (_, i) => ({ spec: { n: i } })) });
}
const renderIds = (batchId: number) => library.listRenders({ batchId }).map((r) => r.id).sort((a, b) => a - b);
const finish = (renderId: number, status: 'done' | 'failed' | 'cancelled') => {
  library.updateRenderProgress({ renderId, progress: 0.1 });
  library.finishRender({ renderId, status, ...(status === 'failed' ? { error: 'no face' } : {}) });
};

describe('batches in the library', () => {
  it('creates a batch with its items queued in order, and counts them by status', () => {
    const created = batch('key', 3);
    const [a, b] = renderIds(created.id);
    finish(a, 'done');
    finish(b, 'failed');
    expect(library.getBatch({ batchId: created.id })?.counts).toEqual({ total: 3, queued: 1, running: 0, done: 1, failed: 1, cancelled: 0 });
    expect(library.listRenders({ batchId: created.id }).map((r) => r.batchPosition).sort()).toEqual([0, 1, 2]);
  });

  it('findResumableBatch: the newest batch from the key with an item not done; none once all are done', () => {
    const older = batch('key');
    const newer = batch('key');
    batch('other key');
    expect(library.findResumableBatch({ sourceKey: 'key' })?.id).toBe(newer.id);

    for (const id of renderIds(newer.id)) finish(id, 'done');
    expect(library.findResumableBatch({ sourceKey: 'key' })?.id).toBe(older.id);

    const [first, second] = renderIds(older.id);
    finish(first, 'done');
    for (const status of ['running', 'failed', 'cancelled'] as const) {
      if (status === 'running') library.updateRenderProgress({ renderId: second, progress: 0.5 });
      else {
        library.requeueRender({ renderId: second });
        finish(second, status);
      }
      expect(library.findResumableBatch({ sourceKey: 'key' })?.counts[status], status).toBe(1);
    }
    library.requeueRender({ renderId: second });
    finish(second, 'done');
    expect(library.findResumableBatch({ sourceKey: 'key' })).toBeNull();
    expect(library.findResumableBatch({ sourceKey: 'unknown' })).toBeNull();
  });

  it('finishBatch stamps a batch only once nothing is queued or running; reopenBatch clears the stamp', () => {
    const created = batch('key');
    const [a, b] = renderIds(created.id);
    finish(a, 'done');
    expect(library.finishBatch({ batchId: created.id })).toBe(false);
    finish(b, 'failed');
    expect(library.finishBatch({ batchId: created.id })).toBe(true);
    expect(library.getBatch({ batchId: created.id })?.finishedAt).not.toBeNull();
    library.reopenBatch({ batchId: created.id });
    expect(library.getBatch({ batchId: created.id })?.finishedAt).toBeNull();
  });

  it('redoBatchItem queues a done item of that batch again, and nothing else', () => {
    const created = batch('key');
    const other = batch('other');
    const [done, failed] = renderIds(created.id);
    finish(done, 'done');
    finish(failed, 'failed');
    expect(library.redoBatchItem({ batchId: other.id, renderId: done })).toBe(false);
    expect(library.redoBatchItem({ batchId: created.id, renderId: failed })).toBe(false);
    expect(library.redoBatchItem({ batchId: created.id, renderId: done })).toBe(true);
    expect(library.getRender({ renderId: done })).toMatchObject({ status: 'queued', progress: 0, startedAt: null, durationMs: null, outputPath: null });
  });

  it('refuses a batch without items or with parallel renders out of range, creating nothing', () => {
    expect(() => library.createBatch({ name: 'x', outDir: '/out', concurrency: 1, items: [] })).toThrow(/at least one item/);
    expect(() => library.createBatch({ name: 'x', outDir: '/out', concurrency: 4097, items: [{ spec: {} }] })).toThrow(/from 1 to 4096, not 4097/);
    expect(library.listBatches()).toEqual([]);
    // A farm window above 16 runs, and the table keeps 16 (its CHECK since schema v2).
    expect(library.createBatch({ name: 'farm', outDir: '/out', concurrency: 256, items: [{ spec: {} }] }).concurrency).toBe(16);
  });
});
