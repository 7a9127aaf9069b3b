import { Agent, request as httpRequest } from 'node:http';
import { BINARY_RESULT_TYPE, decodeBinaryResult } from '../../electron/contract/binary-result';
import { createEmptyProjectDocument } from '../../electron/contract/project-document';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../helpers/shared-media';
import type { TestBridge } from './bridge-support';

/** What one load run measured. */
export interface BridgeLoadFigures {
  calls: number;
  errors: number;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  previewFrames: number;
  previewErrors: number;
  previewP50Ms: number;
  /** Frames the UI asked for (12 a second) that came back, as a share. */
  previewDelivered: number;
  rssStartMb: number;
  rssEndMb: number;
  rssPeakMb: number;
}

/** The calls the page makes while someone works: listings, search, the queue, one face's analysis. */
const CALL_MIX: [string, (faceId: number) => unknown][] = [
  ['library.list', () => undefined],
  ['render.list', () => undefined],
  ['batch.list', () => undefined],
  ['projects.list', () => undefined],
  ['library.search', () => ({ query: 'crew' })],
  ['face.getAnalysis', (faceId) => ({ faceId })],
  ['app.getInfo', () => undefined],
];

const PREVIEW_FPS = 12;

/**
 * Drives a bridge the way the studio page does: `calls` API calls (`concurrency` at a time, keep-alive) while a
 * preview asks for a frame of a speaking project 12 times a second for `previewSec` seconds (a new request only
 * once the last came back, as the page does). Memory is the process's RSS (the bridge runs in this process).
 */
export async function runBridgeLoad(t: TestBridge, { calls, previewSec, concurrency = 8 }: { calls: number; previewSec: number; concurrency?: number }): Promise<BridgeLoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency + 1 });
  const post = (method: string, payload: unknown) =>
    new Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>((resolve, reject) => {
      const body = JSON.stringify({ method, payload });
      const req = httpRequest(
        { host: '127.0.0.1', port: t.bridge.port, path: '/api', method: 'POST', agent, headers: { host: `127.0.0.1:${t.bridge.port}`, 'content-type': 'application/json', 'x-mouthpiece-token': t.bridge.token } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`HTTP ${res.statusCode}`));
            const body = Buffer.concat(chunks);
            try {
              // a preview frame comes as one binary body (bytes, not base64 in JSON), as the page reads it
              if (res.headers['content-type'] === BINARY_RESULT_TYPE) resolve(decodeBinaryResult(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)));
              else resolve(JSON.parse(body.toString('utf8')));
            } catch (error) {
              reject(error as Error);
            }
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const setup = async <T,>(method: string, payload: unknown): Promise<T> => {
    const result = await post(method, payload);
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value as T;
  };
  const imported = await setup<{ results: { ok: boolean; id: number }[] }>('library.import', { paths: [SAMPLE_FACE, SAMPLE_VOICE] });
  const [face, voice] = imported.results;
  await setup('library.setConsent', { faceId: face.id, consent: true });
  const project = await setup<{ id: number }>('projects.create', {
    name: 'Load',
    document: {
      ...createEmptyProjectDocument(),
      stage: { faceId: face.id, mediaKind: 'photo' },
      tracks: [{ subject: 0, clips: [{ id: 'c1', kind: 'audio', start: 0, voiceId: voice.id, trimStart: 0, trimEnd: 3, duration: 9.65 }] }],
    },
  });

  // The first frame loads the models and prepares the scene (seconds); the page pays that once, before playing.
  await setup('preview.frame', { projectId: project.id, timeSec: 0 });

  const rss = () => process.memoryUsage().rss / 2 ** 20;
  global.gc?.();
  const rssStartMb = rss();
  let rssPeakMb = rssStartMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rss())), 250);

  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < calls) {
      const [method, payloadOf] = CALL_MIX[next % CALL_MIX.length];
      next += 1;
      const t0 = performance.now();
      const result = await post(method, payloadOf(face.id)).catch(() => ({ ok: false }));
      latencies.push(performance.now() - t0);
      if (!result.ok) errors += 1;
    }
  };

  const previewLatencies: number[] = [];
  let previewErrors = 0;
  const preview = async () => {
    const end = performance.now() + previewSec * 1000;
    let frame = 0;
    while (performance.now() < end) {
      const due = started + (frame * 1000) / PREVIEW_FPS;
      if (performance.now() < due) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
      const t0 = performance.now();
      const result = await post('preview.frame', { projectId: project.id, timeSec: (frame / PREVIEW_FPS) % 3 }).catch(() => ({ ok: false }));
      previewLatencies.push(performance.now() - t0);
      if (!result.ok) previewErrors += 1;
      // A page that falls behind skips to the frame that is due now, as the player does.
      frame = Math.max(frame + 1, Math.floor(((performance.now() - started) / 1000) * PREVIEW_FPS));
    }
  };

  const callsDone = Promise.all(Array.from({ length: concurrency }, worker)).then(() => performance.now());
  await Promise.all([callsDone, preview()]);
  const callsSec = ((await callsDone) - started) / 1000;
  clearInterval(sampler);
  agent.destroy();
  global.gc?.();
  const sorted = [...latencies].sort((a, b) => a - b);
  const sortedPreview = [...previewLatencies].sort((a, b) => a - b);
  const pct = (list: number[], p: number) => (list.length === 0 ? 0 : list[Math.min(list.length - 1, Math.floor(list.length * p))]);
  return {
    calls: latencies.length,
    errors,
    callsPerSec: latencies.length / callsSec,
    p50Ms: pct(sorted, 0.5),
    p99Ms: pct(sorted, 0.99),
    previewFrames: previewLatencies.length,
    previewErrors,
    previewP50Ms: pct(sortedPreview, 0.5),
    previewDelivered: previewSec === 0 ? 1 : previewLatencies.length / (previewSec * PREVIEW_FPS),
    rssStartMb,
    rssEndMb: rss(),
    rssPeakMb,
  };
}

export function formatLoadFigures(f: BridgeLoadFigures): string {
  const r = (x: number, d = 1) => x.toFixed(d);
  return [
    `API calls: ${f.calls} (${f.errors} errors), ${r(f.callsPerSec, 0)} calls/s, p50 ${r(f.p50Ms)} ms, p99 ${r(f.p99Ms)} ms`,
    `preview frames: ${f.previewFrames} (${f.previewErrors} errors), p50 ${r(f.previewP50Ms)} ms, ${r(f.previewDelivered * 100, 0)} % of the 12/s the page asks`,
    `RSS: start ${r(f.rssStartMb, 0)} MB, end ${r(f.rssEndMb, 0)} MB, peak ${r(f.rssPeakMb, 0)} MB`,
  ].join('\n');
}
