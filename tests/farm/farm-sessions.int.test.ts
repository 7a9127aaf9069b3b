import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { startCli, startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { SAMPLE_FACE } from '../helpers/shared-media.js';

/*
 * Two batches of one library on one farm at the same time: each coordinator run has its own entry in Redis, so the
 * workers fetch each job's media from, and deliver it to, the run that queued it. Both end with every output in
 * their own folder, none failed. Runs on the bundled sample.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-farm-sessions-'));
const rig = useFarmRig(dir);
const library = join(dir, 'library');

function writeManifest(name: string): string {
  const file = join(dir, `${name}.csv`);
  const rows = [1, 2].map((i) => `${SAMPLE_FACE},Batch ${name} part ${i}.,source,10,${name}-${i},She agreed on 1 May.`);
  writeFileSync(file, ['face,script,preset,fps,name,consent', ...rows].join('\n'));
  return file;
}

describe.skipIf(!hasRedisServer)('two farm batches of one library at once', () => {
  it("each gets its own outputs, none taken by the other's run", async () => {
    const worker = startFarmWorkerProcess({ url: rig.redis.url, cacheDir: join(dir, 'cache'), lockSec: 30 });
    rig.track(worker);
    await worker.waitForLine(/taking render jobs/);
    const batches = ['a', 'b'].map((name) => {
      const child = startCli(['batch', writeManifest(name), '-o', join(dir, `out-${name}`), '--library', library, '--farm', rig.redis.url, '--json']);
      rig.track(child);
      return { name, child };
    });
    for (const { name, child } of batches) {
      expect(await child.exited, child.stderr().slice(-2000)).toBe(0);
      const result = JSON.parse(child.stdout()) as { items: { status: string }[] };
      expect(result.items.map((item) => item.status)).toEqual(['done', 'done']);
      expect(readdirSync(join(dir, `out-${name}`)).sort()).toEqual([`${name}-1.mp4`, `${name}-2.mp4`]);
    }
    // No job went to the other run's media server and failed there.
    expect(worker.stderr()).not.toMatch(/failed:/);
  }, 600_000);
});
