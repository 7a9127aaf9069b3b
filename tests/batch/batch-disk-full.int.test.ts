import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasMedia, media, runCli } from '../helpers/run-cli.js';

/*
 * A batch whose output disk fills up, or whose output folder cannot be written: the items that cannot be written fail
 * with the reason in words, the others finish, and nothing half-written is left. The full disk is a 900 KiB tmpfs
 * (root in a container can mount one; skipped otherwise); the unwritable folder is a read-only tmpfs as root (root
 * ignores permission bits), a chmod 555 folder otherwise.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-batch-disk-'));
const env = { MOUTHPIECE_LIBRARY: join(dir, 'library') };
const mounts: string[] = [];
function mountTmpfs(path: string, options: string): boolean {
  mkdirSync(path);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', path], { stdio: 'ignore' });
    mounts.push(path);
    return true;
  } catch {
    return false;
  }
}
const small = join(dir, 'small');
const canMountSmall = hasMedia && mountTmpfs(small, 'size=900k');
const readOnly = join(dir, 'read-only');
const isRoot = process.getuid?.() === 0;
const unwritable = hasMedia && (isRoot ? mountTmpfs(readOnly, 'ro,size=64k') : (mkdirSync(readOnly), chmodSync(readOnly, 0o555), true));
afterAll(() => {
  for (const path of mounts) execFileSync('umount', [path]);
  rmSync(dir, { recursive: true, force: true });
});

const manifest = join(dir, 'batch.json');
writeFileSync(
  manifest,
  JSON.stringify([
    { face: media('images/portrait_eileen_collins_nasa.png'), script: 'One.', preset: 'square', consent: 'The person shown agreed (test fixture).', name: 'one' },
    { face: media('images/portrait_woman_smiling_cc0.png'), script: 'This one is far too long for the little disk it is going to. '.repeat(4), preset: 'square', consent: 'The person shown agreed (test fixture).', name: 'two' },
    { face: media('images/portrait_man_luciano_cc0.png'), script: 'Three.', preset: 'square', consent: 'The person shown agreed (test fixture).', name: 'three', captions: 'clean' },
  ]),
);

// A file whose tests are all skipped runs no hooks, so afterAll would not unmount or remove anything: nothing was
// mounted then (both need the media corpus), and the folder goes now.
if (!canMountSmall && !unwritable) rmSync(dir, { recursive: true, force: true });

interface BatchOutput {
  items: { out: string; status: string; error: string | null }[];
}

describe.skipIf(!canMountSmall)('mouthpiece batch onto a disk that fills up', () => {
  it('fails only the item that does not fit, says the disk is full, finishes the others, leaves no partial file', async () => {
    const result = await runCli(['batch', manifest, '-o', small, '--parallel', '1', '--json'], { env, timeoutMs: 170_000 });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as BatchOutput;
    expect(output.items.map((item) => item.status)).toEqual(['done', 'failed', 'done']);
    expect(output.items[1].error).toMatch(/disk is full/i);
    expect(result.stderr).toMatch(/1 of 3 videos failed: batch\.json item 2: .*disk is full/i);
    expect(readdirSync(small).sort()).toEqual(['one.mp4', 'three.mp4', 'three.srt', 'three.vtt']);
    for (const name of ['one.mp4', 'three.mp4']) {
      const probe = await runCli(['analyze', join(small, name), '--json'], { env });
      expect(probe.code, `${name}: ${probe.stderr}`).toBe(0);
    }
  }, 200_000);
});

describe.skipIf(!hasMedia || !unwritable)('mouthpiece batch into a folder it cannot write', () => {
  it('fails every item at once with the reason, writes nothing, and keeps the failures in the library', async () => {
    const args = ['batch', manifest, '-o', readOnly, '--json'];
    const result = await runCli(args, { env, timeoutMs: 120_000 });
    expect(result.code).toBe(1);
    const output = JSON.parse(result.stdout) as BatchOutput;
    expect(output.items.map((item) => item.status)).toEqual(['failed', 'failed', 'failed']);
    for (const item of output.items) expect(item.error).toMatch(isRoot ? /read-only disk/ : /no permission to write/);
    expect(readdirSync(readOnly)).toEqual([]);
    // The failures are in the library's queue: running the batch again retries them (and fails the same way).
    const again = await runCli(args, { env, timeoutMs: 120_000 });
    expect(again.stderr).toMatch(/Resuming the unfinished batch/);
    expect((JSON.parse(again.stdout) as BatchOutput).items.map((item) => item.status)).toEqual(['failed', 'failed', 'failed']);
  }, 200_000);
});
