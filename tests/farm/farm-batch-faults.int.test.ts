import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { runFfmpeg } from '../../electron/engine/media/ffmpeg-adapter.js';
import { loadInstallationIdentity } from '../../electron/engine/provenance/installation-identity.js';
import { getTools } from '../../electron/engine/media/test-support/media-fixtures.js';
import { startCli, startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { hasMedia, media, runCli } from '../helpers/run-cli.js';

/*
 * The farm under faults, all real: redis-server with a password, the append-only file and no eviction; three
 * `mouthpiece worker` processes; `mouthpiece batch --farm` as coordinator. A 12-item batch during which one worker is
 * SIGKILLed mid-job and Redis is restarted once ends with 12 outputs, each landed exactly once, each the same video
 * and sound (decoded frame and sample hashes) as the same row rendered on this computer without the farm.
 *
 * Each local reference is rendered in a process of its own, as each farm job is: a render's result currently depends
 * on what the same process rendered before it (the second item of a local batch differs from the same row alone).
 */
const SCRIPTS = ['Hi there.', 'Good morning.', 'Thank you.', 'See you soon.', 'Hello again.', 'Well done.', 'Nice to meet you.', 'Have a good day.', 'Welcome back.', 'Good luck.', 'Take care.', 'All right then.'];
const CAPTIONED = new Set([2, 7]);
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-farm-faults-'));
const rig = useFarmRig(dir, { when: hasRedisServer && hasMedia });
const manifest = join(dir, 'reels.csv');
const farmOut = join(dir, 'farm-out');
const localOut = join(dir, 'local-out');
const rowManifest = (i: number) => join(dir, `row-${i + 1}.csv`);

beforeAll(async () => {
  const header = 'face,script,preset,fps,captions,name,consent';
  const rows = SCRIPTS.map((script, i) => `${media('images/portrait_tiny_glasses_beard_cc0.png')},${script},source,10,${CAPTIONED.has(i) ? 'clean' : 'none'},reel-${String(i + 1).padStart(2, '0')},She agreed on 1 May.`);
  writeFileSync(manifest, [header, ...rows].join('\n'));
  rows.forEach((row, i) => writeFileSync(rowManifest(i), [header, row].join('\n')));
});

/** Hashes of every decoded video frame and audio packet: equal when a viewer sees and hears the same thing. */
async function decodedHashes(file: string): Promise<string> {
  const { stdout } = await runFfmpeg({ tools: await getTools(), args: ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0:v', '-map', '0:a', '-f', 'framemd5', '-'], collectStdout: true, timeoutMs: 60_000 });
  return stdout.toString().split('\n').filter((line) => !line.startsWith('#')).join('\n');
}

describe.skipIf(!hasRedisServer || !hasMedia)('a farm batch with a worker killed and Redis restarted', () => {
  it('delivers every output exactly once, identical to a local render of the same row', async () => {
    // Every render is watermarked with its installation's key (issue 18), a farm render with its coordinator's: the
    // local renders and the coordinator share one installation identity, so that their frames can be compared. The
    // workers have identities of their own, which must not show in the frames.
    const identityDir = join(dir, 'identity');
    await loadInstallationIdentity(identityDir);
    const shareIdentity = (libraryDir: string) => {
      mkdirSync(join(libraryDir, 'provenance'), { recursive: true });
      copyFileSync(join(identityDir, 'provenance', 'identity.json'), join(libraryDir, 'provenance', 'identity.json'));
      return libraryDir;
    };
    for (let i = 0; i < SCRIPTS.length; i += 2) {
      const pair = [i, i + 1].map((row) => runCli(['batch', rowManifest(row), '-o', localOut, '--library', shareIdentity(join(dir, `local-library-${row}`))], { timeoutMs: 300_000 }));
      for (const local of await Promise.all(pair)) expect(local.code, local.stderr).toBe(0);
    }

    const workers = [1, 2, 3].map((n) => startFarmWorkerProcess({ url: rig.redis.url, cacheDir: join(dir, `cache-${n}`), env: { MOUTHPIECE_LIBRARY: join(dir, `worker-library-${n}`) } }));
    workers.forEach((child) => rig.track(child));
    await Promise.all(workers.map((worker) => worker.waitForLine(/taking render jobs/)));
    const batch = startCli(['batch', manifest, '-o', farmOut, '--library', shareIdentity(join(dir, 'farm-library')), '--farm', rig.redis.url, '--json']);
    rig.track(batch);

    // Worker 1 dies (SIGKILL, no goodbye) in the middle of a job.
    const started = await workers[0].waitForLine(/: started/, 240_000);
    const killedJob = /job (\S+) /.exec(started)?.[1] as string;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(workers[0].stderr()).not.toMatch(new RegExp(`job ${killedJob} .*delivered`));
    await workers[0].stop('SIGKILL');

    // Redis goes down and comes back while the batch is half done.
    await batch.waitForLine(/"type":"batch".*"done":[4-9]/, 400_000);
    const doneBeforeRestart = Math.max(...batch.stderr().split('\n').filter((l) => l.startsWith('{"type":"batch"')).map((l) => (JSON.parse(l) as { done: number }).done));
    await rig.redis.restart();

    expect(await batch.exited, batch.stderr().slice(-3000)).toBe(0);
    expect(doneBeforeRestart).toBeLessThan(12);
    const result = JSON.parse(batch.stdout()) as { items: { status: string; out: string }[] };
    expect(result.items.map((item) => item.status)).toEqual(SCRIPTS.map(() => 'done'));

    // The killed worker's job was taken over by another worker.
    const survivorsLog = workers[1].stderr() + workers[2].stderr();
    expect(survivorsLog).toMatch(new RegExp(`job ${killedJob} .*: delivered`));
    // 12 landings: a delivery of a job re-run after a presumed death would be dropped, never landed twice.
    const landings = survivorsLog.split('\n').filter((line) => /: delivered/.test(line) && !/landed already/.test(line));
    expect(landings).toHaveLength(12);

    const expectedFiles = SCRIPTS.flatMap((_, i) => {
      const name = `reel-${String(i + 1).padStart(2, '0')}`;
      return CAPTIONED.has(i) ? [`${name}.mp4`, `${name}.srt`, `${name}.vtt`] : [`${name}.mp4`];
    }).sort();
    expect(readdirSync(farmOut).sort()).toEqual(expectedFiles);
    for (const file of expectedFiles) {
      if (file.endsWith('.mp4')) expect(await decodedHashes(join(farmOut, file)), file).toBe(await decodedHashes(join(localOut, file)));
      else expect(readFileSync(join(farmOut, file), 'utf8'), file).toBe(readFileSync(join(localOut, file), 'utf8'));
    }
    for (const log of [batch.stderr(), batch.stdout(), ...workers.map((worker) => worker.stderr())]) expect(log).not.toContain(rig.redis.password);
  }, 900_000);
});
