import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireBatchLock } from './batch-lock.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mouthpiece-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
const lockPath = () => path.join(dir, 'locks', `batch-${++count}.lock`);

describe('acquireBatchLock', () => {
  it('holds the lock until released, and refuses a second run in the same process meanwhile', async () => {
    const file = lockPath();
    const release = await acquireBatchLock(file, 'The batch a.csv');
    expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
    await expect(acquireBatchLock(file, 'The batch a.csv')).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: 'The batch a.csv is already running in this process; wait for it to finish.' });
    await release();
    expect(existsSync(file)).toBe(false);
    await (await acquireBatchLock(file, 'The batch a.csv'))();
  });

  it('refuses while another live process holds it, naming that process', async () => {
    const file = lockPath();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)'], { stdio: 'ignore' });
    try {
      writeFileSync(file, String(other.pid));
      await expect(acquireBatchLock(file, 'The batch b.csv')).rejects.toThrow(`The batch b.csv is already running in process ${other.pid}; wait for it or stop it first.`);
      expect(readFileSync(file, 'utf8')).toBe(String(other.pid));
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a lock left by a process that has ended, or one with our own pid that we do not hold', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    for (const stale of [ended.stdout, String(process.pid), 'garbage']) {
      const file = lockPath();
      writeFileSync(file, stale);
      const release = await acquireBatchLock(file, 'The batch c.csv');
      expect(readFileSync(file, 'utf8')).toBe(String(process.pid));
      await release();
    }
  });
});
