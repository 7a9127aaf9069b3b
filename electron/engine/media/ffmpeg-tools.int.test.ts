import { chmod, stat, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { resolveFfmpegTools } from './ffmpeg-tools.js';
import { makeTempDir } from './test-support/media-fixtures.js';

const require = createRequire(import.meta.url);
const bundledFfmpeg: string = require('@ffmpeg-installer/ffmpeg').path;
const bundledFfprobe: string = require('@ffprobe-installer/ffprobe').path;

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir('mouthpiece-tools-')));
afterAll(() => cleanup());

async function expectMissing(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe('FFMPEG_MISSING');
  return (error as EngineError).message;
}

describe('resolveFfmpegTools', () => {
  it('finds the bundled binaries when nothing is configured (no ffmpeg on this PATH)', async () => {
    const tools = await resolveFfmpegTools({ env: { PATH: '' } });
    expect(tools).toEqual({ ffmpegPath: bundledFfmpeg, ffprobePath: bundledFfprobe });
  });

  it('caches per options and hands back the same answer', async () => {
    const options = { env: { PATH: '' } };
    expect(resolveFfmpegTools(options)).toBe(resolveFfmpegTools({ env: { PATH: '' } }));
  });

  it('prefers the configured paths over the environment and the bundled binaries', async () => {
    const configured = path.join(dir, 'configured-ffmpeg');
    const fromEnv = path.join(dir, 'env-ffprobe');
    await symlink(bundledFfmpeg, configured);
    await symlink(bundledFfprobe, fromEnv);
    const tools = await resolveFfmpegTools({ ffmpegPath: configured, env: { PATH: '', MOUTHPIECE_FFPROBE: fromEnv } });
    expect(tools).toEqual({ ffmpegPath: configured, ffprobePath: fromEnv });
  });

  it('falls back to PATH when the bundled binaries are skipped', async () => {
    const binDir = path.join(dir, 'bin');
    await import('node:fs/promises').then((fs) => fs.mkdir(binDir));
    await symlink(bundledFfmpeg, path.join(binDir, 'ffmpeg'));
    await symlink(bundledFfprobe, path.join(binDir, 'ffprobe'));
    const tools = await resolveFfmpegTools({ skipBundled: true, env: { PATH: `/nonexistent-dir${path.delimiter}${binDir}` } });
    expect(tools).toEqual({ ffmpegPath: path.join(binDir, 'ffmpeg'), ffprobePath: path.join(binDir, 'ffprobe') });
  });

  it('skips a broken configured path and still finds a working candidate', async () => {
    const tools = await resolveFfmpegTools({ ffmpegPath: path.join(dir, 'nope'), env: { PATH: '' } });
    expect(tools.ffmpegPath).toBe(bundledFfmpeg);
  });

  it('gives FFMPEG_MISSING listing every candidate and why, plus how to fix it', async () => {
    const notFfmpeg = path.join(dir, 'not-ffmpeg.sh');
    await writeFile(notFfmpeg, '#!/bin/sh\necho "hello"\n', { mode: 0o755 });
    const message = await expectMissing(
      resolveFfmpegTools({ ffmpegPath: path.join(dir, 'missing-ffmpeg'), skipBundled: true, env: { PATH: '', MOUTHPIECE_FFMPEG: notFfmpeg, MOUTHPIECE_FFPROBE: dir } }),
    );
    expect(message).toContain('Could not find a working ffmpeg or ffprobe');
    expect(message).toContain(`ffmpeg from configured path (${path.join(dir, 'missing-ffmpeg')}): not found`);
    expect(message).toContain(`ffmpeg from MOUTHPIECE_FFMPEG (${notFfmpeg}): does not look like ffmpeg/ffprobe (printed "hello")`);
    expect(message).toContain(`ffprobe from MOUTHPIECE_FFPROBE (${dir}): not a file`);
    expect(message).toContain('ffmpeg from PATH: PATH is empty');
    expect(message).toContain('ffprobe from PATH: PATH is empty');
    expect(message).not.toContain('@ffmpeg-installer');
    expect(message).toMatch(/install ffmpeg/i);
    expect(message).toContain('MOUTHPIECE_FFMPEG');
  });

  it('names only the missing tool when the other one works, and does not cache the failure', async () => {
    const options = { ffprobePath: bundledFfprobe, skipBundled: true, env: { PATH: path.join(dir, 'empty-bin') } };
    const message = await expectMissing(resolveFfmpegTools(options));
    expect(message).toMatch(/^Could not find a working ffmpeg\. Tried:/);
    expect(message).toContain('ffmpeg from PATH: not found in any of the 1 PATH directories');
    expect(message).not.toContain('ffprobe from');
    await expectMissing(resolveFfmpegTools(options)); // retried, not a cached rejection object
  });

  it('gives a binary without its executable bit u+x, as npm tarballs sometimes need', async () => {
    const script = path.join(dir, 'fake-ffmpeg.sh');
    await writeFile(script, '#!/bin/sh\necho "ffmpeg version 9.9-fake"\n', { mode: 0o644 });
    await chmod(script, 0o644);
    const tools = await resolveFfmpegTools({ ffmpegPath: script, ffprobePath: bundledFfprobe, env: { PATH: '' } });
    expect(tools.ffmpegPath).toBe(script);
    expect((await stat(script)).mode & 0o100).toBe(0o100);
  });

  it('reports a binary that hangs on -version as timed out', async () => {
    const script = path.join(dir, 'hanging-ffmpeg.sh');
    await writeFile(script, '#!/bin/sh\nsleep 20\n', { mode: 0o755 });
    const started = Date.now();
    const message = await expectMissing(resolveFfmpegTools({ ffmpegPath: script, skipBundled: true, versionTimeoutMs: 300, env: { PATH: '' } }));
    expect(message).toContain(`ffmpeg from configured path (${script}): ffmpeg took longer than 300 ms`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses an ffmpeg that runs but cannot encode H.264 and AAC', async () => {
    const script = path.join(dir, 'ffmpeg-without-x264.sh');
    // Answers -version like ffmpeg does, and fails any encode the way an ffmpeg built without libx264 does.
    await writeFile(
      script,
      '#!/bin/sh\nif [ "$1" = "-version" ]; then echo "ffmpeg version 6.0 Copyright (c) 2000-2023 the FFmpeg developers"; exit 0; fi\n' +
        'echo "Unknown encoder \'libx264\'" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const message = await expectMissing(resolveFfmpegTools({ ffmpegPath: script, skipBundled: true, env: { PATH: '' } }));
    expect(message).toContain(`ffmpeg from configured path (${script}): cannot encode H.264/AAC`);
  });
});
