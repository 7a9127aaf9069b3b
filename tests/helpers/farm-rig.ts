import { rmSync } from 'node:fs';
import { Queue } from 'bullmq';
import { afterAll, beforeAll } from 'vitest';
import { FARM_QUEUE_NAME, parseFarmUrl } from '../../electron/engine/farm/index.js';
import { hasRedisServer, startTestRedis, type TestRedis } from '../../electron/engine/farm/test-support/test-redis.js';
import type { CliProcess } from './farm-processes.js';

/** One test file's farm: its own redis-server, a queue handle onto it, and every process the tests started. */
export interface FarmRig {
  readonly redis: TestRedis;
  readonly queue: Queue;
  /** Keeps `child` to be stopped after the file's tests; returns it. */
  track<T extends CliProcess>(child: T): T;
}

/**
 * Starts Redis before the file's tests (when `when` holds: by default where redis-server is installed) and stops it,
 * the tracked processes and the queue handle after them, then removes `dir`.
 */
export function useFarmRig(dir: string, { when = hasRedisServer, queue: withQueue = false }: { when?: boolean; queue?: boolean } = {}): FarmRig {
  let redis: TestRedis | undefined;
  let queue: Queue | undefined;
  const processes: CliProcess[] = [];
  beforeAll(async () => {
    if (!when) return;
    redis = await startTestRedis();
    if (withQueue) queue = new Queue(FARM_QUEUE_NAME, { connection: parseFarmUrl(redis.url).options });
  });
  afterAll(async () => {
    await Promise.all(processes.map((child) => child.stop()));
    await queue?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The farm rig has no ${what} (not started here).`);
    return value;
  };
  return {
    get redis() {
      return started(redis, 'Redis');
    },
    get queue() {
      return started(queue, 'queue');
    },
    track(child) {
      processes.push(child);
      return child;
    },
  };
}
