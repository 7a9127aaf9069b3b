import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContentSecurityPolicy } from './content-security-policy';
import { createAppProtocolHandler, createMediaProtocolHandler } from './protocol-handlers';

let dir: string;
let mediaRoot: string;
let rendererDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-protocol-'));
  mediaRoot = path.join(dir, 'library', 'media');
  rendererDir = path.join(dir, 'out', 'renderer');
  await mkdir(path.join(mediaRoot, 'ab'), { recursive: true });
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(mediaRoot, 'ab', 'abcd.wav'), 'RIFF....WAVE');
  await writeFile(path.join(dir, 'library', 'library.sqlite'), 'SQLite format 3');
  await symlink(path.join(dir, 'library', 'library.sqlite'), path.join(mediaRoot, 'ab', 'db.wav'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mouthpiece</title>');
  await writeFile(path.join(rendererDir, 'assets', 'index.js'), 'console.log(1)');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('media protocol', () => {
  const handle = () => createMediaProtocolHandler({ mediaRoot, allowOrigin: 'mouthpiece://app' });

  it('serves a library file with CORS for the app only', async () => {
    const response = await handle()(new Request('mouthpiece-media://library/ab/abcd.wav'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('audio/wav');
    expect(response.headers.get('access-control-allow-origin')).toBe('mouthpiece://app');
    expect(await response.text()).toBe('RIFF....WAVE');
  });

  it('supports seeking', async () => {
    const response = await handle()(new Request('mouthpiece-media://library/ab/abcd.wav', { headers: { Range: 'bytes=4-7' } }));
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('....');
  });

  it.each([
    'mouthpiece-media://library/../library.sqlite',
    'mouthpiece-media://library/%2e%2e/library.sqlite',
    'mouthpiece-media://library/ab%2f..%2f..%2flibrary.sqlite',
    'mouthpiece-media://library/ab/db.wav',
    'mouthpiece-media://library/ab/missing.wav',
    'mouthpiece-media://library/ab',
  ])('answers 404 for %s', async (url) => {
    expect((await handle()(new Request(url))).status).toBe(404);
  });
});

describe('app protocol', () => {
  const csp = buildContentSecurityPolicy();
  const handle = () => createAppProtocolHandler({ rendererDir, contentSecurityPolicy: csp });

  it('serves the page with its security headers', async () => {
    for (const url of ['mouthpiece://app/index.html', 'mouthpiece://app/']) {
      const response = await handle()(new Request(url));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(csp);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    expect((await handle()(new Request('mouthpiece://app/assets/index.js'))).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder or for other hosts', async () => {
    expect((await handle()(new Request('mouthpiece://app/../library/library.sqlite'))).status).toBe(404);
    expect((await handle()(new Request('mouthpiece://app/%2e%2e/library/library.sqlite'))).status).toBe(404);
    expect((await handle()(new Request('mouthpiece://other/index.html'))).status).toBe(404);
  });
});
