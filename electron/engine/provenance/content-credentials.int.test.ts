import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeVideo } from '../media/encode-video.js';
import { resolveFfmpegTools, type FfmpegTools } from '../media/ffmpeg-tools.js';
import { createRgbaImage } from '../media/rgba-image.js';
import { embedContentCredentials, verifyContentCredentials } from './content-credentials.js';
import { loadInstallationIdentity, type InstallationIdentity } from './installation-identity.js';
import { listTopLevelBoxes } from './mp4-boxes.js';

describe('content credentials', () => {
  let tools: FfmpegTools;
  let dir: string;
  let identity: InstallationIdentity;
  let video: string;
  beforeAll(async () => {
    tools = await resolveFfmpegTools();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-creds-'));
    identity = await loadInstallationIdentity(path.join(dir, 'library'));
    video = path.join(dir, 'signed.mp4');
    const frame = createRgbaImage(64, 48);
    frame.data.fill(128);
    await encodeVideo({ tools, outPath: video, width: 64, height: 48, fps: 10, frames: [frame, frame, frame], preset: 'ultrafast' });
    await writeFile(path.join(dir, 'face.png'), 'not really a png, only hashed');
    await embedContentCredentials(
      video,
      { toolVersion: '1.2.3', synthesis: 'photo-animation', voice: 'synthesised', sources: [{ role: 'face', path: path.join(dir, 'face.png'), sha256: 'ab'.repeat(32) }], consent: { statement: 'She agreed on 1 May.', source: 'cli' } },
      identity,
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the identity: the second load reads the same key and certificate', async () => {
    const again = await loadInstallationIdentity(path.join(dir, 'library'));
    expect(again.certificateSha256).toBe(identity.certificateSha256);
    expect(Buffer.from(again.watermarkKey).equals(Buffer.from(identity.watermarkKey))).toBe(true);
  });

  it('gives renders started at once one identity: the first written to the library wins', async () => {
    const fresh = path.join(dir, 'fresh-library');
    const [a, b] = await Promise.all([loadInstallationIdentity(fresh), loadInstallationIdentity(path.join(fresh, '.'))]);
    expect(a.certificateSha256).toBe(b.certificateSha256);
  });

  it('reads back valid, signed by this installation, with the claim, sources and consent', async () => {
    const verdict = await verifyContentCredentials(video, identity);
    expect(verdict.status).toBe('valid');
    if (verdict.status !== 'valid') return;
    expect(verdict.signer.thisInstallation).toBe(true);
    const text = JSON.stringify(verdict.claim);
    expect(text).toContain('trainedAlgorithmicMedia');
    expect(text).toContain('She agreed on 1 May.');
    expect(text).toContain('ab'.repeat(32));
    expect((await listTopLevelBoxes(video)).at(-1)?.type).toBe('uuid');
  });

  it('is found tampered after one byte of the video changes', async () => {
    const copy = path.join(dir, 'edited.mp4');
    await writeFile(copy, await readFile(video));
    const boxes = await listTopLevelBoxes(copy);
    const mdat = boxes.find((b) => b.type === 'mdat')!;
    const handle = await open(copy, 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, mdat.start + 20);
    byte[0] ^= 0xff;
    await handle.write(byte, 0, 1, mdat.start + 20);
    await handle.close();
    expect(await verifyContentCredentials(copy, identity)).toEqual({ status: 'tampered', reason: 'the video bytes changed after signing' });
  });

  it('is missing on a video without credentials, and another installation is named as such', async () => {
    const plain = path.join(dir, 'plain.mp4');
    const frame = createRgbaImage(64, 48);
    await encodeVideo({ tools, outPath: plain, width: 64, height: 48, fps: 10, frames: [frame], preset: 'ultrafast' });
    expect(await verifyContentCredentials(plain, identity)).toEqual({ status: 'missing' });
    const other = await loadInstallationIdentity(path.join(dir, 'other-library'));
    const verdict = await verifyContentCredentials(video, other);
    expect(verdict.status === 'valid' && verdict.signer.thisInstallation).toBe(false);
  });
});
