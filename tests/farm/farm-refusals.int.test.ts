import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { getTools, makeWithFfmpeg } from '../../electron/engine/media/test-support/media-fixtures.js';
import { startCli, startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { hasMedia } from '../helpers/run-cli.js';

/*
 * What a farm refuses, with real processes: a worker of another Mouthpiece version refuses the job (which stays for
 * other workers) and stops with a clear line; a job that fails because of its input fails once, with its reason in
 * the creator's terms, and is not retried. Neither the Redis password nor the farm token ever reaches a log.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-farm-refusals-'));
const rig = useFarmRig(dir, { queue: true });

describe.skipIf(!hasRedisServer || !hasMedia)('render farm refusals', () => {
  it('a worker of another version refuses the job, leaves it for others and stops with a clear message', async () => {
    const worker = rig.track(startFarmWorkerProcess({ url: rig.redis.url, cacheDir: join(dir, 'cache-v') }));
    await worker.waitForLine(/taking render jobs/);
    const job = await rig.queue.add('render', { protocol: 1, version: '0.0.1-old', farmId: '0123456789abcdef' }, { jobId: 'old-version-job', attempts: 3 });
    expect(await worker.exited).toBe(2);
    expect(worker.stderr()).toMatch(/refusing job old-version-job: it was queued by Mouthpiece 0\.0\.1-old and this worker is Mouthpiece \d+\.\d+\.\d+/);
    expect(worker.stderr()).not.toContain(rig.redis.password);
    const after = await rig.queue.getJob(job.id as string);
    expect(await after?.getState()).toBe('delayed');
    expect(after?.attemptsMade).toBe(0);
    await after?.remove();
  }, 60_000);

  it('a render that fails because of its input fails once with its reason and is not retried', async () => {
    // A real picture with no face in it.
    const blank = join(dir, 'no-face.png');
    await makeWithFfmpeg(await getTools(), ['-f', 'lavfi', '-i', 'color=c=0x7f9fbf:s=256x256', '-frames:v', '1', blank]);
    const manifest = join(dir, 'blank.csv');
    writeFileSync(manifest, `face,script,preset,fps,name,consent\n${blank},Nobody is here.,source,10,nobody,She agreed on 1 May.\n`);
    const worker = rig.track(startFarmWorkerProcess({ url: rig.redis.url, cacheDir: join(dir, 'cache-i') }));
    await worker.waitForLine(/taking render jobs/);
    const batch = rig.track(startCli(['batch', manifest, '-o', join(dir, 'out'), '--library', join(dir, 'library'), '--farm', rig.redis.url, '--json']));
    expect(await batch.exited).toBe(1);
    const result = JSON.parse(batch.stdout()) as { items: { status: string; error: string }[] };
    expect(result.items).toHaveLength(1);
    expect(result.items[0].status).toBe('failed');
    // The reason names the creator's file, not the worker's cached copy.
    expect(result.items[0].error).toContain(blank);
    expect(result.items[0].error).not.toContain('media:');
    const [failed] = await rig.queue.getJobs(['failed']);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.opts.attempts).toBeGreaterThan(1);
    expect(worker.stderr().match(/: started/g)).toHaveLength(1);
    for (const log of [worker.stderr(), batch.stderr(), batch.stdout()]) expect(log).not.toContain(rig.redis.password);
  }, 180_000);
});
