import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from './library.js';
import { resolveMediaPath } from './media-store.js';
import { inspectLibrary, type LibraryInspection } from './test-support/inspect-library.js';
import { runImportWorker } from './test-support/run-import-worker.js';
import { createTempDir, hashFileSync, hasSharedMedia, resolveSharedMedia } from './test-support/temp-library.js';

/*
 * A child process imports while the parent SIGKILLs it; the library must then open clean: a sound database, every
 * referenced file present with the right content, nothing half-written under a final name, debris swept.
 */

const images = ['portrait_chris_pratt_ccby2.jpg', 'group3_apollo11_crew_nasa.png', 'painting_mona_lisa_small_cc0.jpg', 'portrait_woman_smiling_cc0.png'].map((name) => resolveSharedMedia(`images/${name}`));
const recordings = ['en_jfk_inaugural.wav', 'fr_fleurs_fr_002.ogg'].map((name) => resolveSharedMedia(`audio/${name}`));
const script = resolveSharedMedia('audio/en_ljspeech_LJ001-0001.txt');

function expectHealthy(state: LibraryInspection): void {
  expect(state.integrity).toBe('ok');
  expect(state.foreignKeyProblems).toEqual([]);
  expect(state.badMedia).toEqual([]);
  expect(state.badFiles).toEqual([]);
  expect(state.orphanFiles).toEqual([]);
  expect(state.tempFiles).toEqual([]);
  expect(state.pendingImports).toBe(0);
  expect(state.facesWithoutSubjects).toBe(0);
}

/** Opens the library as the app would (which repairs it), then closes it and inspects what is on disk. */
function reopenAndInspect(libraryDir: string): { report: ReturnType<typeof openLibrary>['repairReport']; state: LibraryInspection } {
  const library = openLibrary({ libraryDir });
  const report = library.repairReport;
  library.close();
  return { report, state: inspectLibrary(libraryDir) };
}

describe.skipIf(!hasSharedMedia)('crash safety of imports', () => {
  let temp: ReturnType<typeof createTempDir>;
  let libraryDir: string;
  beforeEach(() => {
    temp = createTempDir();
    libraryDir = path.join(temp.dir, 'library');
  });
  afterEach(() => temp.remove());

  it('a process killed while analysing leaves only what it committed, and its stored file is swept', async () => {
    const run = await runImportWorker({
      input: { libraryDir, files: [recordings[0], images[0]], analyzeDelayMs: 60_000 },
      killWhen: (event) => event.event === 'analysing',
    });
    expect(run.signal).toBe('SIGKILL');
    expect(run.events.filter((event) => event.event === 'imported')).toHaveLength(1);

    const debris = inspectLibrary(libraryDir);
    expect(debris.integrity).toBe('ok');
    expect(debris.pendingImports).toBe(1);
    expect(debris.orphanFiles).toHaveLength(1);

    const { report, state } = reopenAndInspect(libraryDir);
    expect(report).toMatchObject({ staleImportsCleared: 1, orphanFilesRemoved: 1, missingMedia: [] });
    expectHealthy(state);
    expect(state.counts).toEqual({ media: 1, faces: 0, subjects: 0, voices: 1, scripts: 0 });
  });

  it('a process killed halfway through copying leaves a temp file, never a final name, and it is swept', async () => {
    const noise = path.join(temp.dir, 'noise.png');
    writeFileSync(noise, randomBytes(3 * 1024 * 1024));
    const run = await runImportWorker({
      input: { libraryDir, files: [noise], analyzeDelayMs: 0, pauseAtCopyOf: noise },
      killWhen: (event) => event.event === 'copying',
    });
    expect(run.signal).toBe('SIGKILL');
    const tempDir = path.join(libraryDir, 'media', '.tmp');
    const [partial, ...others] = readdirSync(tempDir);
    expect(others).toEqual([]);
    expect(statSync(path.join(tempDir, partial)).size).toBeLessThan(statSync(noise).size);

    const { report, state } = reopenAndInspect(libraryDir);
    expect(report).toMatchObject({ tempFilesRemoved: 1, staleImportsCleared: 1 });
    expectHealthy(state);
    expect(state.counts.media).toBe(0);
  });

  it('kills at arbitrary moments never leave a library inconsistent, and importing again completes it', async () => {
    const files = [images[0], recordings[0], images[1], script, images[2], recordings[1], images[3]];
    let killedMidway = 0;
    for (const killAfterMs of [0, 15, 35, 60, 90, 130, 180, 240]) {
      const roundDir = path.join(temp.dir, `round-${killAfterMs}`);
      const run = await runImportWorker({ input: { libraryDir: roundDir, files, analyzeDelayMs: 40 }, killAfterMs });
      expect(run.stderr).toBe('');
      if (run.signal === 'SIGKILL' && run.events.at(-1)?.event !== 'done') killedMidway++;
      if (process.env.MOUTHPIECE_TEST_VERBOSE) console.log(killAfterMs, run.signal, run.events.map((e) => `${e.event}:${e.file ?? ''}`).join(' '));
      const { state } = reopenAndInspect(roundDir);
      expectHealthy(state);

      // The same files imported again into the damaged library end up there exactly once each.
      if (killAfterMs === 90) {
        const finalRun = await runImportWorker({ input: { libraryDir: roundDir, files, analyzeDelayMs: 0 } });
        expect(finalRun.exitCode).toBe(0);
        const { state: completed } = reopenAndInspect(roundDir);
        expectHealthy(completed);
        expect(completed.counts).toMatchObject({ media: files.length, faces: images.length, voices: recordings.length, scripts: 1 });
      }
    }
    expect(killedMidway).toBeGreaterThanOrEqual(4);
  });

  it('opening the library while another process imports does not sweep that import', async () => {
    let parentReport: ReturnType<typeof openLibrary>['repairReport'] | undefined;
    let storedDuringImport = false;
    const storedPath = resolveMediaPath({ libraryDir, sha256: hashFileSync(images[0]), ext: '.jpg' });
    const run = await runImportWorker({
      input: { libraryDir, files: [images[0]], analyzeDelayMs: 1500 },
      killWhen: (event) => {
        if (event.event === 'analysing') {
          // The file is stored, its rows not yet written: a naive sweep would delete it now.
          const library = openLibrary({ libraryDir });
          parentReport = library.repairReport;
          library.close();
          storedDuringImport = existsSync(storedPath);
        }
        return false;
      },
    });
    expect(run.exitCode).toBe(0);
    expect(parentReport).toMatchObject({ orphanFilesRemoved: 0, staleImportsCleared: 0 });
    expect(storedDuringImport).toBe(true);
    const { state } = reopenAndInspect(libraryDir);
    expectHealthy(state);
    expect(state.counts).toMatchObject({ media: 1, faces: 1 });
  });
});
