import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { studioMethods } from '../../electron/contract/channels';
import type { LibraryListing } from '../../electron/contract/types';
import { startTestBridge, type TestBridge } from './bridge-support';

/*
 * A fuzz run of the bridge on loopback: random and mutated API messages and WebSocket traffic from fast-check, bounded
 * in count and time. Whatever arrives, every answer is a refusal or a result (never a 5xx or a dropped connection
 * without one), and afterwards the server answers a normal call with its memory in bounds.
 */

let t: TestBridge;
beforeAll(async () => {
  t = await startTestBridge();
}, 60_000);
afterAll(async () => t?.close());

/** Flips, drops or inserts a few characters of a JSON text. */
const mutated = (text: string) =>
  fc.array(fc.tuple(fc.nat(), fc.constantFrom('flip', 'drop', 'insert'), fc.constantFrom('{', '}', '"', ',', ':', '\\', '\u0000', '9', 'e', '[', 'null', '\uD800')), { maxLength: 4 }).map((edits) => {
    let s = text;
    for (const [at, kind, ch] of edits) {
      const i = s.length === 0 ? 0 : at % s.length;
      s = kind === 'drop' ? s.slice(0, i) + s.slice(i + 1) : kind === 'insert' ? s.slice(0, i) + ch + s.slice(i) : s.slice(0, i) + ch + s.slice(i + 1);
    }
    return s;
  });

const payload = fc.oneof(
  fc.anything({ maxDepth: 3, withBigInt: false }),
  fc.record({ projectId: fc.oneof(fc.integer(), fc.double()), renderId: fc.oneof(fc.integer(), fc.constant(1e308)), batchId: fc.integer(), faceId: fc.integer() }, { requiredKeys: [] }),
);
const apiBody = fc.oneof(
  fc.tuple(fc.constantFrom(...studioMethods), payload).map(([method, p]) => JSON.stringify({ method, payload: p }) ?? ''),
  fc.tuple(fc.constantFrom(...studioMethods), payload).chain(([method, p]) => mutated(JSON.stringify({ method, payload: p }) ?? '')),
  fc.string({ maxLength: 200 }),
);

describe('bridge fuzz (bounded, loopback)', () => {
  it('random and mutated /api messages: every one answered 200 with a StudioResult or a 4xx refusal', async () => {
    const rssBefore = process.memoryUsage().rss;
    let count = 0;
    await fc.assert(
      fc.asyncProperty(apiBody, fc.constantFrom('application/json', 'application/json; charset=utf-8', undefined, 'text/plain'), async (body, type) => {
        count += 1;
        const headers: Record<string, string> = { 'x-mouthpiece-token': t.bridge.token };
        if (type) headers['content-type'] = type;
        const response = await t.raw('/api', { method: 'POST', headers, body });
        expect(response.status).toBeLessThan(500);
        if (response.status === 200) {
          const result = JSON.parse(response.text) as { ok: boolean; error?: { code: string; message: string } };
          if (!result.ok) {
            expect(result.error?.code).not.toBe('INTERNAL');
            expect(result.error?.message).not.toMatch(/\n\s+at /);
          }
        }
      }),
      { numRuns: 600, interruptAfterTimeLimit: 90_000 },
    );
    expect(count).toBeGreaterThan(50);
    expect((await t.api<LibraryListing>('library.list')).result).toMatchObject({ ok: true });
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(300 * 2 ** 20);
    expect(await t.uploadLeftovers()).toEqual([]);
  }, 150_000);

  it('random WebSocket traffic (texts, binaries up to 100 kB, pings, abrupt ends): sockets close, the server stays', async () => {
    const action = fc.oneof(
      fc.string({ maxLength: 300 }).map((s) => ({ kind: 'text' as const, data: s })),
      fc.integer({ min: 0, max: 100 * 1024 }).map((n) => ({ kind: 'binary' as const, data: Buffer.alloc(n, 7) })),
      fc.constant({ kind: 'ping' as const, data: '' }),
      fc.constant({ kind: 'terminate' as const, data: '' }),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ kind: 'raw' as const, data: Buffer.from(bytes) })),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 4 }), async (actions) => {
        const socket = new WebSocket(`ws://127.0.0.1:${t.bridge.port}/events?token=${t.bridge.token}`);
        socket.on('error', () => {});
        const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
        await new Promise<void>((resolve, reject) => (socket.on('open', () => resolve()), socket.on('error', reject)));
        for (const { kind, data } of actions) {
          if (socket.readyState !== WebSocket.OPEN) break;
          if (kind === 'text' || kind === 'binary') socket.send(data);
          else if (kind === 'ping') socket.ping();
          else if (kind === 'raw') (socket as unknown as { _socket: import('node:net').Socket })._socket.write(data as Buffer);
          else socket.terminate();
        }
        const timer = setTimeout(() => socket.terminate(), 2000);
        if (socket.readyState === WebSocket.OPEN) socket.close();
        await closed;
        clearTimeout(timer);
      }),
      { numRuns: 150, interruptAfterTimeLimit: 60_000 },
    );
    expect((await t.api<LibraryListing>('library.list')).result).toMatchObject({ ok: true });
  }, 120_000);
});
