import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedMedia } from '../helpers/shared-media.js';
import { runCrashSoak } from './crash-soak';

/* The short loop of the crash-safety soak (`npm run soak` runs 200). */

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-crash-soak-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe.skipIf(!hasSharedMedia)('crash-safety soak (short)', () => {
  it('10 runs of import, render and batch, SIGKILLed at random moments: library sound, outputs whole, batches resumed', async () => {
    const summary = await runCrashSoak({ dir, runs: 10, seed: 11, log: (line) => console.log(line) });
    expect(summary.problems).toEqual([]);
    expect(summary.runs).toHaveLength(10);
    expect(summary.killed).toBeGreaterThan(0);
    expect(new Set(summary.runs.map((run) => run.operation)).size).toBe(3);
  }, 900_000);
});
