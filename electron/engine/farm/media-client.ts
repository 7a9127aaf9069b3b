import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashFile } from '../library/media-store.js';
import type { MediaRef, OutputKind } from './farm-job.js';

/** How a worker reaches the coordinator's media server for one job. */
export interface JobMediaAccess {
  url: string;
  token: string;
  jobId: string;
  capability: string;
  version: string;
  signal?: AbortSignal;
}

const TIMEOUT_MS = 60_000;

export class MediaRequestError extends Error {
  override readonly name = 'MediaRequestError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The input `ref` as a file in the worker's cache (named by its SHA-256): fetched from the coordinator when missing,
 * and checked against its hash whether fetched now or cached before (a damaged cache file is fetched again).
 */
export async function fetchJobInput(access: JobMediaAccess, ref: MediaRef, cacheDir: string): Promise<string> {
  const cached = path.join(cacheDir, `${ref.sha256}${ref.ext}`);
  if (await stat(cached).then((s) => s.isFile(), () => false)) {
    if ((await hashFile({ filePath: cached, signal: access.signal })).sha256 === ref.sha256) return cached;
    await rm(cached, { force: true });
  }
  await mkdir(cacheDir, { recursive: true });
  const partial = path.join(cacheDir, `.${ref.sha256}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  try {
    const res = await send(access, 'GET', `/v1/jobs/${access.jobId}/media/${ref.sha256}`);
    if (res.statusCode !== 200) throw await toRequestError(res, `fetching input ${ref.sha256.slice(0, 12)}`);
    const hash = createHash('sha256');
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    await pipeline(res, meter, createWriteStream(partial), { signal: access.signal });
    const actual = hash.digest('hex');
    if (actual !== ref.sha256) throw new MediaRequestError(422, `input ${ref.sha256.slice(0, 12)} arrived damaged (SHA-256 ${actual.slice(0, 12)})`);
    await rename(partial, cached);
    return cached;
  } finally {
    await rm(partial, { force: true });
  }
}

/** The coordinator's watermark key for this job: the frames the worker draws must carry the coordinator's mark. */
export async function fetchWatermarkKey(access: JobMediaAccess): Promise<Uint8Array> {
  const res = await send(access, 'GET', `/v1/jobs/${access.jobId}/watermark-key`);
  if (res.statusCode !== 200) throw await toRequestError(res, 'fetching the watermark key');
  const key = Buffer.from(String((JSON.parse(await readBody(res)) as { key?: unknown }).key ?? ''), 'base64');
  if (key.length < 16) throw new MediaRequestError(422, 'the coordinator sent no usable watermark key');
  return new Uint8Array(key);
}

/** Sends one output to the coordinator with its SHA-256; resolves once it landed (or had landed before). */
export async function deliverJobOutput(access: JobMediaAccess, kind: OutputKind, filePath: string): Promise<{ sha256: string; sizeBytes: number; duplicate: boolean }> {
  const { sha256, sizeBytes } = await hashFile({ filePath, signal: access.signal });
  const res = await send(access, 'PUT', `/v1/jobs/${access.jobId}/outputs/${kind}`, { 'x-content-sha256': sha256, 'content-length': String(sizeBytes) }, filePath);
  if (res.statusCode !== 200) throw await toRequestError(res, `delivering the ${kind}`);
  const body = JSON.parse(await readBody(res)) as { duplicate?: boolean };
  return { sha256, sizeBytes, duplicate: body.duplicate === true };
}

function send(access: JobMediaAccess, method: 'GET' | 'PUT', route: string, headers: Record<string, string> = {}, bodyPath?: string): Promise<IncomingMessage> {
  const url = new URL(route, access.url);
  if (url.protocol !== 'http:') return Promise.reject(new MediaRequestError(0, `the coordinator's media address ${access.url} is not http://`));
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method,
      signal: access.signal,
      timeout: TIMEOUT_MS,
      headers: { authorization: `Bearer ${access.token}`, 'x-mouthpiece-capability': access.capability, 'x-mouthpiece-version': access.version, ...headers },
    });
    req.once('response', resolve);
    req.once('error', (error) => reject(new MediaRequestError(0, `cannot reach the coordinator at ${access.url}: ${error.message}`)));
    req.once('timeout', () => req.destroy(new Error('no answer for a minute')));
    if (bodyPath) {
      pipeline(createReadStream(bodyPath), req).catch(() => {
        // the response (or the error above) reports what went wrong
      });
    } else req.end();
  });
}

async function toRequestError(res: IncomingMessage, doing: string): Promise<MediaRequestError> {
  const reason = (await readBody(res).catch(() => '')).slice(0, 300);
  return new MediaRequestError(res.statusCode ?? 0, `${doing}: the coordinator answered ${res.statusCode}${reason ? ` (${reason})` : ''}`);
}

async function readBody(res: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
