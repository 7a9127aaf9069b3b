import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasSharedMedia, media, runCli } from '../helpers/run-cli.js';

/** A 300 KiB file system, when this machine lets the test mount one (root in a container); skipped otherwise. */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-disk-full-'));
const small = join(dir, 'small');
let mounted = false;
if (hasSharedMedia) {
  try {
    mkdirSync(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=300k', 'tmpfs', small], { stdio: 'ignore' });
    mounted = true;
  } catch {
    mounted = false;
  }
}
// Skipped (no mount, or no media corpus): the file runs no hooks, so the folder goes now.
if (!mounted) rmSync(dir, { recursive: true, force: true });
afterAll(() => {
  if (mounted) execFileSync('umount', [small]);
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!mounted)('mouthpiece render on a full disk', () => {
  it('exits 1 saying the disk is full, leaving nothing behind: the output folder', async () => {
    const result = await runCli(['render', '--face', media('images/portrait_eileen_collins_nasa.png'), '--audio', media('audio/en_jfk_inaugural.wav'), '--preset', 'square', '--consent', 'The person shown agreed (test fixture).', '-o', join(small, 'out.mp4')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/disk is full/i);
    expect(readdirSync(small)).toEqual([]);
  });

  it('exits 1 saying the disk is full, leaving nothing behind: the temporary folder', async () => {
    const out = join(dir, 'out.mp4');
    const result = await runCli(['render', '--face', media('images/portrait_eileen_collins_nasa.png'), '--say', 'A sentence long enough to need more room than the folder has. '.repeat(8), '--consent', 'The person shown agreed (test fixture).', '-o', out], {
      env: { TMPDIR: small },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/disk is full/i);
    // One line, and the temporary folder is ours: it is not named to the user.
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/mouthpiece-render-/);
    expect(readdirSync(small).filter((name) => name.startsWith('mouthpiece-'))).toEqual([]);
    expect(readdirSync(dir)).toEqual(['small']);
  });
});
