import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runManifestBatch, type BatchItemResult } from '../../electron/engine/batch/index.js';
import { createRenderQueue, type BatchItemSpec, type BatchProgress, type RenderRunner } from '../../electron/engine/jobs/index.js';
import { openLibrary, type Library } from '../../electron/engine/library/index.js';

/*
 * No row limit in the queue: a real library (SQLite file) and the real queue and batch, with a runner that writes a
 * one-line file per item instead of a video (what is under test is the planning, claiming and counting).
 */

let dir: string;
let outDir: string;
let library: Library;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-long-batch-'));
  outDir = path.join(dir, 'out');
  library = openLibrary({ libraryDir: path.join(dir, 'library') });
});
afterEach(async () => {
  library.close();
  await rm(dir, { recursive: true, force: true });
});

/** A runner that records the order it was asked for items in and fails the names in `fail`. */
function recordingRunner({ fail = [], writeFiles = true }: { fail?: string[]; writeFiles?: boolean } = {}) {
  const calls: string[] = [];
  const runner: RenderRunner = async ({ spec }, { onProgress }) => {
    const item = spec as BatchItemSpec;
    const name = path.basename(item.outputPath, '.mp4');
    calls.push(name);
    if (fail.includes(name)) throw new Error(`${name}: no face found.`);
    onProgress({ phase: 'render', ratio: 0.5 });
    if (writeFiles) {
      await mkdir(path.dirname(item.outputPath), { recursive: true });
      await writeFile(item.outputPath, `video ${name}`);
    }
    return { outPath: item.outputPath };
  };
  return { runner, calls };
}

async function writeCsvManifest(rowCount: number): Promise<string> {
  const file = path.join(dir, 'long.csv');
  const lines = ['face,script,name,preset'];
  for (let i = 1; i <= rowCount; i += 1) lines.push(`face.png,Line ${i}.,v${String(i).padStart(5, '0')},square`);
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
}

const names = (count: number) => Array.from({ length: count }, (_, i) => `v${String(i + 1).padStart(5, '0')}`);
const countOf = (items: BatchItemResult[], status: string) => items.filter((item) => item.status === status).length;

