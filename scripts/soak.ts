/*
 * Long reliability runs, not tests (their figures vary with the machine):
 *   npm run soak                      200 crash-safety runs, then the bridge load (10,000 calls, 60 s of preview) twice
 *   npm run soak -- --only crash --runs 50 --seed 7
 *   npm run soak -- --only load --calls 2000 --preview-sec 20
 * Exits 1 when the crash soak finds a problem or the load sees an error.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startTestBridge } from '../tests/reliability/bridge-support';
import { formatLoadFigures, runBridgeLoad } from '../tests/reliability/bridge-load';
import { runCrashSoak } from '../tests/reliability/crash-soak';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    runs: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    calls: { type: 'string', default: '10000' },
    'preview-sec': { type: 'string', default: '60' },
    /** Load rounds on the same bridge: memory is flat when later rounds end where the first did. */
    rounds: { type: 'string', default: '2' },
  },
});

let failed = false;

if (values.only !== 'load') {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-soak-'));
  try {
    const summary = await runCrashSoak({ dir, runs: Number(values.runs), seed: Number(values.seed), log: (line) => console.log(line) });
    const byOperation = (op: string) => summary.runs.filter((run) => run.operation === op);
    console.log(`\ncrash soak: ${summary.runs.length} runs in ${summary.elapsedSec.toFixed(0)} s, ${summary.killed} killed with SIGKILL`);
    for (const op of ['import', 'render', 'batch']) console.log(`  ${op}: ${byOperation(op).length} runs, ${byOperation(op).filter((run) => run.killed).length} killed`);
    console.log(`  finished outputs checked whole (ffprobe, 1 s): ${summary.finishedOutputs}; batches resumed to completion: ${summary.batchesResumed}`);
    console.log(`  problems: ${summary.problems.length}`);
    for (const problem of summary.problems) console.log(`    ${problem}`);
    failed ||= summary.problems.length > 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (values.only !== 'crash') {
  const bridge = await startTestBridge();
  try {
    for (let round = 1; round <= Number(values.rounds); round += 1) {
      const figures = await runBridgeLoad(bridge, { calls: Number(values.calls), previewSec: Number(values['preview-sec']) });
      console.log(`\nbridge load, round ${round}:\n${formatLoadFigures(figures)}`);
      const alive = await bridge.api('library.list');
      console.log(`  after the load: library.list ${alive.result?.ok ? 'answers' : 'FAILS'}`);
      failed ||= figures.errors > 0 || figures.previewErrors > 0 || !alive.result?.ok;
    }
  } finally {
    await bridge.close();
  }
}

process.exit(failed ? 1 : 0);
