import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultBatchConcurrency, DEFAULT_NAME_TEMPLATE, MANIFEST_FIELDS, runManifestBatch, type BatchItemResult, type ExistingOutputPolicy } from '../../engine/batch/index.js';
import { CancelledError, EngineError, InputError } from '../../engine/errors.js';
import { createTalkingVideoRunner, type BatchProgress } from '../../engine/jobs/index.js';
import { createLocalBackend } from '../../engine/jobs/render-backend.js';
import { openFarmBackend, FARM_BATCH_USAGE, type CommandBackend } from './farm-batch-options.js';
import { DEFAULT_FARM_WINDOW, MAX_BATCH_CONCURRENCY, MAX_FARM_WINDOW } from '../../engine/library/batch-queries.js';
import { OUTPUT_PRESET_NAMES } from '../../engine/render/output-presets.js';
import type { CommandContext } from '../command-context.js';
import { defaultLibraryDir, defaultSamplesDir } from '../../engine/install-layout.js';

export const BATCH_USAGE = `mouthpiece batch <manifest.csv|manifest.json> -o <dir> [options]

  Renders every row of a manifest into <dir>, through the library's render queue: a batch that is stopped
  (Ctrl-C, a crash, a kill) resumes when the same command runs again, without redoing finished videos.

  Manifest: CSV with a header row, or a JSON array of objects, with the fields
    ${MANIFEST_FIELDS.join(', ')}
  face (photo), subject (default 0 = largest face), audio (recording) or script (text) with voice (built-in
  voice), text (transcript of audio), preset (${OUTPUT_PRESET_NAMES.join(', ')} or a custom preset saved in the
  studio's library; default reel),
  captions (none, clean, reel; default none), name (output name), label (yes: a visible "AI-generated" label),
  fps, consent (who agreed to be animated, and when: needed for every face unless the library records its
  consent or it is the bundled sample; it goes into the video's signed credentials).
  Relative paths are relative to the manifest; a face or audio of "sample" is the bundled public-domain
  sample face or recording (with its transcript).

  -o, --out DIR          output folder; each NAME.mp4 gets NAME.srt and NAME.vtt when captions are on
  --parallel N           renders at once (default ${defaultBatchConcurrency()} on this computer, at most ${MAX_BATCH_CONCURRENCY}); with --farm, the
                         window: jobs queued on the farm at once (default ${DEFAULT_FARM_WINDOW}, at most ${MAX_FARM_WINDOW}), the rest wait here
  --name-template T      output names (default ${DEFAULT_NAME_TEMPLATE}; also {face} {subject} {voice} {row})
  --overwrite            replace outputs that already exist
  --skip-existing        keep outputs that already exist and render only the others
  --library DIR          the library holding the queue (default: the app's own, ${defaultLibraryDir()})
  --json                 progress as JSON lines on stderr, the result as JSON on stdout
${FARM_BATCH_USAGE}

  Exit codes: 0 every video made, 1 some failed (each listed with its reason), 2 bad manifest or options,
  130 stopped by Ctrl-C (run the same command again to resume).`;

