import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli';
import { buildRendererForTest } from './support/build-renderer';

let dir: string;
let rendererDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-studio-cli-'));
  rendererDir = await buildRendererForTest();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(rendererDir, { recursive: true, force: true });
});

describe('mouthpiece studio', () => {
  it('prints a token URL on 127.0.0.1, serves the page and the API there, and stops cleanly on Ctrl-C', async () => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mouthpiece.cjs'), 'studio', '--library', path.join(dir, 'library'), '--renderer', rendererDir, '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const firstLine = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const { url } = JSON.parse(firstLine) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    const parsed = new URL(url);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"></div>');
    expect((await fetch(parsed.origin)).status).toBe(401);
    const listing = await fetch(`${parsed.origin}/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mouthpiece-token': parsed.searchParams.get('token')! },
      body: JSON.stringify({ method: 'library.list' }),
    });
    expect(await listing.json()).toEqual({ ok: true, value: { faces: [], voices: [], scripts: [] } });

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    await expect(fetch(parsed.origin)).rejects.toThrow();
  });

  it('refuses a bad port and a missing page with exit code 2 and a reason', async () => {
    const badPort = await runCli(['studio', '--port', 'eighty', '--library', path.join(dir, 'x')]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number');
    const noPage = await runCli(['studio', '--renderer', path.join(dir, 'nothing-here'), '--library', path.join(dir, 'x')]);
    expect(noPage.code).toBe(2);
    expect(noPage.stderr).toContain('the studio page is not built');
  });
});
