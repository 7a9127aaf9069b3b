import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_FACE } from '../helpers/shared-media.js';

/*
 * A video a farm worker rendered is the coordinator's: `mouthpiece verify` with the coordinator's library finds its
 * credentials signed by that installation and its watermark; with the worker's own library it finds neither (the
 * worker drew the frames with the coordinator's watermark key, and the coordinator re-signed the video when it landed).
 * Both give Redis's password through $MOUTHPIECE_REDIS_PASSWORD, not in the URL. Runs on the bundled sample: no corpus.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-farm-sign-'));
const rig = useFarmRig(dir);
const manifest = join(dir, 'one.csv');
const outDir = join(dir, 'out');
const coordinatorLibrary = join(dir, 'coordinator-library');
const workerLibrary = join(dir, 'worker-library');

interface Verdict {
  credentials: { status: string; signer?: { thisInstallation: boolean }; claim?: { title?: string; assertions?: { label: string; data: unknown }[] } };
  watermark: { found: boolean };
}

beforeAll(async () => {
  writeFileSync(manifest, ['face,script,preset,fps,name,consent', `${SAMPLE_FACE},Signed by the coordinator.,source,10,signed,She agreed on 1 May.`].join('\n'));
});

describe.skipIf(!hasRedisServer)("a farm-rendered video's provenance", () => {
  it("names the coordinator's installation, not the worker's", async () => {
    const url = `redis://127.0.0.1:${rig.redis.port}`;
    const env = { MOUTHPIECE_REDIS_PASSWORD: rig.redis.password };
    const worker = startFarmWorkerProcess({ url, cacheDir: join(dir, 'cache'), env: { ...env, MOUTHPIECE_LIBRARY: workerLibrary } });
    rig.track(worker);
    await worker.waitForLine(/taking render jobs/);
    const batch = await runCli(['batch', manifest, '-o', outDir, '--library', coordinatorLibrary, '--farm', url], { env, timeoutMs: 300_000 });
    expect(batch.code, batch.stderr.slice(-2000)).toBe(0);
    const video = join(outDir, 'signed.mp4');

    const asCoordinator = await runCli(['verify', video, '--library', coordinatorLibrary, '--json']);
    expect(asCoordinator.code, asCoordinator.stderr).toBe(0);
    const verdict = JSON.parse(asCoordinator.stdout) as Verdict;
    expect(verdict.credentials.status).toBe('valid');
    expect(verdict.credentials.signer?.thisInstallation).toBe(true);
    expect(verdict.watermark.found).toBe(true);
    expect(verdict.credentials.claim?.title).toBe('signed.mp4');
    // The sources are named as the coordinator's files, not the worker's cache.
    const sources = verdict.credentials.claim?.assertions?.find((a) => a.label === 'mouthpiece.sources')?.data as { role: string; name: string }[];
    expect(sources.find((s) => s.role === 'face')?.name).toBe(basename(SAMPLE_FACE));

    const asWorker = JSON.parse((await runCli(['verify', video, '--library', workerLibrary, '--json'])).stdout) as Verdict;
    expect(asWorker.credentials.status).toBe('valid');
    expect(asWorker.credentials.signer?.thisInstallation).toBe(false);
    expect(asWorker.watermark.found).toBe(false);
  }, 600_000);
});
