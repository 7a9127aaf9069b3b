import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJobCapability, type FarmIdentity } from './farm-identity.js';
import { deliverJobOutput, fetchJobInput, fetchWatermarkKey, MediaRequestError, type JobMediaAccess } from './media-client.js';
import { startMediaServer, type MediaServer } from './media-server.js';

/*
 * The coordinator's media server over real HTTP on 127.0.0.1, with the worker's client: a job's holder gets that
 * job's inputs (verified, cached) and delivers its outputs once; a wrong token, another job's media or capability, a
 * damaged upload and a worker of another version are refused and leave nothing behind.
 */
const identity: FarmIdentity = { farmId: '0123456789abcdef', token: 'farm-token-'.padEnd(43, 'x'), capabilityKey: 'capability-key-'.padEnd(43, 'k') };
const VERSION = '9.9.9-test';
const WATERMARK_KEY = new Uint8Array(32).map((_, i) => i * 7 + 1);
let dir: string;
let server: MediaServer;
const files: Record<string, { path: string; sha256: string; bytes: Buffer }> = {};

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const accessFor = (jobId: string, overrides: Partial<JobMediaAccess> = {}): JobMediaAccess => ({
  url: server.url,
  token: identity.token,
  jobId,
  capability: signJobCapability(identity.capabilityKey, jobId),
  version: VERSION,
  ...overrides,
});
const refOf = (name: string) => ({ sha256: files[name].sha256, sizeBytes: files[name].bytes.length, ext: '.bin' });

async function refusal(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MediaRequestError);
    return (error as MediaRequestError).status;
  }
  throw new Error('the request was not refused');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-media-server-'));
  for (const name of ['face-a', 'face-b']) {
    const bytes = Buffer.from(`${name} picture bytes `.repeat(5000));
    const filePath = path.join(dir, `${name}.bin`);
    await writeFile(filePath, bytes);
    files[name] = { path: filePath, sha256: sha(bytes), bytes };
  }
  server = await startMediaServer({ host: '127.0.0.1', identity, version: VERSION, watermarkKey: WATERMARK_KEY });
  server.registerJob('job-a', { inputs: new Map([[files['face-a'].sha256, files['face-a'].path]]), outputs: { video: path.join(dir, 'out', 'a.mp4') } });
  server.registerJob('job-b', { inputs: new Map([[files['face-b'].sha256, files['face-b'].path]]), outputs: { video: path.join(dir, 'out', 'b.mp4') } });
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('farm media server', () => {
  it('listens on the loopback address it was given', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("gives a job's holder that job's input, verified and cached by its SHA-256", async () => {
    const cacheDir = path.join(dir, 'cache');
    const cached = await fetchJobInput(accessFor('job-a'), refOf('face-a'), cacheDir);
    expect(path.basename(cached)).toBe(`${files['face-a'].sha256}.bin`);
    expect(await readFile(cached)).toEqual(files['face-a'].bytes);
    // A damaged cache file is noticed and fetched again.
    await writeFile(cached, 'damaged');
    await fetchJobInput(accessFor('job-a'), refOf('face-a'), cacheDir);
    expect(await readFile(cached)).toEqual(files['face-a'].bytes);
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it("gives a job's holder the coordinator's watermark key, and no one else", async () => {
    expect(await fetchWatermarkKey(accessFor('job-a'))).toEqual(WATERMARK_KEY);
    expect(await refusal(fetchWatermarkKey(accessFor('job-a', { token: 'not-the-farm-token' })))).toBe(401);
    expect(await refusal(fetchWatermarkKey(accessFor('job-b', { capability: signJobCapability(identity.capabilityKey, 'job-a') })))).toBe(403);
    expect(await refusal(fetchWatermarkKey(accessFor('job-gone')))).toBe(410);
  });

  it('refuses a wrong farm token, another job, another job’s capability and a worker of another version', async () => {
    const cacheDir = path.join(dir, 'cache-refused');
    expect(await refusal(fetchJobInput(accessFor('job-a', { token: 'not-the-farm-token' }), refOf('face-a'), cacheDir))).toBe(401);
    // job-a's holder asks for job-b's picture.
    expect(await refusal(fetchJobInput(accessFor('job-a'), refOf('face-b'), cacheDir))).toBe(403);
    // job-a's capability shown for job-b.
    expect(await refusal(fetchJobInput(accessFor('job-b', { capability: signJobCapability(identity.capabilityKey, 'job-a') }), refOf('face-b'), cacheDir))).toBe(403);
    expect(await refusal(fetchJobInput(accessFor('job-a', { version: '0.0.1' }), refOf('face-a'), cacheDir))).toBe(409);
    // A job the coordinator no longer waits for (cancelled, finished).
    expect(await refusal(fetchJobInput(accessFor('job-gone'), refOf('face-a'), cacheDir))).toBe(410);
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
  });

  it('refuses an upload whose bytes do not match the announced SHA-256 and leaves nothing in the output folder', async () => {
    const produced = path.join(dir, 'produced-b.mp4');
    await writeFile(produced, Buffer.from('the real video bytes'.repeat(1000)));
    const access = accessFor('job-b');
    // The announced hash is of other bytes than those sent: what a damaged or tampered transfer looks like.
    const tampered = fetch(`${server.url}/v1/jobs/job-b/outputs/video`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${access.token}`, 'x-mouthpiece-capability': access.capability, 'x-mouthpiece-version': VERSION, 'x-content-sha256': sha(await readFile(produced)) },
      body: Buffer.from('tampered video bytes'.repeat(1000)),
    });
    const res = await tampered;
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/damaged/);
    expect(await readdir(path.join(dir, 'out')).catch(() => [])).toEqual([]);
    expect(server.landedOutputs('job-b')).toEqual([]);
  });

  it("lands a job's output once, atomically, even when the job delivers twice", async () => {
    const produced = path.join(dir, 'produced-a.mp4');
    await writeFile(produced, Buffer.from('first run of job a '.repeat(2000)));
    const first = await deliverJobOutput(accessFor('job-a'), 'video', produced);
    expect(first.duplicate).toBe(false);
    const landed = path.join(dir, 'out', 'a.mp4');
    const before = await stat(landed);
    // The job ran again elsewhere (its first worker was presumed dead) and delivers a second time.
    await writeFile(produced, Buffer.from('second run of job a '.repeat(2000)));
    const second = await deliverJobOutput(accessFor('job-a'), 'video', produced);
    expect(second.duplicate).toBe(true);
    const after = await stat(landed);
    expect(after.ino).toBe(before.ino);
    expect((await readFile(landed)).toString()).toMatch(/^first run of job a/);
    expect(await readdir(path.join(dir, 'out'))).toEqual(['a.mp4']);
    expect(server.landedOutputs('job-a')).toEqual(['video']);
    // An output the job does not have.
    expect(await refusal(deliverJobOutput(accessFor('job-a'), 'srt', produced))).toBe(403);
  });
});
