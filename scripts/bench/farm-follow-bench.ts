import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { packageVersion } from '../../electron/engine/install-layout.js';
import { FARM_QUEUE_NAME, parseFarmUrl, startFarmCoordinator } from '../../electron/engine/farm/index.js';
import { hasRedisServer, startTestRedis } from '../../electron/engine/farm/test-support/test-redis.js';
import type { BatchItemSpec } from '../../electron/engine/jobs/render-job.js';
import { SAMPLE_FACE } from '../../tests/helpers/shared-media.js';
import type { BenchSection } from './bench-support.js';

const WINDOW = 256;
const ACTIVE = 150;
const MEASURE_MS = 30_000;

/**
 * What following a full farm window costs Redis: the coordinator follows 256 jobs (150 taken by a "worker" that holds
 * them without renewing or reporting, so every command counted is the coordinator's), and Redis's own counter says how
 * many commands a second that takes. docs/farm.md quotes the figures.
 */
export const farmFollowBench: BenchSection = {
  name: 'farm-follow',
  async run() {
    if (!hasRedisServer) return void console.log('farm-follow    skipped: redis-server is not installed');
    const redis = await startTestRedis();
    const dir = await mkdtemp(join(tmpdir(), 'mouthpiece-farm-follow-'));
    const connection = parseFarmUrl(redis.url);
    const stats = new Queue(FARM_QUEUE_NAME, { connection: connection.options });
    // Manual fetching: no lock renewals, no stalled checks, no progress — this worker sends nothing once it holds its jobs.
    const holder = new Worker(FARM_QUEUE_NAME, null, { connection: connection.options, autorun: false, lockDuration: 10 * 60_000 });
    const coordinator = await startFarmCoordinator({ connection, libraryDir: join(dir, 'library'), mediaHost: '127.0.0.1', version: packageVersion() });
    const stop = new AbortController();
    try {
      const runs = Array.from({ length: WINDOW }, (_, i) => {
        const spec: BatchItemSpec = {
          version: 1, kind: 'batch-item', title: `reel ${i}`, origin: `bench row ${i}`, outputPath: join(dir, 'out', `reel-${i}.mp4`),
          face: { path: SAMPLE_FACE, subject: 0 }, source: { kind: 'say', text: `Line ${i}.` }, preset: 'square', captions: 'none',
        };
        return coordinator.runner({ id: i + 1, spec }, { signal: stop.signal, onProgress: () => {} }).catch(() => undefined);
      });
      while ((await stats.getJobCounts('waiting')).waiting < WINDOW) await new Promise((resolve) => setTimeout(resolve, 200));
      const held: Job[] = [];
      for (let i = 0; i < ACTIVE; i += 1) {
        const job = await holder.getNextJob(`bench-${i}`);
        if (job) held.push(job);
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const before = await countCommands(stats);
      const t0 = performance.now();
      await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
      const commands = (await countCommands(stats)) - before - 1;
      const perSec = commands / ((performance.now() - t0) / 1000);
      console.log(`farm-follow    following ${WINDOW} jobs (${held.length} active, ${WINDOW - held.length} waiting): ${perSec.toFixed(0)} Redis commands/s from the coordinator`);
      stop.abort();
      await Promise.all(runs);
    } finally {
      stop.abort();
      await coordinator.close();
      await holder.close(true);
      await stats.close();
      await redis.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

async function countCommands(queue: Queue): Promise<number> {
  const info = await (await queue.client).info();
  return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? 0);
}
