import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { produceFileAtomic } from '../media/atomic-file.js';
import { OUTPUT_KINDS, type OutputKind } from './farm-job.js';
import { equalSecrets, signJobCapability, type FarmIdentity } from './farm-identity.js';

/** What the coordinator lets one job's holder do: fetch these inputs (by SHA-256), deliver these outputs. */
export interface JobMedia {
  inputs: Map<string, string>;
  outputs: Partial<Record<OutputKind, string>>;
}

export interface MediaServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  registerJob(jobId: string, media: JobMedia): void;
  unregisterJob(jobId: string): void;
  /** The outputs of a job that landed in their folder during this run. */
  landedOutputs(jobId: string): OutputKind[];
  close(): Promise<void>;
}

/** Larger uploads are refused (a reel of a few minutes is tens of MB). */
const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/**
 * The coordinator's hash-addressed media service. Workers fetch a job's inputs by SHA-256 and deliver its outputs;
 * every request carries the farm token and the job's capability, and names the job: a worker can reach only the media
 * of a job it holds. An output is received into a temporary file beside its place, checked against the SHA-256 the
 * worker announced, and renamed into place; a job's output lands once per run, a second delivery is acknowledged and
 * dropped (a job re-run after its worker was presumed dead may deliver twice).
 */
export interface MediaServerOptions {
  host: string;
  port?: number;
  identity: FarmIdentity;
  version: string;
  /** The coordinator's watermark key, given to a job's holder so the frames it draws carry this installation's mark. */
  watermarkKey: Uint8Array;
  /** Called on a received output before it is renamed into place (the coordinator re-signs a video); a throw refuses it (422). */
  sealOutput?: (input: { kind: OutputKind; filePath: string; outPath: string; job: JobMedia }) => Promise<void>;
}

export async function startMediaServer({ host, port = 0, identity, version, watermarkKey, sealOutput }: MediaServerOptions): Promise<MediaServer> {
  const jobs = new Map<string, JobMedia>();
  const landed = new Map<string, Set<OutputKind>>();
  const landing = new Map<string, Promise<void>>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // A refused upload's body is drained, so the worker reads the reason instead of a reset connection.
    if (req.method === 'PUT') res.once('finish', () => req.resume());
    const url = new URL(req.url ?? '/', 'http://farm');
    const route = /^\/v1\/jobs\/([A-Za-z0-9-]{1,100})\/(?:(media|outputs)\/([a-z0-9]{1,64})|(watermark-key))$/.exec(url.pathname);
    if (!route) return reply(res, 404, 'no such route');
    const [, jobId, kindOfMedia, name, watermark] = route;
    const what = watermark ?? kindOfMedia;
    if (!equalSecrets(bearer(req), identity.token)) return reply(res, 401, 'wrong farm token');
    const workerVersion = header(req, 'x-mouthpiece-version');
    if (workerVersion !== version) return reply(res, 409, `this coordinator runs Mouthpiece ${version}, the worker ${workerVersion ?? 'an unknown version'}`);
    if (!equalSecrets(header(req, 'x-mouthpiece-capability'), signJobCapability(identity.capabilityKey, jobId))) return reply(res, 403, 'this capability is not for this job');
    const job = jobs.get(jobId);
    if (!job) return reply(res, 410, 'the coordinator is not waiting for this job (cancelled, or finished)');

    if (what === 'watermark-key') {
      if (req.method !== 'GET') return reply(res, 405, 'GET only');
      return reply(res, 200, JSON.stringify({ key: Buffer.from(watermarkKey).toString('base64') }));
    }
    if (what === 'media') {
      if (req.method !== 'GET') return reply(res, 405, 'GET only');
      const filePath = job.inputs.get(name);
      if (!filePath) return reply(res, 403, 'this media is not an input of this job');
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      await pipeline(createReadStream(filePath), res);
      return;
    }
    if (req.method !== 'PUT') return reply(res, 405, 'PUT only');
    const kind = name as OutputKind;
    const outPath = OUTPUT_KINDS.includes(kind) ? job.outputs[kind] : undefined;
    if (!outPath) return reply(res, 403, 'this job has no such output');
    const expected = header(req, 'x-content-sha256');
    if (!expected || !/^[a-f0-9]{64}$/.test(expected)) return reply(res, 400, 'x-content-sha256 is missing');
    // One delivery of an output at a time; the second waits and then sees the first one landed.
    const key = `${jobId}/${kind}`;
    while (landing.has(key)) await landing.get(key)?.catch(() => {});
    if (landed.get(jobId)?.has(kind)) {
      req.resume();
      return reply(res, 200, JSON.stringify({ landed: false, duplicate: true }));
    }
    const seal = sealOutput && ((filePath: string) => sealOutput({ kind, filePath, outPath, job }));
    const received = receiveOutput({ req, outPath, expectedSha256: expected, seal });
    landing.set(key, received);
    try {
      await received;
      landed.set(jobId, new Set([...(landed.get(jobId) ?? []), kind]));
      reply(res, 200, JSON.stringify({ landed: true, duplicate: false }));
    } catch (error) {
      reply(res, error instanceof OutputRefused ? 422 : 500, error instanceof Error ? error.message : String(error));
    } finally {
      landing.delete(key);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) reply(res, 500, error instanceof Error ? error.message : 'internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    registerJob: (jobId, media) => void jobs.set(jobId, media),
    unregisterJob: (jobId) => void jobs.delete(jobId),
    landedOutputs: (jobId) => [...(landed.get(jobId) ?? [])],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

class OutputRefused extends Error {}

async function receiveOutput({ req, outPath, expectedSha256, seal }: { req: IncomingMessage; outPath: string; expectedSha256: string; seal?: (filePath: string) => Promise<void> }): Promise<void> {
  await produceFileAtomic(outPath, async (partialPath) => {
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        if (bytes > MAX_UPLOAD_BYTES) return done(new Error('the upload is larger than any render'));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(req, meter, createWriteStream(partialPath));
    const actual = hash.digest('hex');
    if (actual !== expectedSha256) throw new OutputRefused(`the upload's SHA-256 is ${actual}, not the announced ${expectedSha256}: it was damaged on the way`);
    await seal?.(partialPath).catch((error: unknown) => {
      throw new OutputRefused(`the coordinator cannot take this output: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
}

function bearer(req: IncomingMessage): string | undefined {
  const value = header(req, 'authorization');
  return value?.startsWith('Bearer ') ? value.slice(7) : undefined;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': status === 200 ? 'application/json' : 'text/plain; charset=utf-8' });
  res.end(body);
}
