import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BINARY_RESULT_TYPE, decodeBinaryResult } from '../contract/binary-result';
import { createEmptyProjectDocument } from '../contract/project-document';
import type { ImportResponse, LibraryListing, PreviewFrameView, StudioResult, VideoVerdictView } from '../contract/types';
import { defaultModelPaths } from '../engine/install-layout';
import { startStudioBridge, type StudioBridge } from './start-studio-bridge';
import { hasSharedMedia, media } from '../engine/media/test-support/media-fixtures.js';

const PHOTO = media('images/group3_apollo11_crew_nasa.png');
let dir: string;
let bridge: StudioBridge;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-bridge-test-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(dir, 'secret.txt'), 'not for the page');
  bridge = await startStudioBridge({ libraryDir: path.join(dir, 'library'), rendererDir, ...defaultModelPaths(), version: 'test', maxUploadBytes: 8 * 2 ** 20 });
}, 60_000);

afterAll(async () => {
  await bridge?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Raw HTTP, so Host and Origin can be set to anything (fetch forbids that). */
function raw(pathAndQuery: string, { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; body: Buffer }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path: pathAndQuery, method, headers: { host: `127.0.0.1:${bridge.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const api = async <T,>(method: string, payload?: unknown, headers: Record<string, string> = { 'x-mouthpiece-token': bridge.token }) => {
  const response = await raw('/api', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ method, payload }) });
  return { status: response.status, body: response.status === 200 ? (JSON.parse(response.text) as StudioResult<T>) : null };
};

describe('browser bridge (real engine, real library)', () => {
  it('listens on 127.0.0.1 only and prints an address with a long random token', () => {
    expect(bridge.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${bridge.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the page only with the token, with the CSP and a strict HttpOnly cookie for its own assets', async () => {
    expect((await raw('/')).status).toBe(401);
    expect((await raw('/?token=wrong')).status).toBe(401);
    expect((await raw(`/?token=${bridge.token.slice(0, -1)}`)).status).toBe(401);
    const page = await raw(`/?token=${bridge.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cross-origin-resource-policy']).toBe('same-origin');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0];
    expect((await raw('/assets/app.js')).status).toBe(401);
    expect((await raw('/assets/app.js', { headers: { cookie: pair } })).status).toBe(200);
    expect((await raw('/assets/../../secret.txt', { headers: { cookie: pair } })).status).toBe(404);
    expect((await raw('/assets/%2e%2e/%2e%2e/secret.txt', { headers: { cookie: pair } })).status).toBe(404);
  });

  it('refuses other host names (DNS rebinding) and cross-origin API calls', async () => {
    expect((await raw(`/?token=${bridge.token}`, { headers: { host: `evil.example:${bridge.port}` } })).status).toBe(421);
    expect((await api('library.list', undefined, { 'x-mouthpiece-token': bridge.token, origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await api('library.list', undefined, { 'x-mouthpiece-token': bridge.token, origin: 'https://evil.example' })).status).toBe(403);
  });

  it('the API needs the token in a header or the query, never the cookie alone', async () => {
    const page = await raw(`/?token=${bridge.token}`);
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect((await api('library.list', undefined, {})).status).toBe(401);
    expect((await api('library.list', undefined, { cookie })).status).toBe(401);
    expect((await api('library.list', undefined, { 'x-mouthpiece-token': 'nope' })).status).toBe(401);
    expect((await api<LibraryListing>('library.list')).body).toEqual({ ok: true, value: { faces: [], voices: [], scripts: [] } });
    expect((await raw('/api', { headers: { 'x-mouthpiece-token': bridge.token } })).status).toBe(405);
  });

  it('checks every message against the contract schemas', async () => {
    expect((await api('library.import', { paths: ['relative.png'] })).body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await api('library.list', { extra: true })).body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect((await api('event:progress')).body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect((await api('__proto__')).body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const notJson = await raw('/api', { method: 'POST', headers: { 'x-mouthpiece-token': bridge.token }, body: '{' });
    expect(JSON.parse(notJson.text)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request body is not JSON.' } });
    expect((await api('library.import', { paths: ['/etc/passwd'] })).body).toMatchObject({
      ok: true,
      value: { results: [{ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('Mouthpiece takes photos') } }] },
    });
  });

  it.skipIf(!hasSharedMedia)('imports uploaded bytes, tells connected pages, and serves the stored file from the media route only', async () => {
    const unauthorized = new WebSocket(`ws://127.0.0.1:${bridge.port}/events`);
    await expect(new Promise((resolve, reject) => (unauthorized.on('open', resolve), unauthorized.on('error', reject)))).rejects.toThrow(/401/);
    const foreign = new WebSocket(`ws://127.0.0.1:${bridge.port}/events?token=${bridge.token}`, { origin: 'http://127.0.0.1:9' });
    await expect(new Promise((resolve, reject) => (foreign.on('open', resolve), foreign.on('error', reject)))).rejects.toThrow(/401/);

    const socket = new WebSocket(`ws://127.0.0.1:${bridge.port}/events?token=${bridge.token}`);
    const events: { event: string; payload: unknown }[] = [];
    socket.on('message', (data) => events.push(JSON.parse(String(data))));
    await new Promise((resolve) => socket.on('open', resolve));

    const upload = await raw(`/upload?name=${encodeURIComponent('../../crew photo.png')}`, {
      method: 'POST',
      headers: { 'x-mouthpiece-token': bridge.token, 'content-type': 'application/octet-stream' },
      body: readFileSync(PHOTO),
    });
    const imported = JSON.parse(upload.text) as StudioResult<ImportResponse>;
    expect(imported).toMatchObject({ ok: true, value: { results: [{ ok: true, kind: 'face', path: 'crew photo.png', duplicate: false }] } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events.map((event) => event.event)).toEqual(expect.arrayContaining(['progress', 'library-changed']));
    socket.close();

    const listing = await api<LibraryListing>('library.list');
    const face = listing.body!.ok ? listing.body!.value.faces[0] : null;
    expect(face).toMatchObject({ name: 'crew photo', subjectCount: 3, width: 600 });
    expect(face!.mediaUrl).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
    const media = await raw(`${face!.mediaUrl}?token=${bridge.token}`);
    expect(media.status).toBe(200);
    expect(media.headers['content-type']).toBe('image/png');
    const ranged = await raw(`${face!.mediaUrl}?token=${bridge.token}`, { headers: { range: 'bytes=0-7' } });
    expect(ranged.status).toBe(206);
    expect((await raw(`/media/../library.sqlite?token=${bridge.token}`)).status).toBe(404);
    expect((await raw(`/media/%2e%2e/library.sqlite?token=${bridge.token}`)).status).toBe(404);
    await symlink(path.join(dir, 'secret.txt'), path.join(dir, 'library', 'media', 'escape.txt'));
    expect((await raw(`/media/escape.txt?token=${bridge.token}`)).status).toBe(404);
    expect((await raw(`${face!.mediaUrl}`)).status).toBe(401);

    // A thumbnail, made on first request from the stored picture: a PNG no larger than 256 px a side.
    expect(face!.thumbnailUrl).toMatch(/^\/thumbnails\/[0-9a-f]{64}\.png$/);
    const thumbnail = await raw(`${face!.thumbnailUrl}?token=${bridge.token}`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers['content-type']).toBe('image/png');
    const png = thumbnail.body;
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height; the crew photo is 600×471, so 256×201.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 201]);
    expect((await raw(`/thumbnails/${'0'.repeat(64)}.png?token=${bridge.token}`)).status).toBe(404);
    expect((await raw(`/thumbnails/..%2flibrary.sqlite?token=${bridge.token}`)).status).toBe(404);
    expect((await raw(face!.thumbnailUrl!)).status).toBe(401);
  });

  it.skipIf(!hasSharedMedia)('sends a preview frame as its bytes after the JSON, not as base64, and only with the token', async () => {
    const imported = await api<ImportResponse>('library.import', { paths: [PHOTO] });
    const entry = imported.body!.ok ? imported.body!.value.results[0] : null;
    if (!entry?.ok) throw new Error('import failed');
    await api('library.setConsent', { faceId: entry.id, consent: true });
    const project = await api<{ id: number }>('projects.create', { name: 'Frames', document: { ...createEmptyProjectDocument(), stage: { faceId: entry.id, mediaKind: 'photo' } } });
    if (!project.body?.ok) throw new Error('project not created');
    const payload = { projectId: project.body.value.id, timeSec: 0, maxSide: 256, quality: 'playback' };
    const body = JSON.stringify({ method: 'preview.frame', payload });
    expect((await raw('/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(401);
    const response = await raw('/api', { method: 'POST', headers: { 'content-type': 'application/json', 'x-mouthpiece-token': bridge.token }, body });
    expect(response.headers['content-type']).toBe(BINARY_RESULT_TYPE);
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    const result = decodeBinaryResult(new Uint8Array(response.body).buffer) as StudioResult<PreviewFrameView>;
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ mimeType: 'image/jpeg', timeSec: 0 });
    expect(Math.max(result.value.width, result.value.height)).toBe(256);
    // a whole JPEG, from its start marker to its end marker
    expect([...result.value.bytes.subarray(0, 2), ...result.value.bytes.subarray(-2)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
    // a refusal stays JSON
    const refused = await api('preview.frame', { ...payload, projectId: 99_999 });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 60_000);

  it('refuses uploads that are too large or empty, and keeps nothing of them', async () => {
    const headers = { 'x-mouthpiece-token': bridge.token };
    const big = await raw('/upload?name=big.wav', { method: 'POST', headers, body: Buffer.alloc(8 * 2 ** 20 + 1) });
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text).error.message).toContain('larger than the 8 MB');
    const empty = await raw('/upload?name=empty.wav', { method: 'POST', headers, body: Buffer.alloc(0) });
    expect(empty.status).toBe(400);
    expect((await raw('/upload?name=x.wav', { method: 'POST', body: 'abc' })).status).toBe(401);
    const listing = await api<LibraryListing>('library.list');
    expect(listing.body!.ok && listing.body!.value.voices).toEqual([]);
  });

  it('checks an upload with purpose=verify instead of importing it, names it as the page did, and keeps nothing', async () => {
    const headers = { 'x-mouthpiece-token': bridge.token };
    const checked = await raw(`/upload?name=${encodeURIComponent('../clip.mp4')}&purpose=verify`, { method: 'POST', headers, body: 'not really a video' });
    const result = JSON.parse(checked.text) as StudioResult<VideoVerdictView>;
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('clip.mp4');
      expect(result.error.message).not.toContain(os.tmpdir());
    }
    const uploadRoots = (await readdir(os.tmpdir())).filter((name) => name.startsWith(`mouthpiece-bridge-${process.pid}-`));
    const left = await Promise.all(uploadRoots.map((root) => readdir(path.join(os.tmpdir(), root), { recursive: true })));
    expect(left.flat().filter((name) => name.endsWith('clip.mp4'))).toEqual([]);
    expect(uploadRoots.length).toBeGreaterThan(0);
    const listing = await api<LibraryListing>('library.list');
    expect(listing.body!.ok && listing.body!.value.faces.filter((face) => face.name.includes('clip'))).toEqual([]);
    // Over the API a path goes through the same gate as an import's.
    expect((await api('video.verify', { path: '/etc/passwd' })).body).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringContaining('is not a video') } });
    expect((await api('video.verify', { path: 'clip.mp4' })).body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
