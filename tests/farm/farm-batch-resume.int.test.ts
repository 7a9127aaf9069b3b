import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { startCli, startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { hasMedia, media } from '../helpers/run-cli.js';

/*
 * Ctrl-C on the coordinator of a farm batch: it stops with exit 130 and the batch stays resumable. The same command
 * again finds the jobs it queued (one may have been rendered meanwhile, its delivery waiting for the coordinator to
 * come back) and ends with every output delivered once.
 */
const SCRIPTS = ['First of three.', 'Second of three.', 'Third of three.'];
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-farm-resume-'));
const rig = useFarmRig(dir, { when: hasRedisServer && hasMedia });
const manifest = join(dir, 'three.csv');
const outDir = join(dir, 'out');

beforeAll(async () => {
  writeFileSync(manifest, ['face,script,preset,fps,name,consent', ...SCRIPTS.map((script, i) => `${media('images/portrait_tiny_glasses_beard_cc0.png')},${script},source,10,part-${i + 1},She agreed on 1 May.`)].join('\n'));
});

describe.skipIf(!hasRedisServer || !hasMedia)('a farm batch stopped with Ctrl-C', () => {
  it('resumes with the same command and delivers every output once', async () => {
    const worker = startFarmWorkerProcess({ url: rig.redis.url, cacheDir: join(dir, 'cache') });
    rig.track(worker);
    await worker.waitForLine(/taking render jobs/);
    const args = ['batch', manifest, '-o', outDir, '--library', join(dir, 'library'), '--farm', rig.redis.url, '--json'];
    const first = startCli(args);
    rig.track(first);
    await first.waitForLine(/"type":"item".*"status":"done"/, 240_000);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(first.stderr()).toMatch(/run the same command again to resume/);

    const second = startCli(args);
    rig.track(second);
    expect(await second.exited, second.stderr().slice(-2000)).toBe(0);
    const result = JSON.parse(second.stdout()) as { resumed: boolean; items: { status: string }[] };
    expect(result.resumed).toBe(true);
    expect(result.items.map((item) => item.status)).toEqual(['done', 'done', 'done']);
    expect(readdirSync(outDir).sort()).toEqual(['part-1.mp4', 'part-2.mp4', 'part-3.mp4']);
    const landings = worker.stderr().split('\n').filter((line) => /: delivered/.test(line) && !/landed already/.test(line));
    expect(landings).toHaveLength(3);
    // Each of the three jobs was rendered by the worker. A job may show only as "started (try 2)": taken in the gap
    // between the two coordinator runs, its first try stopped before rendering (the coordinator was gone).
    const startedJobs = new Set(worker.stderr().split('\n').flatMap((line) => /^.*job (\S+) .*: started/.exec(line)?.[1] ?? []));
    expect(startedJobs.size).toBe(3);
  }, 600_000);
});
