import { appendFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { probeMedia } from './probe-media.js';
import { rememberProbes } from './probe-memo.js';
import { getTools, makeTempDir, makeWithFfmpeg } from './test-support/media-fixtures.js';

let tools: FfmpegTools;
let dir: string;
let cleanup: () => Promise<void>;
let wavPath: string;
beforeAll(async () => {
  tools = await getTools();
  ({ dir, cleanup } = await makeTempDir('mouthpiece-probe-memo-'));
  wavPath = path.join(dir, 'tone.wav');
  await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1', '-ac', '1', wavPath]);
});
afterAll(() => cleanup());

describe('rememberProbes', () => {
  it('answers a repeated probe of an unchanged file from the first one', async () => {
    const job = rememberProbes(tools);
    const first = await probeMedia(job, wavPath);
    expect(await probeMedia(job, wavPath)).toBe(first);
    expect(rememberProbes(job)).toBe(job);
  });

  it('probes again once the file has changed, and plain tools always probe', async () => {
    const changing = path.join(dir, 'changing.wav');
    await copyFile(wavPath, changing);
    const job = rememberProbes(tools);
    const before = await probeMedia(job, changing);
    await appendFile(changing, new Uint8Array(4096));
    const after = await probeMedia(job, changing);
    expect(after).not.toBe(before);
    expect(after.sizeBytes).toBe(before.sizeBytes + 4096);
    expect(await probeMedia(tools, wavPath)).not.toBe(await probeMedia(tools, wavPath));
  });

  it('does not remember a file it could not probe', async () => {
    const job = rememberProbes(tools);
    await expect(probeMedia(job, path.join(dir, 'missing.wav'))).rejects.toThrow(/no such file/);
  });
});
