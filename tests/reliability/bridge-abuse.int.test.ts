import { readFileSync } from 'node:fs';
import { symlink } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { LibraryListing } from '../../electron/contract/types';
import { SAMPLE_FACE } from '../helpers/shared-media';
import { startTestBridge, type TestBridge } from './bridge-support';

/*
 * Protocol abuse of the studio bridge over HTTP and WebSocket: every case gets a clear, specific refusal, and after
 * each one the server still answers a normal call and has kept nothing of the request (no upload left in its folder).
 */

let t: TestBridge;
beforeAll(async () => {
  t = await startTestBridge();
}, 60_000);
afterAll(async () => t?.close());

afterEach(async () => {
  const alive = await t.api<LibraryListing>('library.list');
  expect(alive.result).toMatchObject({ ok: true });
  expect(await t.uploadLeftovers()).toEqual([]);
});

const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
  t.raw('/api', { method: 'POST', headers: { 'x-mouthpiece-token': t.bridge.token, 'content-type': 'application/json', ...headers }, body });
const json = (text: string) => JSON.parse(text) as { ok: boolean; error?: { code: string; message: string } };

/** Opens the events socket; resolves with the close code and reason (or the refusal) once it ends. */
function openSocket(query: string, options: ConstructorParameters<typeof WebSocket>[2] = {}) {
  const socket = new WebSocket(`ws://127.0.0.1:${t.bridge.port}/events${query}`, options);
  const opened = new Promise<void>((resolve, reject) => (socket.on('open', () => resolve()), socket.on('error', reject)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  socket.on('error', () => {});
  return { socket, opened, closed };
}

describe('bridge HTTP abuse', () => {
  it('no token: 401 for the API, the page and uploads', async () => {
    expect((await t.raw('/api', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"method":"library.list"}' })).status).toBe(401);
    expect((await t.raw('/')).status).toBe(401);
    expect((await t.raw('/upload?name=a.png', { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('a wrong token, one character short, or the token in another header name: 401', async () => {
    for (const token of ['wrong', t.bridge.token.slice(0, -1), `${t.bridge.token}x`, '']) {
      expect((await post('{"method":"library.list"}', { 'x-mouthpiece-token': token })).status).toBe(401);
    }
    expect((await t.raw('/api', { method: 'POST', headers: { authorization: `Bearer ${t.bridge.token}` }, body: '{}' })).status).toBe(401);
  });

  it('a body declared larger than 8 MB is refused (413) before it is read', async () => {
    const declared = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: t.bridge.port, path: '/api', method: 'POST', headers: { host: `127.0.0.1:${t.bridge.port}`, 'x-mouthpiece-token': t.bridge.token, 'content-type': 'application/json', 'content-length': String(2 ** 30) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"method":');
    });
    expect(declared).toBe(413);
  });

  it('a streamed body over 8 MB (no declared length) is cut off with 413 and a message', async () => {
    const response = await post(Buffer.alloc(9 * 2 ** 20, 0x20), { 'transfer-encoding': 'chunked' });
    expect(response.status).toBe(413);
    expect(json(response.text).error?.message).toBe('The request is too large (at most 8 MB).');
  });

  it('a body that stops arriving (slowloris) is answered 408 within the bounded time, and the connection closed', async () => {
    const head = `POST /api HTTP/1.1\r\nHost: 127.0.0.1:${t.bridge.port}\r\nX-Mouthpiece-Token: ${t.bridge.token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"meth`;
    const result = await t.tcp(head, { waitMs: 8000 });
    expect(result.text).toMatch(/^HTTP\/1\.1 408/);
    expect(result.text).toContain('did not arrive within 1 s');
    expect(result.closedByServer).toBe(true);
    expect(result.elapsedMs).toBeLessThan(7000);
  });

  it('headers that never finish are cut off by the headers timeout', async () => {
    const result = await t.tcp(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${t.bridge.port}\r\nX-Slow: 1`, { waitMs: 10_000, thenSend: { afterMs: 500, bytes: '\r\nX-Slower: 2' } });
    expect(result.closedByServer).toBe(true);
    expect(result.text).toMatch(/^(HTTP\/1\.1 408|$)/);
    expect(result.elapsedMs).toBeLessThan(9000);
  });

  it('bad JSON, an empty body, and JSON that is not an object get BAD_REQUEST or UNKNOWN_CHANNEL', async () => {
    expect(json((await post('{')).text)).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request body is not JSON.' } });
    expect(json((await post('')).text).error?.code).toBe('BAD_REQUEST');
    expect(json((await post('[1,2,3]')).text).error?.code).toBe('UNKNOWN_CHANNEL');
    expect(json((await post('null')).text).error?.code).toBe('UNKNOWN_CHANNEL');
    expect(json((await post('"library.list"')).text).error?.code).toBe('UNKNOWN_CHANNEL');
  });

  it('JSON nested 100,000 deep is refused without taking the process down', async () => {
    const response = await post(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(response.status).toBeLessThan(500);
    expect(json(response.text).ok).toBe(false);
  });

  it('unknown methods, non-string methods and prototype names get UNKNOWN_CHANNEL naming no internals', async () => {
    for (const method of ['nope', 'library.nope', '__proto__', 'constructor', 'toString', 42, { a: 1 }, ['library.list'], null, true]) {
      const { result } = await t.api(method);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('huge, negative, fractional and non-finite numbers are refused by the schemas, not passed to the library', async () => {
    for (const renderId of [1e308, 2 ** 53 + 1, -1, 0, 1.5, '1', null]) {
      const { result } = await t.api('render.cancel', { renderId });
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('renderId') } });
    }
    const infinite = await post('{"method":"render.cancel","payload":{"renderId":1e400}}');
    expect(json(infinite.text)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('wrong content types on the API (form, plain text, multipart) are refused with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post('{"method":"library.list"}', { 'content-type': type });
      expect(response.status).toBe(415);
      expect(json(response.text).error?.message).toBe('The API takes JSON: send Content-Type: application/json.');
    }
  });

  it('path traversal in media, thumbnail, render and page URLs: 404, never a file outside', async () => {
    await symlink(path.join(t.dir, 'secret.txt'), path.join(t.libraryDir, 'media', 'escape.txt')).catch(() => {});
    const q = `?token=${t.bridge.token}`;
    for (const url of [
      '/media/../library.sqlite', '/media/%2e%2e/library.sqlite', '/media/%252e%252e/library.sqlite', '/media/..%5clibrary.sqlite',
      '/media/%00', '/media/escape.txt', '/thumbnails/..%2flibrary.sqlite', '/renders/..%2f..%2fsecret.txt', '/renders/1.mp4',
      '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/media//etc/passwd',
    ]) {
      const response = await t.raw(`${url}${q}`);
      expect([400, 404]).toContain(response.status);
      expect(response.text).not.toContain('not for the page');
    }
  });

  it('wrong HTTP methods: 405', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH']) expect((await t.raw(`/api?token=${t.bridge.token}`, { method })).status).toBe(405);
    expect((await t.raw(`/?token=${t.bridge.token}`, { method: 'POST' })).status).toBe(405);
  });

  it('a garbage request line and a bare newline flood get 400 and the connection closed', async () => {
    expect((await t.tcp('HELLO THERE\r\n\r\n')).text).toMatch(/^HTTP\/1\.1 400/);
    expect((await t.tcp('\r\n'.repeat(10_000))).closedByServer).toBe(true);
    expect((await t.tcp(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc]))).text).toMatch(/^(HTTP\/1\.1 400|$)/);
  });

  it('an upload cut off half-way leaves nothing in the upload folder or the library', async () => {
    const bytes = readFileSync(SAMPLE_FACE);
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1', port: t.bridge.port, path: '/upload?name=half.jpg', method: 'POST',
        headers: { host: `127.0.0.1:${t.bridge.port}`, 'x-mouthpiece-token': t.bridge.token, 'content-length': String(bytes.length) },
      });
      req.on('error', () => resolve());
      req.write(bytes.subarray(0, bytes.length >> 1), () => setTimeout(() => (req.destroy(), resolve()), 100));
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const listing = await t.api<LibraryListing>('library.list');
    expect(listing.result).toMatchObject({ ok: true, value: { faces: [] } });
  });

  it('an upload that is not a picture or sound is refused by name, and nothing of it is kept', async () => {
    const response = await t.raw('/upload?name=notes.png', { method: 'POST', headers: { 'x-mouthpiece-token': t.bridge.token }, body: 'just some text, not a PNG' });
    const result = json(response.text) as unknown as { ok: boolean; value?: { results: { ok: boolean; path: string; error?: { code: string } }[] } };
    expect(result).toMatchObject({ ok: true, value: { results: [{ ok: false, path: 'notes.png', error: { code: 'BAD_INPUT' } }] } });
  });
});

describe('bridge WebSocket abuse', () => {
  it('no token, a wrong token, a foreign origin or another path: refused with 401 before the upgrade', async () => {
    for (const [query, options] of [['', {}], ['?token=wrong', {}], [`?token=${t.bridge.token}`, { origin: 'http://evil.example' }]] as const) {
      await expect(openSocket(query, options).opened).rejects.toThrow(/401/);
    }
    const other = new WebSocket(`ws://127.0.0.1:${t.bridge.port}/other?token=${t.bridge.token}`);
    await expect(new Promise((resolve, reject) => (other.on('open', resolve), other.on('error', reject)))).rejects.toThrow(/401/);
  });

  it('a message over 64 KB closes that socket with 1009 (message too big); the server and other pages stay up', async () => {
    const bystander = openSocket(`?token=${t.bridge.token}`);
    await bystander.opened;
    const abuser = openSocket(`?token=${t.bridge.token}`);
    await abuser.opened;
    abuser.socket.send(Buffer.alloc(65 * 1024, 0x61));
    expect((await abuser.closed).code).toBe(1009);
    expect(bystander.socket.readyState).toBe(WebSocket.OPEN);
    bystander.socket.close();
  });

  it('a small message is answered with 1008 (this socket only sends)', async () => {
    const client = openSocket(`?token=${t.bridge.token}`);
    await client.opened;
    client.socket.send('{"method":"library.list"}');
    expect(await client.closed).toEqual({ code: 1008, reason: 'This socket only sends.' });
  });

  it('a malformed frame (reserved bits, unmasked) closes the socket with 1002; the server stays up', async () => {
    const client = openSocket(`?token=${t.bridge.token}`);
    await client.opened;
    // The raw TCP socket under the client: an unmasked frame with RSV bits set is a protocol error.
    (client.socket as unknown as { _socket: import('node:net').Socket })._socket.write(Buffer.from([0xf1, 0x05, 0x68, 0x65, 0x6c, 0x6c, 0x6f]));
    expect([1002, 1006]).toContain((await client.closed).code);
  });

  it('a connection dropped in the middle of a frame, and 100 sockets opened and dropped, leave the server up', async () => {
    const client = openSocket(`?token=${t.bridge.token}`);
    await client.opened;
    (client.socket as unknown as { _socket: import('node:net').Socket })._socket.end(Buffer.from([0x81, 0xfe, 0x10]));
    await client.closed;
    const many = Array.from({ length: 100 }, () => openSocket(`?token=${t.bridge.token}`));
    await Promise.all(many.map((m) => m.opened));
    for (const m of many) m.socket.terminate();
    await Promise.all(many.map((m) => m.closed));
  });
});
