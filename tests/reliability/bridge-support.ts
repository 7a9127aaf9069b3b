import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { defaultModelPaths } from '../../electron/engine/install-layout';
import { startStudioBridge, type StudioBridge } from '../../electron/bridge/start-studio-bridge';
import type { StudioResult } from '../../electron/contract/types';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export interface TestBridge {
  bridge: StudioBridge;
  dir: string;
  libraryDir: string;
  /** Raw HTTP, so Host, Origin and the body can be anything (fetch forbids that). */
  raw(pathAndQuery: string, options?: { method?: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResponse>;
  /** A JSON API call with the token; `result` is null unless the answer was 200 JSON. */
  api<T>(method: unknown, payload?: unknown): Promise<{ status: number; result: StudioResult<T> | null }>;
  /** Writes bytes on a plain TCP connection and collects what comes back until the server closes it (or `waitMs`). */
  tcp(bytes: string | Buffer, options?: { waitMs?: number; thenSend?: { afterMs: number; bytes: string } }): Promise<{ text: string; closedByServer: boolean; elapsedMs: number }>;
  /** The files in the bridge's upload folders (all of them should be gone once a request is answered). */
  uploadLeftovers(): Promise<string[]>;
  close(): Promise<void>;
}

/** A real studio bridge (real engine, a fresh library) with short timeouts, for abuse, fuzz and load tests. */
export async function startTestBridge({ apiBodyTimeoutMs = 1000, headersTimeoutMs = 2000, maxUploadBytes = 4 * 2 ** 20 } = {}): Promise<TestBridge> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-reliab-bridge-'));
  const rendererDir = path.join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(path.join(dir, 'secret.txt'), 'not for the page');
  const libraryDir = path.join(dir, 'library');
  const logs: string[] = [];
  const bridge = await startStudioBridge({
    libraryDir, rendererDir, ...defaultModelPaths(), version: 'test', maxUploadBytes, apiBodyTimeoutMs, headersTimeoutMs, log: (line) => logs.push(line),
  });
  const host = `127.0.0.1:${bridge.port}`;

  const raw: TestBridge['raw'] = (pathAndQuery, { method = 'GET', headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: bridge.port, path: pathAndQuery, method, headers: { host, ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  const api: TestBridge['api'] = async (method, payload) => {
    const response = await raw('/api', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mouthpiece-token': bridge.token },
      body: JSON.stringify({ method, payload }),
    });
    return { status: response.status, result: response.status === 200 ? JSON.parse(response.text) : null };
  };

  const tcp: TestBridge['tcp'] = (bytes, { waitMs = 5000, thenSend } = {}) =>
    new Promise((resolve) => {
      const started = Date.now();
      const socket = connect(bridge.port, '127.0.0.1');
      let text = '';
      let closedByServer = false;
      const timer = setTimeout(() => socket.destroy(), waitMs);
      socket.on('data', (data) => (text += data.toString('latin1')));
      socket.on('error', () => {});
      socket.on('end', () => (closedByServer = true));
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ text, closedByServer, elapsedMs: Date.now() - started });
      });
      socket.write(bytes);
      if (thenSend) setTimeout(() => !socket.destroyed && socket.write(thenSend.bytes), thenSend.afterMs);
    });

  const uploadLeftovers = async () => {
    const roots = (await readdir(os.tmpdir())).filter((name) => name.startsWith(`mouthpiece-bridge-${process.pid}-`));
    const found: string[] = [];
    for (const root of roots) for (const entry of await readdir(path.join(os.tmpdir(), root), { recursive: true })) found.push(path.join(root, String(entry)));
    return found;
  };

  return {
    bridge, dir, libraryDir, raw, api, tcp, uploadLeftovers,
    async close() {
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
      if (logs.some((line) => /is not a function|Cannot read prop/.test(line))) throw new Error(`the bridge logged a programming error:\n${logs.join('\n')}`);
    },
  };
}
