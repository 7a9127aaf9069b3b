import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { defaultModelPaths, packageVersion } from '../../electron/engine/install-layout.js';
import { runManifestBatch } from '../../electron/engine/batch/index.js';
import { createEngineContext } from '../../electron/engine/engine-context.js';
import { FARM_QUEUE_NAME, parseFarmUrl, startFarmCoordinator } from '../../electron/engine/farm/index.js';
import { hasRedisServer, startTestRedis } from '../../electron/engine/farm/test-support/test-redis.js';
import { OUTPUT_PRESET_NAMES } from '../../electron/engine/render/output-presets.js';
import { startFarmWorkerProcess, type CliProcess } from '../../tests/helpers/farm-processes.js';
import { MEDIA, type BenchSection } from './bench-support.js';

const ITEMS = 6;
const SCRIPTS = ['Here is the one habit that changed how I work.', 'Write the goal down before you open your laptop.', 'Check your messages only twice a day.'];

/**
 * Farm throughput with 1, 2 and 3 `mouthpiece worker` processes (one job each at a time) on this machine, the
 * coordinator in this process, a private redis-server on 127.0.0.1: wall time, reels a minute, and per reel the
 * media the coordinator served and received and the Redis commands it took (the figures docs/farm.md scales up).
 */
export const farmBench: BenchSection = {
  name: 'farm',
  async run() {
    if (!hasRedisServer) return void console.log('farm           skipped: redis-server is not installed');
    const redis = await startTestRedis();
    const engine = await createEngineContext(defaultModelPaths());
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-farm-bench-'));
    const workers: CliProcess[] = [];
    // BullMQ's own connection (ioredis is its dependency, not ours) reads Redis's command counter.
    const stats = new Queue(FARM_QUEUE_NAME, { connection: parseFarmUrl(redis.url).options });
    try {
      const rows = Array.from({ length: ITEMS }, (_, i) => ({ face: join(MEDIA, 'images', 'portrait_tiny_glasses_beard_cc0.png'), script: SCRIPTS[i % SCRIPTS.length], preset: 'source', fps: 30, name: `reel-${i + 1}`, consent: 'She agreed on 1 May 2026.' }));
      const manifest = join(dir, 'reels.json');
      await writeFile(manifest, JSON.stringify(rows));
      const inputBytes = (await stat(rows[0].face)).size;
      const wall: Record<number, number> = {};
      for (const count of [1, 2, 3]) {
        while (workers.length < count) {
          const worker = startFarmWorkerProcess({ url: redis.url, cacheDir: join(dir, `cache-${workers.length + 1}`), lockSec: 30 });
          workers.push(worker);
          await worker.waitForLine(/taking render jobs/);
        }
        const libraryDir = join(dir, `library-${count}`);
        const library = engine.openLibrary(libraryDir);
        const coordinator = await startFarmCoordinator({ connection: parseFarmUrl(redis.url), libraryDir, mediaHost: '127.0.0.1', version: packageVersion() });
        const commandsBefore = await countCommands(stats);
        const t0 = performance.now();
        const result = await runManifestBatch({ library, runner: coordinator.runner, manifestPath: manifest, outDir: join(dir, `out-${count}`), concurrency: 16, presets: OUTPUT_PRESET_NAMES });
        wall[count] = performance.now() - t0;
        const commands = (await countCommands(stats)) - commandsBefore;
        await coordinator.close();
        library.close();
        const failed = result.items.filter((item) => item.status !== 'done');
        if (failed.length > 0) throw new Error(`farm bench: ${failed.map((f) => `${f.origin}: ${f.error}`).join('; ')}`);
        const outBytes = (await Promise.all(result.items.map((item) => stat(item.outPath).then((s) => s.size)))).reduce((a, b) => a + b, 0);
        console.log(
          `farm           ${ITEMS} reels (360×360, 30 fps, ~3 s), ${count} worker${count > 1 ? 's' : ''}: ${(wall[count] / 1000).toFixed(1)} s wall, ` +
            `${((ITEMS * 60_000) / wall[count]).toFixed(1)} reels/min${count > 1 ? ` (${(wall[1] / wall[count]).toFixed(2)}× one worker)` : ''}; ` +
            `per reel: ${(outBytes / ITEMS / 1024).toFixed(0)} KiB back, ≤ ${(inputBytes / 1024).toFixed(0)} KiB out (first fetch per worker), ${Math.round(commands / ITEMS)} Redis commands`,
        );
      }
    } finally {
      await stats.close();
      await Promise.all(workers.map((worker) => worker.stop('SIGTERM')));
      await engine.close();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function countCommands(queue: Queue): Promise<number> {
  const info = await (await queue.client).info();
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}
