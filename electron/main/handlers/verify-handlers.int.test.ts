import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSampleVideo } from '../../../tests/helpers/render-sample-video';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media';
import { encodeVideo } from '../../engine/media/encode-video.js';
import { resolveFfmpegTools, type FfmpegTools } from '../../engine/media/ffmpeg-tools.js';
import { createRgbaImage } from '../../engine/media/rgba-image.js';
import { listTopLevelBoxes } from '../../engine/provenance/mp4-boxes.js';
import type { NodeStudio } from '../../bridge/node-studio';
import { openTestStudio } from './test-support/test-studio';

const run = promisify(execFile);

/** The check the studio makes on a dropped video, over the real engine, on a tiny render of the bundled sample. */
describe('video.verify', () => {
  let dir: string;
  let studio: NodeStudio;
  let tools: FfmpegTools;
  let rendered: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-verify-'));
    studio = openTestStudio(dir, []);
    tools = await resolveFfmpegTools();
    rendered = path.join(dir, 'rendered.mp4');
    // Small and short (the machine is shared), with the studio library's identity, as the studio renders.
    await renderSampleVideo({ outPath: rendered, libraryDir: path.join(dir, 'library') });
  }, 300_000);
  afterAll(async () => {
    await studio?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const verify = (filePath: string) => studio.handlers['video.verify']({ path: filePath });

  it('finds a render of this studio signed by this installation and watermarked', async () => {
    const view = await verify(rendered);
    expect(view.summary).toBe('signed');
    expect(view.name).toBe('rendered.mp4');
    expect(view.credentials.status).toBe('valid');
    if (view.credentials.status === 'valid') {
      expect(view.credentials.signer.thisInstallation).toBe(true);
      expect(view.credentials.description).toContain('AI-generated');
    }
    expect(view.watermark.found).toBe(true);
    expect(view.verdict).toMatch(/^credentials valid \(AI-generated, signed by this installation, self-signed\); watermark found/);
    expect(view.verdict).not.toContain(dir);
  });

  it('finds a copy with one byte of the picture changed tampered', async () => {
    const copy = path.join(dir, 'edited.mp4');
    await writeFile(copy, await readFile(rendered));
    const mdat = (await listTopLevelBoxes(copy)).find((box) => box.type === 'mdat')!;
    const handle = await open(copy, 'r+');
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, mdat.start + 64);
    byte[0] ^= 0xff;
    await handle.write(byte, 0, 1, mdat.start + 64);
    await handle.close();
    const view = await verify(copy);
    expect(view.summary).toBe('tampered');
    expect(view.credentials.status).toBe('tampered');
    expect(view.verdict).toContain('TAMPERED');
  });

  it('finds the watermark alone in a re-encoded copy (the credentials are stripped)', async () => {
    const copy = path.join(dir, 're-encoded.mp4');
    await run(tools.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-i', rendered, '-c:v', 'libx264', '-crf', '28', '-preset', 'veryfast', '-c:a', 'copy', '-map_metadata', '-1', copy]);
    const view = await verify(copy);
    expect(view.credentials.status).toBe('missing');
    expect(view.watermark.found).toBe(true);
    expect(view.summary).toBe('marked');
    expect(view.verdict).toMatch(/^no credentials; watermark found/);
  });

  it('finds nothing in a video Mouthpiece did not make', async () => {
    const other = path.join(dir, 'other.mp4');
    const frame = createRgbaImage(480, 480);
    for (let i = 0; i < frame.data.length; i += 4) frame.data.fill((i / 4) % 251, i, i + 3).fill(255, i + 3, i + 4);
    await encodeVideo({ tools: tools, outPath: other, width: 480, height: 480, fps: 12, frames: Array.from({ length: 12 }, () => frame), preset: 'ultrafast' });
    const view = await verify(other);
    expect(view.summary).toBe('none');
    expect(view.credentials.status).toBe('missing');
    expect(view.watermark.found).toBe(false);
  });

  it('takes only videos that exist, by their real path', async () => {
    await expect(verify(path.join(dir, 'nowhere.mp4'))).rejects.toThrow(/no such file/);
    await expect(verify(SAMPLE_FACE)).rejects.toThrow(/is not a video/);
    await expect(verify(dir)).rejects.toThrow(/is not a file/);
  });
});
