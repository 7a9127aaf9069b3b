import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { runCli } from '../helpers/run-cli.js';
import { startCli } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { SAMPLE_FACE } from '../helpers/shared-media.js';

/*
 * A farm batch keeps only its window of jobs in Redis (default 256, --parallel N): the rest of a long manifest waits
 * in the library. No worker runs here, so the queued jobs stay queued and the count can be read at leisure.
 */
const ROWS = 300;
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-farm-window-'));
const rig = useFarmRig(dir, { queue: true });
const manifest = join(dir, 'many.csv');

beforeAll(async () => {
  const rows = Array.from({ length: ROWS }, (_, i) => `${SAMPLE_FACE},Reel number ${i + 1}.,source,10,reel-${i + 1},She agreed on 1 May.`);
  writeFileSync(manifest, ['face,script,preset,fps,name,consent', ...rows].join('\n'));
});

/** Jobs on the farm, once their number has held still for a second. */
async function settledJobCount(): Promise<number> {
  let last = -1;
  for (let round = 0; round < 120; round += 1) {
    const counts = await rig.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    const now = Object.values(counts).reduce((a, b) => a + b, 0);
    if (now === last && now > 0) return now;
    last = now;
    await sleep(1000);
  }
  throw new Error('the number of jobs on the farm never settled');
}

async function runUntilSettled(args: string[]): Promise<number> {
  const coordinator = startCli(['batch', manifest, '--farm', rig.redis.url, ...args]);
  rig.track(coordinator);
  await coordinator.waitForLine(/rendering on the farm/, 120_000);
  const count = await settledJobCount();
  coordinator.child.kill('SIGINT');
  expect(await coordinator.exited).toBe(130);
  await rig.queue.obliterate({ force: true });
  return count;
}

describe.skipIf(!hasRedisServer)('the farm batch window', () => {
  it(`queues 256 of ${ROWS} rows by default, and the --parallel number when given`, async () => {
    expect(await runUntilSettled(['-o', join(dir, 'out-default'), '--library', join(dir, 'library-default')])).toBe(256);
    expect(await runUntilSettled(['-o', join(dir, 'out-7'), '--library', join(dir, 'library-7'), '--parallel', '7'])).toBe(7);
  }, 300_000);

  it('refuses a window over 4096, and a local batch over 16 at once', async () => {
    const farm = await runCli(['batch', manifest, '-o', join(dir, 'out-x'), '--library', join(dir, 'library-x'), '--farm', rig.redis.url, '--parallel', '4097']);
    expect(farm.code).toBe(2);
    expect(farm.stderr).toMatch(/from 1 to 4096 with --farm/);
    const local = await runCli(['batch', manifest, '-o', join(dir, 'out-y'), '--library', join(dir, 'library-y'), '--parallel', '17']);
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/from 1 to 16,/);
  });
});
