import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasMedia, media, ROOT, runCli } from '../helpers/run-cli.js';

/*
 * The batch process is killed (SIGKILL, no chance to clean up) while it renders the second of three videos, then the
 * same command runs again: the first video is left exactly as it was, the second is rendered again from the start,
 * the third is made, and no temporary file is left in the output folder.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-batch-resume-'));
const outDir = join(dir, 'out');
const manifest = join(dir, 'weekly.json');
const env = { MOUTHPIECE_LIBRARY: join(dir, 'library') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LONG_LINE = 'This second video is long enough for the batch to be stopped while it is rendering. '.repeat(3);
writeFileSync(
  manifest,
  JSON.stringify([
    { face: media('images/portrait_eileen_collins_nasa.png'), script: 'First video, short.', preset: 'square', consent: 'The person shown agreed (test fixture).', name: 'one' },
    { face: media('images/portrait_woman_smiling_cc0.png'), script: LONG_LINE, preset: 'square', consent: 'The person shown agreed (test fixture).', name: 'two' },
    { face: media('images/portrait_man_luciano_cc0.png'), script: 'Third video, short too.', preset: 'square', consent: 'The person shown agreed (test fixture).', name: 'three' },
  ]),
);
const args = ['batch', manifest, '-o', outDir, '--parallel', '1', '--json'];

interface ItemEvent {
  type: 'item';
  position: number;
  status: string;
  phase: string | null;
  progress: number;
}

const itemEvents = (stderr: string): ItemEvent[] =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('{"type":"item"'))
    .map((line) => JSON.parse(line) as ItemEvent);

/** Starts the batch and SIGKILLs it once the second item is encoding frames. */
function runUntilSecondItemRenders(): Promise<{ killed: boolean; events: ItemEvent[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (!killed && itemEvents(stderr).some((e) => e.position === 1 && e.phase === 'render' && e.progress > 0.5)) {
        killed = child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('close', () => resolve({ killed, events: itemEvents(stderr) }));
  });
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

// Without the media corpus every test here is skipped and no hook runs: the temp folder goes now.
if (!hasMedia) rmSync(dir, { recursive: true, force: true });

describe.skipIf(!hasMedia)('mouthpiece batch, killed during the second item and run again', () => {
  it('keeps the first video, redoes the second from scratch, makes the third, and leaves no partial file', async () => {
    const first = await runUntilSecondItemRenders();
    expect(first.killed).toBe(true);
    expect(first.events.some((e) => e.position === 0 && e.status === 'done')).toBe(true);
    const afterKill = readdirSync(outDir);
    expect(afterKill).toContain('one.mp4');
    expect(afterKill).not.toContain('two.mp4');
    expect(afterKill).not.toContain('three.mp4');
    // The killed render's temporary file is there: the kill really came mid-write.
    expect(afterKill.some((name) => /^\.two\.partial-\d+-\d+\.mp4$/.test(name))).toBe(true);
    const oneHash = sha256(join(outDir, 'one.mp4'));
    const oneMtime = statSync(join(outDir, 'one.mp4')).mtimeMs;

    const second = await runCli(args, { env, timeoutMs: 170_000 });
    expect(second.code, second.stderr).toBe(0);
    const result = JSON.parse(second.stdout) as { resumed: boolean; items: { out: string; status: string }[] };
    expect(result.resumed).toBe(true);
    expect(result.items.map((item) => item.status)).toEqual(['done', 'done', 'done']);

    const events = itemEvents(second.stderr);
    expect(events.some((e) => e.position === 0 && e.status === 'running')).toBe(false);
    const secondItem = events.filter((e) => e.position === 1 && e.status === 'running');
    expect(secondItem[0]?.progress).toBe(0);
    expect(secondItem.some((e) => e.phase === 'render')).toBe(true);

    expect(sha256(join(outDir, 'one.mp4'))).toBe(oneHash);
    expect(statSync(join(outDir, 'one.mp4')).mtimeMs).toBe(oneMtime);
    expect(readdirSync(outDir).sort()).toEqual(['one.mp4', 'three.mp4', 'two.mp4']);

    const probe = await runCli(['analyze', join(outDir, 'two.mp4'), '--json'], { env });
    expect(probe.code, probe.stderr).toBe(0);
  }, 300_000);
});