export async function runBatchCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      parallel: { type: 'string' },
      'name-template': { type: 'string' },
      overwrite: { type: 'boolean' },
      'skip-existing': { type: 'boolean' },
      library: { type: 'string' },
      json: { type: 'boolean' },
      farm: { type: 'string' },
      'farm-ca': { type: 'string' },
      'media-address': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return ctx.out(BATCH_USAGE);
  const bad = (message: string): never => {
    throw new InputError('BAD_ARGUMENT', `${message} Run \`mouthpiece batch --help\`.`);
  };
  if (positionals.length !== 1) bad(positionals.length === 0 ? 'give the manifest: mouthpiece batch <manifest.csv|.json> -o <dir>.' : 'give one manifest.');
  if (!values.out) bad('an output folder is needed: -o <dir>.');
  if (values.overwrite && values['skip-existing']) bad('--overwrite and --skip-existing contradict each other; choose one.');
  if (!values.farm && (values['farm-ca'] || values['media-address'])) bad('--farm-ca and --media-address go with --farm.');
  // On a farm, --parallel is the window: how many jobs the farm holds at once (its workers decide how many run).
  const concurrency = values.parallel === undefined ? (values.farm ? DEFAULT_FARM_WINDOW : defaultBatchConcurrency()) : Number(values.parallel);
  const maxConcurrency = values.farm ? MAX_FARM_WINDOW : MAX_BATCH_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > maxConcurrency) bad(`--parallel must be a whole number from 1 to ${maxConcurrency}${values.farm ? ' with --farm' : ''}, got "${values.parallel}".`);
  const existing: ExistingOutputPolicy = values.overwrite ? 'overwrite' : values['skip-existing'] ? 'skip' : 'refuse';
  const json = values.json ?? false;

  const engine = await ctx.engine();
  const libraryDir = path.resolve(values.library ?? defaultLibraryDir());
  const library = engine.openLibrary(libraryDir);
  const reporter = createBatchReporter(json);
  let backend: CommandBackend = { ...createLocalBackend(createTalkingVideoRunner({ tools: engine.tools, pool: engine.pool, libraryDir: library.libraryDir }, { overwrite: existing === 'overwrite' })), describe: 'this computer', redact: (error) => error };
  try {
    if (values.farm) {
      backend = await openFarmBackend({ url: values.farm, caPath: values['farm-ca'], mediaAddress: values['media-address'], libraryDir });
      reporter.notice(`rendering on the farm ${backend.describe}.`);
    }
    const custom = library.listExportPresets().filter((entry) => entry.preset !== null);
    const customPresets = Object.fromEntries(custom.map((entry) => [entry.name, { ...entry.settings, name: entry.name } as Record<string, string | number | boolean | null>]));
    const result = await runManifestBatch({
      library,
      runner: backend.runner,
      sampleDirs: [defaultSamplesDir()],
      manifestPath: positionals[0],
      outDir: values.out as string,
      concurrency,
      // On a farm the window says how many jobs wait there, not how fast its workers go: the time left is measured.
      etaFromThroughput: Boolean(values.farm),
      existing,
      nameTemplate: values['name-template'],
      presets: [...OUTPUT_PRESET_NAMES, ...custom.map((entry) => entry.name)],
      customPresets,
      samples: await ctx.samples().catch(() => undefined),
      signal: ctx.signal,
      onUpdate: reporter.update,
      onNotice: reporter.notice,
    });
    reporter.done();
    const failed = result.items.filter((item) => item.status === 'failed');
    if (json) {
      ctx.out(
        JSON.stringify({
          batchId: result.batch.id,
          outDir: result.batch.outDir,
          resumed: result.resumed,
          interrupted: result.interrupted,
          items: result.items.map((item) => ({ position: item.position, origin: item.origin, out: item.outPath, status: item.status, error: item.error, durationMs: item.durationMs })),
        }),
      );
    } else {
      for (const item of result.items) ctx.out(`${item.status.padEnd(9)} ${item.outPath}${item.error ? `  (${item.origin}: ${item.error})` : ''}`);
    }
    if (result.interrupted) {
      reporter.notice('stopped; run the same command again to resume the batch (finished videos are kept).');
      throw new CancelledError();
    }
    if (failed.length > 0) {
      throw new EngineError('JOBS_FAILED', `${failed.length} of ${result.items.length} videos failed: ${failed.map((f) => `${f.origin}: ${f.error}`).join('; ')}`);
    }
  } catch (error) {
    throw backend.redact(error);
  } finally {
    await backend.close();
    library.close();
  }
}

/** JSON lines (`{"type":"item",…}`, `{"type":"batch",…}`) with --json; a one-line status on a terminal otherwise. */
function createBatchReporter(json: boolean) {
  const stream = process.stderr;
  let lastLine = '';
  return {
    notice(message: string) {
      stream.write(json ? `${JSON.stringify({ type: 'notice', message })}\n` : `mouthpiece: note: ${message}\n`);
    },
    update({ item, batch }: { item: BatchItemResult; batch: BatchProgress }) {
      if (json) {
        stream.write(`${JSON.stringify({ type: 'item', ...item, progress: round3(item.progress) })}\n`);
        stream.write(`${JSON.stringify({ type: 'batch', ...batch, ratio: round3(batch.ratio) })}\n`);
        return;
      }
      if (item.status === 'done' || item.status === 'failed') {
        if (stream.isTTY && lastLine) stream.write('\r\x1b[K');
        stream.write(`${item.status === 'done' ? 'done  ' : 'FAILED'} ${item.origin} → ${path.basename(item.outPath)}${item.error ? `: ${item.error}` : ''}\n`);
        lastLine = '';
      }
      if (!stream.isTTY) return;
      const eta = batch.etaMs === null ? '' : ` ETA ${formatDuration(batch.etaMs)}`;
      const line = `batch ${batch.done + batch.failed}/${batch.total} [${Math.round(batch.ratio * 100)}%]${eta}  ${item.origin}: ${item.phase ?? item.status} ${Math.round(item.progress * 100)}%`;
      if (line !== lastLine) stream.write(`\r${line}\x1b[K`);
      lastLine = line;
    },
    done() {
      if (!json && stream.isTTY && lastLine) stream.write('\r\x1b[K');
    },
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}
