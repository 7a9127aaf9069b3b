import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openLibrary } from '../../electron/engine/library/index.js';
import { inspectLibrary } from '../../electron/engine/library/test-support/inspect-library.js';
import { runImportWorker } from '../../electron/engine/library/test-support/run-import-worker.js';
import { probeMedia, resolveFfmpegTools, type FfmpegTools } from '../../electron/engine/media/index.js';
import { media, ROOT } from '../helpers/run-cli';

/*
 * Crash-safety soak: import, render and batch runs, each SIGKILLed at a random moment (or let finish), on one library.
 * After every run the library must open clean (integrity_check, no orphan files, no rows without files), every
 * output that exists must be a whole video of the right length, and an interrupted batch must resume to completion.
 */

/** Renders and batches carry an attestation that the person shown agreed (issue 18). */
const CONSENT = 'The person shown agreed (test fixture).';

export type SoakOperation = 'import' | 'render' | 'batch';

export interface SoakRun {
  index: number;
  operation: SoakOperation;
  killAfterMs: number | null;
  killed: boolean;
  problems: string[];
}

export interface SoakSummary {
  runs: SoakRun[];
  killed: number;
  problems: string[];
  finishedOutputs: number;
  batchesResumed: number;
  elapsedSec: number;
}

/** A small deterministic generator, so a failing soak can be run again with the same seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function runCliKilled(args: string[], killAfterMs: number | null, timeoutMs = 180_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mouthpiece.cjs'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const kill = () => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL');
    const killer = killAfterMs === null ? null : setTimeout(kill, killAfterMs);
    const guard = setTimeout(kill, timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (killer) clearTimeout(killer);
      clearTimeout(guard);
      resolve({ code, signal, stderr });
    });
  });
}

async function checkVideo(tools: FfmpegTools, file: string, expectedSec: number): Promise<string | null> {
  try {
    const info = await probeMedia(tools, file);
    const durationSec = info.durationSec ?? 0;
    if (Math.abs(durationSec - expectedSec) > 0.25) return `${path.basename(file)}: ${durationSec.toFixed(2)} s instead of ${expectedSec} s`;
    return null;
  } catch (error) {
    return `${path.basename(file)}: not a whole video (${(error as Error).message.split('\n')[0]})`;
  }
}

/** Runs `runs` killed-or-not operations in `dir` (which it fills; the caller removes it). */
export async function runCrashSoak({ dir, runs, seed = 1, maxKillMs = 6000, log = () => {} }: { dir: string; runs: number; seed?: number; maxKillMs?: number; log?: (line: string) => void }): Promise<SoakSummary> {
  const started = Date.now();
  const random = createRandom(seed);
  const tools = await resolveFfmpegTools();
  const libraryDir = path.join(dir, 'library');
  const outDir = path.join(dir, 'out');
  await mkdir(outDir, { recursive: true });
  // A 1 s voice and a 115 px face keep each render to a few seconds.
  const voice = path.join(dir, 'one.wav');
  await new Promise<void>((resolve, reject) => {
    const ffmpeg = spawn(tools.ffmpegPath, ['-v', 'error', '-y', '-ss', '1', '-t', '1', '-i', media('audio/en_ljspeech_LJ001-0001.wav'), voice]);
    ffmpeg.on('error', reject);
    ffmpeg.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}`))));
  });
  const face = media('images/portrait_tiny_glasses_beard_cc0.png');
  const scene = path.join(dir, 'scene.json');
  await writeFile(scene, JSON.stringify({ face, preset: 'source', fps: 10, tracks: [{ subject: 0, clips: [{ start: 0, audio: voice }] }] }));
  const inputs = [voice, face, scene];
  const inputHashes = inputs.map((file) => createHash('sha256').update(readFileSync(file)).digest('hex'));
  const importFiles = ['portrait_woman_smiling_cc0.png', 'group3_apollo11_crew_nasa.png', 'painting_mona_lisa_small_cc0.jpg'].map((name) => media(`images/${name}`));

  const summary: SoakSummary = { runs: [], killed: 0, problems: [], finishedOutputs: 0, batchesResumed: 0, elapsedSec: 0 };
  const operations: SoakOperation[] = ['import', 'render', 'batch'];
  for (let index = 0; index < runs; index += 1) {
    // Each operation in turn, killed somewhere within about its own length (an import of three pictures takes about
    // a second, a render or a batch a few); one run in five is left to finish.
    const operation = operations[index % operations.length];
    const window = { import: 1200, render: maxKillMs, batch: maxKillMs }[operation];
    const killAfterMs = random() < 0.2 ? null : Math.round(random() * window);
    const run: SoakRun = { index, operation, killAfterMs, killed: false, problems: [] };
    if (operation === 'import') {
      // New content every run (a tail after the picture's end), or the store would find each file already there.
      const files = importFiles.map((file, i) => path.join(dir, `import-${index}-${i}${path.extname(file)}`));
      await Promise.all(files.map((file, i) => writeFile(file, Buffer.concat([readFileSync(importFiles[i]), Buffer.from(`run ${index} seed ${seed}`)]))));
      const result = await runImportWorker({ input: { libraryDir, files, analyzeDelayMs: 300 }, killAfterMs: killAfterMs ?? undefined });
      run.killed = result.signal === 'SIGKILL';
      if (!run.killed && result.exitCode !== 0) run.problems.push(`import exited ${result.exitCode}: ${result.stderr.trim().split('\n')[0]}`);
    } else if (operation === 'render') {
      const out = path.join(outDir, `render-${index}.mp4`);
      const result = await runCliKilled(['render', '--scene', scene, '--consent', CONSENT, '-o', out], killAfterMs);
      run.killed = result.signal === 'SIGKILL';
      if (!run.killed && result.code !== 0) run.problems.push(`render exited ${result.code}: ${result.stderr.trim().split('\n').pop()}`);
      const written = (await readdir(outDir)).includes(path.basename(out));
      if (!run.killed && !written) run.problems.push(`render ${index} ended without its output`);
      if (written) {
        const problem = await checkVideo(tools, out, 1);
        if (problem) run.problems.push(problem);
        else summary.finishedOutputs += 1;
      }
    } else {
      const batchDir = path.join(outDir, `batch-${index}`);
      const manifest = path.join(dir, `batch-${index}.csv`);
      await writeFile(manifest, `face,audio,preset,fps,name,consent\n${face},${voice},source,10,first,${CONSENT}\n${face},${voice},source,10,second,${CONSENT}\n`);
      const args = ['batch', manifest, '-o', batchDir, '--library', libraryDir, '--parallel', '1'];
      const first = await runCliKilled(args, killAfterMs);
      run.killed = first.signal === 'SIGKILL';
      if (!run.killed && first.code !== 0) run.problems.push(`batch exited ${first.code}: ${first.stderr.trim().split('\n').pop()}`);
      if (run.killed) {
        // The same command again resumes the batch (or starts it, if the kill came before it was recorded).
        const again = await runCliKilled(args, null);
        summary.batchesResumed += 1;
        if (again.code !== 0) run.problems.push(`resumed batch exited ${again.code}: ${again.stderr.trim().split('\n').pop()}`);
      }
      for (const name of ['first', 'second']) {
        const file = path.join(batchDir, `${name}.mp4`);
        const problem = await checkVideo(tools, file, 1);
        if (problem) run.problems.push(problem);
        else summary.finishedOutputs += 1;
      }
    }
    // The library after every run: opened as the app would (which repairs), then inspected on disk.
    try {
      const library = openLibrary({ libraryDir });
      library.close();
      const state = inspectLibrary(libraryDir);
      if (state.integrity !== 'ok') run.problems.push(`integrity_check: ${state.integrity}`);
      if (state.foreignKeyProblems.length > 0) run.problems.push(`${state.foreignKeyProblems.length} foreign key problems`);
      if (state.badMedia.length > 0) run.problems.push(`rows without their file: ${state.badMedia.join(', ')}`);
      if (state.badFiles.length > 0) run.problems.push(`damaged stored files: ${state.badFiles.join(', ')}`);
      if (state.orphanFiles.length > 0) run.problems.push(`files without rows: ${state.orphanFiles.join(', ')}`);
      if (state.tempFiles.length > 0) run.problems.push(`temporary files left in the library: ${state.tempFiles.join(', ')}`);
    } catch (error) {
      run.problems.push(`the library does not open: ${(error as Error).message}`);
    }
    inputs.forEach((file, i) => {
      if (createHash('sha256').update(readFileSync(file)).digest('hex') !== inputHashes[i]) run.problems.push(`input changed: ${file}`);
    });
    if (run.killed) summary.killed += 1;
    summary.runs.push(run);
    summary.problems.push(...run.problems.map((p) => `run ${index} (${operation}${killAfterMs === null ? '' : `, kill at ${killAfterMs} ms`}): ${p}`));
    log(`run ${index + 1}/${runs}: ${operation}${run.killed ? ` killed at ${killAfterMs} ms` : ' finished'}${run.problems.length > 0 ? ` PROBLEMS: ${run.problems.join('; ')}` : ''}`);
  }
  await rm(path.join(dir, 'out'), { recursive: true, force: true });
  summary.elapsedSec = (Date.now() - started) / 1000;
  return summary;
}
