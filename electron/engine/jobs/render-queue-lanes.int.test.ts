import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, openLibraryDatabase, type Library } from '../library/index.js';
import { nextQueuedRenderSql } from '../library/render-queries.js';
import { CancelledError } from '../errors.js';
import type { BatchItemSpec, RenderRunner } from './render-job.js';
import { createRenderQueue } from './render-queue.js';

/*
 * The studio queue's two lanes over a real library (SQLite file): renders for the farm (`farm: true`) run up to the
 * farm's window without taking this computer's slots. The runner writes a one-line file per item once its lane's gate
 * opens (what is under test is the claiming, not the drawing; the farm's own runner has tests/farm).
 */

let dir: string;
let library: Library;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-lanes-'));
  library = openLibrary({ libraryDir: path.join(dir, 'library') });
});
afterEach(async () => {
  library.close();
  await rm(dir, { recursive: true, force: true });
});

function item(name: string, farm: boolean): BatchItemSpec {
  return {
    version: 1, kind: 'batch-item', title: name, origin: `test ${name}`, outputPath: path.join(dir, 'out', `${name}.mp4`),
    face: { path: path.join(dir, 'face.png'), subject: 0 }, source: { kind: 'say', text: 'Hello.' }, preset: 'square', captions: 'none',
    ...(farm ? { farm: true } : {}),
  };
}

/** Started renders by name; each waits until `release(name)` (or a stop), then writes its file. */
function gatedRunner() {
  const started: string[] = [];
  const active = new Set<string>();
  const gates = new Map<string, () => void>();
  let maxLocalActive = 0;
  const runner: RenderRunner = async ({ spec }, { signal }) => {
    const name = path.basename(spec.outputPath, '.mp4');
    started.push(name);
    active.add(name);
    maxLocalActive = Math.max(maxLocalActive, [...active].filter((n) => n.startsWith('local')).length);
    await new Promise<void>((resolve, reject) => {
      gates.set(name, resolve);
      signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    });
    await mkdir(path.dirname(spec.outputPath), { recursive: true });
    await writeFile(spec.outputPath, `video ${name}`);
    active.delete(name);
    return { outPath: spec.outputPath };
  };
  const release = (name: string) => {
    const open = gates.get(name);
    if (!open) throw new Error(`${name} is not running`);
    open();
  };
  return { runner, started, active, release, maxLocalActive: () => maxLocalActive };
}

const settle = async (until: () => boolean) => {
  for (let i = 0; i < 500 && !until(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('the render queue with a farm lane', () => {
  it('starts 10 farm renders at once beside 2 local ones that take the single local slot one at a time', async () => {
    const farmNames = Array.from({ length: 10 }, (_, i) => `farm${i}`);
    // Interleaved as a user might queue them: the local ones are not first in line.
    const specs = [item('local0', false), ...farmNames.slice(0, 5).map((n) => item(n, true)), item('local1', false), ...farmNames.slice(5).map((n) => item(n, true))];
    for (const spec of specs) library.createRender({ spec });
    const gated = gatedRunner();
    const queue = createRenderQueue({ library, runner: gated.runner, concurrency: 1, farmWindow: 256 });
    queue.start();
    await settle(() => gated.started.length === 11);

    expect(gated.started.filter((n) => n.startsWith('farm')).sort()).toEqual([...farmNames].sort());
    expect(gated.started.filter((n) => n.startsWith('local'))).toEqual(['local0']);
    expect(queue.list({ status: 'running' })).toHaveLength(11);
    expect(queue.list({ status: 'queued' }).map((state) => (state.entry.spec as BatchItemSpec).title)).toEqual(['local1']);

    // The farm finishing frees no local slot and the local render finishing lets the next local one in.
    for (const name of farmNames) gated.release(name);
    await settle(() => queue.list({ status: 'done' }).length === 10);
    expect(gated.started).not.toContain('local1');
    gated.release('local0');
    await settle(() => gated.started.includes('local1'));
    gated.release('local1');
    await queue.whenIdle();

    expect(queue.list({ status: 'done' })).toHaveLength(12);
    expect(gated.maxLocalActive()).toBe(1);
  });

  it('keeps the farm lane to its window, and without a window every render takes a local slot', async () => {
    for (let i = 0; i < 6; i += 1) library.createRender({ spec: item(`farm${i}`, true) });
    const windowed = gatedRunner();
    const queue = createRenderQueue({ library, runner: windowed.runner, concurrency: 1, farmWindow: 4 });
    queue.start();
    await settle(() => windowed.started.length === 4);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(windowed.started).toEqual(['farm0', 'farm1', 'farm2', 'farm3']);
    windowed.release('farm1');
    await settle(() => windowed.started.length === 5);
    expect(windowed.started[4]).toBe('farm4');
    await queue.pause();

    // One lane (what `batch --farm` and an older caller get): farm renders wait for the single slot like any other.
    const single = gatedRunner();
    const plain = createRenderQueue({ library, runner: single.runner, concurrency: 1 });
    plain.start();
    await settle(() => single.started.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(single.started).toHaveLength(1);
    await plain.pause();
  });

  it('claims each lane with the lane index, not by reading the other lane or the specs', () => {
    const db = openLibraryDatabase({ dbPath: path.join(dir, 'plan.db') });
    try {
      for (const lane of ['farm', 'local'] as const) {
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${nextQueuedRenderSql({ batchId: null, lane })}`).all({ except: '[]' }) as { detail: string }[];
        const details = plan.map((step) => step.detail).join('\n');
        expect(details).toMatch(/SEARCH renders USING INDEX renders_queued_by_lane \(status=\? AND <expr>=\?\)/);
        expect(details).not.toMatch(/SCAN renders|TEMP B-TREE/);
      }
    } finally {
      db.close();
    }
  });
});
