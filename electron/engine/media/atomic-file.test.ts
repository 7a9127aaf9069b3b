import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { sweepStalePartials, sweepStaleTempFolders, writeFileAtomic } from './atomic-file.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'atomic-file-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A pid no process has: past the kernel's default pid_max. */
const DEAD_PID = 4_194_999;

describe('writeFileAtomic', () => {
  it('without overwrite, of two writers finishing the same file at once exactly one gets it', async () => {
    const out = path.join(dir, 'race.txt');
    const results = await Promise.allSettled(['first', 'second', 'third'].map((text) => writeFileAtomic(out, Buffer.from(text), { overwrite: false })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    for (const r of lost) expect((r.reason as InputError).code).toBe('OUTPUT_EXISTS');
    expect(['first', 'second', 'third']).toContain(readFileSync(out, 'utf8'));
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('with overwrite (the default) replaces the file whole', async () => {
    const out = path.join(dir, 'replace.txt');
    writeFileSync(out, 'old');
    await writeFileAtomic(out, Buffer.from('new'));
    expect(readFileSync(out, 'utf8')).toBe('new');
  });
});

describe('sweeping what dead processes left', () => {
  it('removes temporary folders and partial files of dead processes, keeps live ones and foreign files', async () => {
    const tmp = path.join(dir, 'tmp');
    mkdirSync(tmp);
    for (const name of [`mouthpiece-render-${DEAD_PID}-abc123`, `mouthpiece-render-${process.pid}-def456`, 'mouthpiece-render-OLD123', 'mouthpiece-render-NEW123', 'mouthpiece-corpus-xyz789', 'other']) {
      mkdirSync(path.join(tmp, name));
    }
    const old = (Date.now() - 7 * 3600_000) / 1000;
    utimesSync(path.join(tmp, 'mouthpiece-render-OLD123'), old, old);
    expect(await sweepStaleTempFolders(tmp)).toBe(2);
    expect(readdirSync(tmp).sort()).toEqual([`mouthpiece-render-${process.pid}-def456`, 'mouthpiece-corpus-xyz789', 'mouthpiece-render-NEW123', 'other'].sort());

    const out = path.join(dir, 'video.mp4');
    for (const name of [`.video.partial-${DEAD_PID}-1.mp4`, `.video.partial-${process.pid}-2.mp4`, `.other.partial-${DEAD_PID}-1.mp4`]) writeFileSync(path.join(dir, name), '');
    expect((await sweepStalePartials(out)).map((f) => path.basename(f))).toEqual([`.video.partial-${DEAD_PID}-1.mp4`]);
  });
});
