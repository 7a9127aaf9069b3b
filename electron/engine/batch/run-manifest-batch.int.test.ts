import { mkdir, mkdtemp, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, throwIfAborted } from '../errors.js';
import type { BatchItemSpec, RenderRunner } from '../jobs/index.js';
import { openLibrary, type Library } from '../library/index.js';
import { produceFileAtomic, writeFileAtomic } from '../media/atomic-file.js';
import { captionFilePaths } from '../render/caption-overlay.js';
import { runManifestBatch, type BatchItemResult, type RunManifestBatchInput } from './run-manifest-batch.js';

/*
 * The batch's bookkeeping with real parts but no rendering: a real library (SQLite) and queue, and a runner that
 * writes each output the way the renderer does (a temporary file beside it, renamed when complete, captions files
 * after the video), holding a render open while the test stops the batch.
 */

let dir: string;
let outDir: string;
let library: Library;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-run-batch-'));
  outDir = path.join(dir, 'out');
  library = openLibrary({ libraryDir: path.join(dir, 'library') });
});
afterEach(async () => {
  library.close();
  await rm(dir, { recursive: true, force: true });
});

interface TestRunner {
  runner: RenderRunner;
  /** Output names the runner was asked to make, in order. */
  calls: string[];
}

/** `hold`: names whose render waits (with its temporary file open) until the batch is stopped; `fail`: names that fail. */
function fileRunner({ hold = [], fail = [] }: { hold?: string[]; fail?: string[] } = {}): TestRunner {
  const calls: string[] = [];
  const runner: RenderRunner = async ({ spec }, { signal, onProgress }) => {
    const item = spec as BatchItemSpec;
    const name = path.basename(item.outputPath, '.mp4');
    calls.push(name);
    if (fail.includes(name)) throw new InputError('NO_FACE', `${item.face.path}: no face found.`, item.face.path);
    await produceFileAtomic(item.outputPath, async (partial) => {
      await writeFile(partial, 'half');
      onProgress({ phase: 'render', ratio: 0.5 });
      if (hold.includes(name) && !signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      throwIfAborted(signal);
      await writeFile(partial, `video of ${item.source.kind === 'say' ? item.source.text : item.source.path}`);
    });
    if (item.captions !== 'none') {
      const { srtPath, vttPath } = captionFilePaths(item.outputPath);
      await writeFileAtomic(srtPath, Buffer.from('1\n00:00:00,000 --> 00:00:01,000\nHi\n'));
      await writeFileAtomic(vttPath, Buffer.from('WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n'));
    }
    return { outPath: item.outputPath };
  };
  return { runner, calls };
}

async function writeManifest(rows: Record<string, string>[]): Promise<string> {
  const file = path.join(dir, 'weekly.json');
  await writeFile(file, JSON.stringify(rows.map((row) => ({ face: 'face.png', preset: 'square', consent: 'The person shown agreed (test fixture).', ...row }))));
  return file;
}

const rows = (...names: string[]) => names.map((name) => ({ name, script: `Script ${name}.` }));

function run(manifestPath: string, runner: RenderRunner, extra: Partial<RunManifestBatchInput> = {}) {
  return runManifestBatch({ library, runner, manifestPath, outDir, concurrency: 1, presets: ['reel', 'square'], ...extra });
}

const statuses = (items: BatchItemResult[]) => items.map((item) => item.status);
const filesIn = async (folder: string) => (await readdir(folder)).sort();

describe('runManifestBatch', () => {
  it('stopped with two renders running: they go back to the queue, no partial file is left, and the next run makes only what is missing', async () => {
    const manifest = await writeManifest(rows('one', 'two', 'three', 'four'));
    const stop = new AbortController();
    const first = fileRunner({ hold: ['two', 'three'] });
    const result = await run(manifest, first.runner, {
      concurrency: 2,
      signal: stop.signal,
      onUpdate: ({ batch }) => {
        if (batch.done === 1 && batch.running === 2) stop.abort();
      },
    });
    expect(result.interrupted).toBe(true);
    expect(statuses(result.items)).toEqual(['done', 'queued', 'queued', 'queued']);
    expect(await filesIn(outDir)).toEqual(['one.mp4']);
    expect(await filesIn(path.join(dir, 'library', 'locks'))).toEqual([]);
    const oneMtime = (await stat(path.join(outDir, 'one.mp4'))).mtimeMs;

    const notices: string[] = [];
    const second = fileRunner();
    const resumed = await run(manifest, second.runner, { concurrency: 2, onNotice: (n) => notices.push(n) });
    expect(resumed).toMatchObject({ resumed: true, interrupted: false });
    expect(resumed.batch.id).toBe(result.batch.id);
    expect(resumed.batch.finishedAt).not.toBeNull();
    expect(notices[0]).toMatch(/Resuming the unfinished batch .*: 1 of 4 done/);
    expect(second.calls.sort()).toEqual(['four', 'three', 'two']);
    expect(statuses(resumed.items)).toEqual(['done', 'done', 'done', 'done']);
    expect(await filesIn(outDir)).toEqual(['four.mp4', 'one.mp4', 'three.mp4', 'two.mp4']);
    expect((await stat(path.join(outDir, 'one.mp4'))).mtimeMs).toBe(oneMtime);
  });

  it('runs nothing when stopped before it starts, and keeps the batch to resume', async () => {
    const manifest = await writeManifest(rows('one', 'two'));
    const stop = new AbortController();
    stop.abort();
    const first = fileRunner();
    const result = await run(manifest, first.runner, { signal: stop.signal });
    expect(first.calls).toEqual([]);
    expect(result.interrupted).toBe(true);
    expect(statuses(result.items)).toEqual(['queued', 'queued']);
    expect(library.getBatch({ batchId: result.batch.id })?.finishedAt).toBeNull();

    const again = await run(manifest, fileRunner().runner);
    expect(again).toMatchObject({ resumed: true, interrupted: false });
    expect(statuses(again.items)).toEqual(['done', 'done']);
  });

  it('removes a partial file a killed run left, and leaves a live process\'s partial alone', async () => {
    const manifest = await writeManifest(rows('one'));
    await run(manifest, fileRunner().runner, { signal: AbortSignal.abort() });
    const stale = path.join(outDir, '.one.partial-999999-1.mp4');
    const live = path.join(outDir, `.one.partial-${process.pid}-77.mp4`);
    await mkdir(outDir, { recursive: true });
    await writeFile(stale, 'left by a kill');
    await writeFile(live, 'being written');
    const notices: string[] = [];
    await run(manifest, fileRunner().runner, { onNotice: (n) => notices.push(n) });
    expect(await filesIn(outDir)).toEqual([path.basename(live), 'one.mp4']);
    expect(notices).toContain('Removed 1 unfinished file left by an interrupted run.');
  });

  it('retries failed items on the next run and makes again a finished video whose file (or captions file) was deleted', async () => {
    const manifest = await writeManifest([{ name: 'one', script: 'One.', captions: 'clean' }, ...rows('two', 'three', 'four')]);
    const first = await run(manifest, fileRunner({ fail: ['two'] }).runner);
    expect(statuses(first.items)).toEqual(['done', 'failed', 'done', 'done']);
    expect(first.items[1].error).toBe(`${path.join(dir, 'face.png')}: no face found.`);
    expect(first.interrupted).toBe(false);
    await unlink(captionFilePaths(path.join(outDir, 'one.mp4')).srtPath);
    await unlink(path.join(outDir, 'three.mp4'));

    const notices: string[] = [];
    const second = fileRunner();
    const resumed = await run(manifest, second.runner, { onNotice: (n) => notices.push(n) });
    expect(resumed.resumed).toBe(true);
    expect(second.calls).toEqual(['one', 'two', 'three']);
    expect(notices).toContain('Making again 2 finished videos whose files are gone: one.mp4, three.mp4.');
    expect(statuses(resumed.items)).toEqual(['done', 'done', 'done', 'done']);
    expect(await filesIn(outDir)).toEqual(['four.mp4', 'one.mp4', 'one.srt', 'one.vtt', 'three.mp4', 'two.mp4']);
  });

  it('treats an edited manifest as a new batch: refuses to overwrite the old outputs unless told, and --skip-existing makes only the new rows', async () => {
    const manifest = await writeManifest(rows('one', 'two'));
    await run(manifest, fileRunner().runner);
    await writeManifest(rows('one', 'two', 'three'));

    const refused = await run(manifest, fileRunner().runner).catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'InputError', code: 'OUTPUT_EXISTS' });
    expect((refused as Error).message).toBe(`2 outputs already exist in ${outDir} (one.mp4, two.mp4); use --overwrite to replace them or --skip-existing to keep them.`);

    const runner = fileRunner();
    const skipped = await run(manifest, runner.runner, { existing: 'skip' });
    expect(skipped.resumed).toBe(false);
    expect(runner.calls).toEqual(['three']);
    expect(statuses(skipped.items)).toEqual(['skipped', 'skipped', 'done']);

    const overwrite = fileRunner();
    await run(manifest, overwrite.runner, { existing: 'overwrite' });
    expect(overwrite.calls).toEqual(['one', 'two', 'three']);
  });

  it('does not resume a batch that finished: the same manifest again is a new batch', async () => {
    const manifest = await writeManifest(rows('one'));
    await run(manifest, fileRunner().runner);
    await expect(run(manifest, fileRunner().runner)).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
  });

  it('refuses a second run of the same batch while the first is running', async () => {
    const manifest = await writeManifest(rows('one'));
    const stop = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = run(manifest, fileRunner({ hold: ['one'] }).runner, { signal: stop.signal, onUpdate: ({ item }) => item.status === 'running' && started() });
    await running;
    await expect(run(manifest, fileRunner().runner)).rejects.toThrow(`The batch ${manifest} into ${outDir} is already running in this process`);
    stop.abort();
    expect((await first).interrupted).toBe(true);
  });

  it('counts a render that completes as the stop arrives as done, not as work to redo', async () => {
    const manifest = await writeManifest(rows('one'));
    const stop = new AbortController();
    const runner: RenderRunner = async (job, options) => {
      const result = await fileRunner().runner(job, options);
      stop.abort();
      return result;
    };
    const result = await run(manifest, runner, { signal: stop.signal });
    expect(statuses(result.items)).toEqual(['done']);
    expect(result.interrupted).toBe(false);
  });
});
