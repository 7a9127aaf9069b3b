import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, InputError } from '../errors.js';
import { hashFile, listStoredMediaFiles, normalizeExtension, removeMediaFile, removeTempFiles, resolveMediaPath, storeMediaFile } from './media-store.js';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media.js';
import { createTempDir, hashFileSync } from './test-support/temp-library.js';

describe('media store', () => {
  let temp: ReturnType<typeof createTempDir>;
  beforeEach(() => {
    temp = createTempDir();
  });
  afterEach(() => temp.remove());

  const portrait = SAMPLE_FACE;

  it('hashes as a stream and stores under media/<2 hex>/<sha256><ext>', async () => {
    const { sha256, sizeBytes } = await hashFile({ filePath: portrait });
    expect(sha256).toBe(hashFileSync(portrait));
    expect(sizeBytes).toBe(statSync(portrait).size);

    const first = await storeMediaFile({ libraryDir: temp.dir, filePath: portrait, sha256, ext: '.jpg' });
    expect(first.copied).toBe(true);
    expect(first.mediaPath).toBe(path.join(temp.dir, 'media', sha256.slice(0, 2), `${sha256}.jpg`));
    expect(hashFileSync(first.mediaPath)).toBe(sha256);

    const again = await storeMediaFile({ libraryDir: temp.dir, filePath: portrait, sha256, ext: '.jpg' });
    expect(again).toEqual({ mediaPath: first.mediaPath, copied: false });
    expect(listStoredMediaFiles(temp.dir)).toEqual([{ sha256, ext: '.jpg', filePath: first.mediaPath }]);
    expect(readdirSync(path.join(temp.dir, 'media', '.tmp'))).toEqual([]);
  });

  it('refuses a copy whose content is not what was hashed, leaving nothing', async () => {
    const wrongSha = 'f'.repeat(64);
    await expect(storeMediaFile({ libraryDir: temp.dir, filePath: portrait, sha256: wrongSha, ext: '.jpg' })).rejects.toThrow(/changed while it was being imported/);
    expect(existsSync(resolveMediaPath({ libraryDir: temp.dir, sha256: wrongSha, ext: '.jpg' }))).toBe(false);
    expect(readdirSync(path.join(temp.dir, 'media', '.tmp'))).toEqual([]);
  });

  it('stops a cancelled copy and removes its temp file', async () => {
    const big = path.join(temp.dir, 'big.bin');
    writeFileSync(big, Buffer.alloc(5 * 1024 * 1024, 7));
    const { sha256 } = await hashFile({ filePath: big });
    const controller = new AbortController();
    const store = storeMediaFile({
      libraryDir: temp.dir, filePath: big, sha256, ext: '.bin', signal: controller.signal,
      onBytes: () => controller.abort(),
    });
    await expect(store).rejects.toBeInstanceOf(CancelledError);
    expect(listStoredMediaFiles(temp.dir)).toEqual([]);
    expect(readdirSync(path.join(temp.dir, 'media', '.tmp'))).toEqual([]);
  });

  it('names a missing source clearly', async () => {
    const missing = path.join(temp.dir, 'nope.png');
    await expect(hashFile({ filePath: missing })).rejects.toThrow(InputError);
    await expect(hashFile({ filePath: missing })).rejects.toThrow(/nope\.png does not exist/);
  });

  it('removes files and the temp files of dead processes only', async () => {
    const { sha256 } = await hashFile({ filePath: portrait });
    await storeMediaFile({ libraryDir: temp.dir, filePath: portrait, sha256, ext: '.jpg' });
    expect(removeMediaFile({ libraryDir: temp.dir, sha256, ext: '.jpg' })).toBe(true);
    expect(removeMediaFile({ libraryDir: temp.dir, sha256, ext: '.jpg' })).toBe(false);

    const tempDir = path.join(temp.dir, 'media', '.tmp');
    mkdirSync(tempDir, { recursive: true });
    writeFileSync(path.join(tempDir, `${sha256}-111-aaaa.part`), 'half');
    writeFileSync(path.join(tempDir, `${sha256}-222-bbbb.part`), 'half');
    expect(removeTempFiles({ libraryDir: temp.dir, isProcessAlive: (pid) => pid === 222 })).toBe(1);
    expect(readdirSync(tempDir)).toEqual([`${sha256}-222-bbbb.part`]);
  });

  it('keeps a clean, lower-case extension', () => {
    expect(normalizeExtension('/a/B.JPG')).toBe('.jpg');
    expect(normalizeExtension('/a/noext')).toBe('');
    expect(normalizeExtension('/a/weird.ex t')).toBe('');
  });
});
