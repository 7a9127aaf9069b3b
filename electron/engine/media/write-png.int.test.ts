import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { decodeImage } from './decode-image.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { getTools, listDir, makeTempDir } from './test-support/media-fixtures.js';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media.js';
import { probeMedia } from './probe-media.js';
import { writePng } from './write-png.js';

let tools: FfmpegTools;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  tools = await getTools();
  ({ dir, cleanup } = await makeTempDir('mouthpiece-png-'));
});
afterAll(() => cleanup());

describe('writePng', () => {
  it('round-trips RGBA exactly, alpha included, and leaves only the file', async () => {
    const data = Uint8Array.from([255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 40, 250, 251, 252, 253, 1, 2, 3, 4]);
    const outPath = path.join(dir, 'sub', 'tiny.png');
    await writePng(tools, { width: 3, height: 2, data }, outPath);
    expect(await listDir(path.dirname(outPath))).toEqual(['tiny.png']);
    const info = await probeMedia(tools, outPath);
    expect(info).toMatchObject({ kind: 'image', formatName: 'png_pipe', width: 3, height: 2 });
    expect(info.video?.pixFmt).toBe('rgba');
    const { image } = await decodeImage(tools, outPath);
    expect([...image.data]).toEqual([...data]);
  });

  it('writes a decoded photo back losslessly', async () => {
    const { image } = await decodeImage(tools, SAMPLE_FACE);
    const outPath = path.join(dir, 'copy.png');
    await writePng(tools, image, outPath);
    const again = await decodeImage(tools, outPath);
    expect(Buffer.from(again.image.data).equals(Buffer.from(image.data))).toBe(true);
  });

  it('refuses an image whose data does not match its size', async () => {
    const error = await writePng(tools, { width: 4, height: 4, data: new Uint8Array(10) }, path.join(dir, 'bad.png')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('BAD_ARGUMENT');
    expect(await listDir(dir)).not.toContain('bad.png');
  });
});