describe('a batch longer than any page of rows', () => {
  it('runs 5,000 rows once each in manifest order, with exact counts in every progress update and in the result', async () => {
    const manifest = await writeCsvManifest(5000);
    const { runner, calls } = recordingRunner({ writeFiles: false });
    const totals = new Set<number>();
    let last: BatchProgress | null = null;
    const result = await runManifestBatch({
      library, runner, manifestPath: manifest, outDir, concurrency: 4, presets: ['square'],
      onUpdate: ({ batch }) => {
        totals.add(batch.total);
        last = batch;
      },
    });
    expect(calls).toEqual(names(5000));
    expect(totals).toEqual(new Set([5000]));
    expect(last).toMatchObject({ total: 5000, done: 5000, queued: 0, running: 0, ratio: 1 });
    expect(result.items).toHaveLength(5000);
    expect(result.items.map((item) => item.position)).toEqual(names(5000).map((_, i) => i));
    expect(countOf(result.items, 'done')).toBe(5000);
    expect(result.progress).toMatchObject({ total: 5000, done: 5000, failed: 0 });
    expect(result.batch.counts).toMatchObject({ total: 5000, done: 5000 });
    expect(result.batch.finishedAt).not.toBeNull();
    expect(library.listRenders({ batchId: result.batch.id })).toHaveLength(5000);
  }, 240_000);

  it('a resumed 501-row batch whose row 2 failed retries row 2 only, and reports it when it fails again', async () => {
    const manifest = await writeCsvManifest(501);
    const first = recordingRunner({ fail: ['v00002'] });
    const firstResult = await runManifestBatch({ library, runner: first.runner, manifestPath: manifest, outDir, concurrency: 2, presets: ['square'] });
    expect(first.calls).toEqual(names(501));
    expect(firstResult.items).toHaveLength(501);
    expect([countOf(firstResult.items, 'done'), countOf(firstResult.items, 'failed')]).toEqual([500, 1]);
    expect(firstResult.items[1]).toMatchObject({ status: 'failed', position: 1, error: 'v00002: no face found.' });

    const again = recordingRunner({ fail: ['v00002'] });
    let lastTick: BatchProgress | null = null;
    const resumed = await runManifestBatch({
      library, runner: again.runner, manifestPath: manifest, outDir, concurrency: 2, presets: ['square'],
      onUpdate: ({ batch }) => (lastTick = batch),
    });
    expect(lastTick).toMatchObject({ total: 501, done: 500, failed: 1, queued: 0, running: 0 });
    expect(resumed.resumed).toBe(true);
    expect(again.calls).toEqual(['v00002']);
    expect(resumed.items).toHaveLength(501);
    expect([countOf(resumed.items, 'done'), countOf(resumed.items, 'failed')]).toEqual([500, 1]);
    expect(resumed.progress).toMatchObject({ total: 501, done: 500, failed: 1 });

    const fixed = recordingRunner();
    const completed = await runManifestBatch({ library, runner: fixed.runner, manifestPath: manifest, outDir, concurrency: 2, presets: ['square'] });
    expect(fixed.calls).toEqual(['v00002']);
    expect(countOf(completed.items, 'done')).toBe(501);
    expect(completed.batch.finishedAt).not.toBeNull();
  }, 120_000);

  it('on a farm, times the batch by its measured pace: unknown before two items ended, then known, whatever the window', async () => {
    const manifest = await writeCsvManifest(6);
    // Items end one after another, at least 0.3 s apart, though all six are in the window at once.
    const runner: RenderRunner = async ({ spec }) => {
      const index = Number(path.basename((spec as BatchItemSpec).outputPath, '.mp4').slice(1));
      await new Promise((resolve) => setTimeout(resolve, 300 * index));
      return { outPath: (spec as BatchItemSpec).outputPath };
    };
    const updates: BatchProgress[] = [];
    await runManifestBatch({ library, runner, manifestPath: manifest, outDir, concurrency: 256, etaFromThroughput: true, presets: ['square'], onUpdate: ({ batch }) => updates.push(batch) });
    const ended = (batch: BatchProgress) => batch.done + batch.failed + batch.cancelled;
    const working = updates.filter((batch) => batch.queued + batch.running > 0);
    expect(working.filter((batch) => ended(batch) < 2).map((batch) => batch.etaMs)).toEqual(working.filter((batch) => ended(batch) < 2).map(() => null));
    expect(working.some((batch) => ended(batch) >= 2 && typeof batch.etaMs === 'number' && batch.etaMs > 0)).toBe(true);
    expect(updates.at(-1)).toMatchObject({ done: 6, etaMs: 0 });
  }, 60_000);

  it('the studio queue lists, counts and claims past 500 rows: 700 renders and an app batch of 600', () => {
    const first = library.createRender({ spec: { n: 0 } });
    for (let i = 1; i < 700; i += 1) library.createRender({ spec: { n: i } });
    const batch = library.createBatch({ name: 'app batch', outDir, concurrency: 1, items: names(600).map((name) => ({ spec: { name } })) });
    const queue = createRenderQueue({ library, runner: async () => ({ outPath: '' }) });
    expect(queue.list()).toHaveLength(1300);
    expect(queue.list({ status: 'queued' })).toHaveLength(1300);
    expect(library.findNextQueuedRender({ batchId: null })?.id).toBe(first.id);
    expect(library.summarizeRenders({ batchId: batch.id })).toMatchObject({ total: 600, queued: 600 });
    expect(library.summarizeRenders({ batchId: null })).toMatchObject({ total: 1300 });
    expect(library.getBatch({ batchId: batch.id })?.counts.total).toBe(600);
  });

  it('claims the next queued row of a 5,000-row batch by position, skipping rows being started, and counts it exactly', () => {
    const batch = library.createBatch({ name: 'plan', outDir, concurrency: 1, sourceKey: 'k', items: names(5000).map((name) => ({ spec: { name } })) });
    const next = library.findNextQueuedRender({ batchId: batch.id });
    expect(next?.batchPosition).toBe(0);
    const claimedFirst = library.findNextQueuedRender({ batchId: batch.id, exceptIds: [next?.id ?? 0] });
    expect(claimedFirst?.batchPosition).toBe(1);
    expect(library.summarizeRenders({ batchId: batch.id })).toMatchObject({ total: 5000, queued: 5000 });
  });
});
