import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { FARM_QUEUE_NAME, parseFarmUrl } from './farm-connection.js';
import { startFarmCoordinator } from './farm-coordinator.js';
import { hasRedisServer, makeTestTlsFiles, startTestRedis, type TestRedis, type TestTlsFiles } from './test-support/test-redis.js';

/*
 * rediss:// against a real redis-server that speaks only TLS, with a private certificate authority: the farm's
 * connection passes the TLS options (server name, CA) through to ioredis; without the CA the certificate is refused
 * and the coordinator says it cannot reach Redis, without the password.
 */
let dir: string;
let tls: TestTlsFiles;
let redis: TestRedis | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-farm-tls-'));
  if (!hasRedisServer) return;
  tls = makeTestTlsFiles(dir);
  redis = await startTestRedis({ tls });
});

afterAll(async () => {
  await redis?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasRedisServer)('farm over TLS', () => {
  it('queues and reads a job over rediss:// with the farm CA', async () => {
    expect(redis!.url).toMatch(/^rediss:\/\//);
    const queue = new Queue(FARM_QUEUE_NAME, { connection: parseFarmUrl(redis!.url, { tlsCaPath: tls.caFile }).options });
    try {
      const job = await queue.add('probe', { hello: 'tls' }, { jobId: 'tls-probe' });
      expect((await queue.getJob(job.id as string))?.data).toEqual({ hello: 'tls' });
    } finally {
      await queue.close();
    }
  });

  it('refuses a server certificate it cannot trust, in one line without the password', async () => {
    const started = startFarmCoordinator({ connection: parseFarmUrl(redis!.url), libraryDir: path.join(dir, 'library'), mediaHost: '127.0.0.1', version: '0.0.0-test' });
    const error = await started.then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/cannot reach the farm's Redis at rediss:\/\/:\*\*\*@127\.0\.0\.1/);
    expect((error as Error).message).not.toContain(redis!.password);
  }, 40_000);
});
