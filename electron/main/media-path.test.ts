import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveContainedPath, resolveMediaRequest, resolveRealPathWithin, toMediaUrl } from './media-path';

const ROOT = '/home/ana/.config/Mouthpiece/library/media';

describe('resolveMediaRequest', () => {
  it('serves files inside the media root', () => {
    expect(resolveMediaRequest('mouthpiece-media://library/ab/abcdef.jpg', ROOT)).toBe(`${ROOT}/ab/abcdef.jpg`);
    expect(resolveMediaRequest('mouthpiece-media://library/a%20b/%C3%BC.wav?v=2#t=1', ROOT)).toBe(`${ROOT}/a b/ü.wav`);
    expect(resolveMediaRequest('mouthpiece-media://LIBRARY/x.png', ROOT)).toBe(`${ROOT}/x.png`);
  });

  it.each([
    ['parent segments', 'mouthpiece-media://library/../../../etc/passwd'],
    ['parent segments after a folder', 'mouthpiece-media://library/ab/../../secrets.txt'],
    ['encoded dots', 'mouthpiece-media://library/%2e%2e/%2e%2e/etc/passwd'],
    ['mixed-case encoded dots', 'mouthpiece-media://library/%2E%2e/etc/passwd'],
    ['half-encoded dots', 'mouthpiece-media://library/.%2e/etc/passwd'],
    ['single dot', 'mouthpiece-media://library/./x.jpg'],
    ['encoded slash', 'mouthpiece-media://library/ab%2f..%2f..%2fetc%2fpasswd'],
    ['encoded backslash', 'mouthpiece-media://library/..%5c..%5cwindows%5cwin.ini'],
    ['literal backslash', 'mouthpiece-media://library/a\\..\\..\\b'],
    ['absolute path via empty segment', 'mouthpiece-media://library//etc/passwd'],
    ['absolute path encoded', 'mouthpiece-media://library/%2Fetc%2Fpasswd'],
    ['Windows drive', 'mouthpiece-media://library/C:%5CWindows%5Cwin.ini'],
    ['NUL byte', 'mouthpiece-media://library/x.jpg%00.png'],
    ['malformed escape', 'mouthpiece-media://library/%E0%A4%A.jpg'],
    ['the root itself', 'mouthpiece-media://library/'],
    ['no host', 'mouthpiece-media:///etc/passwd'],
    ['other host', 'mouthpiece-media://elsewhere/x.jpg'],
    ['credentials', 'mouthpiece-media://user:pw@library/x.jpg'],
    ['port', 'mouthpiece-media://library:8080/x.jpg'],
    ['other scheme', 'file:///etc/passwd'],
    ['app scheme', 'mouthpiece://library/x.jpg'],
    ['not a URL', '/etc/passwd'],
  ])('refuses %s', (_label, url) => {
    expect(resolveMediaRequest(url, ROOT)).toBeNull();
  });

  it('decodes once: double-encoded dots are a literal name inside the root', () => {
    expect(resolveMediaRequest('mouthpiece-media://library/%252e%252e/etc/passwd', ROOT)).toBe(`${ROOT}/%2e%2e/etc/passwd`);
  });

  it('never returns a path outside the root, whatever the input', () => {
    const probes = ['..', '%2e%2e', '.%2E', '%2f', '%5c', '%00', '', '.', 'x'];
    for (const a of probes) {
      for (const b of probes) {
        const resolved = resolveMediaRequest(`mouthpiece-media://library/${a}/${b}/f`, ROOT);
        if (resolved !== null) expect(resolved.startsWith(`${ROOT}/`)).toBe(true);
      }
    }
  });

  it('refuses a relative media root', () => {
    expect(resolveMediaRequest('mouthpiece-media://library/x.jpg', 'library/media')).toBeNull();
  });
});

describe('resolveContainedPath', () => {
  it('joins safe segments and refuses escapes', () => {
    expect(resolveContainedPath('/srv/app', '/assets/index-1a2b.js')).toBe('/srv/app/assets/index-1a2b.js');
    expect(resolveContainedPath('/srv/app', '/../app2/x')).toBeNull();
    expect(resolveContainedPath('/srv/app', 'assets/x.js')).toBeNull();
  });
});

describe('toMediaUrl', () => {
  it('round-trips through resolveMediaRequest', () => {
    const file = `${ROOT}/ab/a b#?%.jpg`;
    const url = toMediaUrl(file, ROOT);
    expect(url).toBe('mouthpiece-media://library/ab/a%20b%23%3F%25.jpg');
    expect(resolveMediaRequest(url!, ROOT)).toBe(file);
  });

  it('gives no URL for files outside the root', () => {
    expect(toMediaUrl('/etc/passwd', ROOT)).toBeNull();
    expect(toMediaUrl(`${ROOT}-evil/x.jpg`, ROOT)).toBeNull();
    expect(toMediaUrl(ROOT, ROOT)).toBeNull();
  });
});

describe('resolveRealPathWithin (symlinks)', () => {
  let dir: string;
  let root: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-media-'));
    root = path.join(dir, 'media');
    await mkdir(path.join(root, 'ab'), { recursive: true });
    await writeFile(path.join(root, 'ab', 'face.jpg'), 'jpeg');
    await writeFile(path.join(dir, 'secret.txt'), 'secret');
    await symlink(path.join(dir, 'secret.txt'), path.join(root, 'ab', 'escape.jpg'));
    await symlink(path.join(root, 'ab', 'face.jpg'), path.join(root, 'alias.jpg'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('accepts real files and links that stay inside', async () => {
    expect(await resolveRealPathWithin(root, path.join(root, 'ab', 'face.jpg'))).toMatch(/media\/ab\/face\.jpg$/);
    expect(await resolveRealPathWithin(root, path.join(root, 'alias.jpg'))).toMatch(/media\/ab\/face\.jpg$/);
  });

  it('refuses a symlink pointing out of the root, and missing files', async () => {
    expect(await resolveRealPathWithin(root, path.join(root, 'ab', 'escape.jpg'))).toBeNull();
    expect(await resolveRealPathWithin(root, path.join(root, 'missing.jpg'))).toBeNull();
  });
});
