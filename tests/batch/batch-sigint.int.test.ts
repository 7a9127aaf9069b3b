import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hasMedia, media, ROOT } from '../helpers/run-cli.js';

/*
 * Ctrl-C during a batch, as a terminal sends it: SIGINT to the whole process group, so the ffmpeg encoding the
 * video gets it too. The batch stops with exit 130, says how to resume, leaves no file (not even a temporary one)
 * in the output folder, and keeps the item queued in the library for the next run.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-batch-sigint-'));
const outDir = join(dir, 'out');
const manifest = join(dir, 'one.json');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(
  manifest,
  JSON.stringify([{ face: media('images/portrait_eileen_collins_nasa.png'), script: 'This video is stopped with Control C while its frames are being encoded.', preset: 'square', captions: 'clean', consent: 'The person shown agreed (test fixture).', name: 'stopped' }]),
);

interface RunResult {
  code: number | null;
  signalSent: boolean;
  stdout: string;
  stderr: string;
}

function runAndInterrupt(): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'mouthpiece.cjs'), 'batch', manifest, '-o', outDir, '--parallel', '1', '--json'], {
      cwd: ROOT,
      env: { ...process.env, MOUTHPIECE_LIBRARY: join(dir, 'library') },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so the signal can go to the CLI and its ffmpeg at once, as Ctrl-C does.
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let signalSent = false;
    const timer = setTimeout(() => process.kill(-(child.pid as number), 'SIGKILL'), 150_000);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const rendering = stderr.split('\n').some((line) => line.startsWith('{"type":"item"') && /"phase":"render"/.test(line) && (JSON.parse(line) as { progress: number }).progress > 0.4);
      if (!signalSent && rendering) {
        process.kill(-(child.pid as number), 'SIGINT');
        signalSent = true;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, signalSent, stdout, stderr });
    });
  });
}

// Without the media corpus every test here is skipped and no hook runs: the temp folder goes now.
if (!hasMedia) rmSync(dir, { recursive: true, force: true });

describe.skipIf(!hasMedia)('mouthpiece batch stopped with Ctrl-C', () => {
  it('exits 130, says how to resume, leaves no file in the output folder and keeps the item queued', async () => {
    const result = await runAndInterrupt();
    expect(result.signalSent).toBe(true);
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(/run the same command again to resume the batch/);
    expect(result.stderr).toMatch(/mouthpiece: stopped \(Ctrl-C\); unfinished files removed\./);
    const output = JSON.parse(result.stdout) as { interrupted: boolean; items: { status: string }[] };
    expect(output.interrupted).toBe(true);
    expect(output.items.map((item) => item.status)).toEqual(['queued']);
    expect(readdirSync(outDir)).toEqual([]);
  }, 180_000);
});
