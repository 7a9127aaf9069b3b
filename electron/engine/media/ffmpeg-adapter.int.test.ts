import { beforeAll, describe, expect, it } from 'vitest';
import { CancelledError, EngineError } from '../errors.js';
import { readStderrTail, readToolVersion, runFfmpeg, runFfprobe, startFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { getTools } from './test-support/media-fixtures.js';
import { SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';

let tools: FfmpegTools;
beforeAll(async () => {
  tools = await getTools();
});

const quiet = ['-hide_banner', '-nostdin', '-v', 'error'];

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('runFfmpeg', () => {
  it('collects stdout of a successful run', async () => {
    const { stdout } = await runFfmpeg({
      tools,
      args: [...quiet, '-f', 'lavfi', '-i', 'color=c=red:s=4x2,format=rgba', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'],
      collectStdout: true,
    });
    expect(stdout.length).toBe(4 * 2 * 4);
    expect([...stdout.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
  });

  it('rejects with FFMPEG_FAILED carrying the last stderr lines', async () => {
    const error = await settle(runFfmpeg({ tools, args: [...quiet, '-i', '/nonexistent/input.mp4', '-f', 'null', '-'] }));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('FFMPEG_FAILED');
    expect((error as EngineError).message).toContain('/nonexistent/input.mp4: No such file or directory');
    expect(readStderrTail(error)).toEqual(['/nonexistent/input.mp4: No such file or directory']);
  });

  it('maps "No space left on device" to DISK_FULL (writing to /dev/full)', async () => {
    const error = await settle(runFfmpeg({ tools, args: [...quiet, '-f', 'lavfi', '-i', 'testsrc=s=320x240', '-t', '1', '-f', 'rawvideo', '-y', '/dev/full'] }));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('DISK_FULL');
    expect((error as EngineError).message).toMatch(/No space left on device/);
  });

  it('rejects with FFMPEG_MISSING when the binary cannot be started', async () => {
    const error = await settle(runFfmpeg({ tools: { ...tools, ffmpegPath: '/nonexistent/ffmpeg' }, args: ['-version'] }));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('FFMPEG_MISSING');
    expect((error as EngineError).message).toContain('/nonexistent/ffmpeg');
  });

  it('kills the process on abort and rejects with CancelledError promptly', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const run = runFfmpeg({ tools, args: [...quiet, '-re', '-f', 'lavfi', '-i', 'testsrc', '-t', '60', '-f', 'null', '-'], signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect(await settle(run)).toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('does not start anything for an already-aborted signal', async () => {
    // A missing binary would give FFMPEG_MISSING if a start were attempted.
    const run = runFfmpeg({ tools: { ...tools, ffmpegPath: '/nonexistent/ffmpeg' }, args: ['-version'], signal: AbortSignal.abort() });
    expect(await settle(run)).toBeInstanceOf(CancelledError);
  });

  it('stops a run that exceeds its time limit', async () => {
    const error = await settle(runFfmpeg({ tools, args: [...quiet, '-re', '-f', 'lavfi', '-i', 'testsrc', '-t', '60', '-f', 'null', '-'], timeoutMs: 300 }));
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toContain('took longer than 300 ms');
  });

  it('fails the run with the error a line callback threw, instead of crashing', async () => {
    const boom = new Error('callback failed');
    const error = await settle(
      runFfmpeg({
        tools,
        args: [...quiet, '-re', '-f', 'lavfi', '-i', 'testsrc', '-t', '30', '-f', 'null', '-progress', 'pipe:1', '-nostats', '-'],
        onStdoutLine: () => {
          throw boom;
        },
      }),
    );
    expect(error).toBe(boom);
  });
});

describe('startFfmpeg stdin', () => {
  it("reports ffmpeg's own error, not EPIPE, when it stops reading input", async () => {
    const proc = startFfmpeg({
      tools,
      args: [...quiet, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', '64x64', '-i', 'pipe:0', '-c:v', 'no_such_encoder', '-f', 'null', '-'],
      withStdin: true,
    });
    const frame = new Uint8Array(64 * 64 * 4);
    const writing = (async () => {
      for (let i = 0; i < 500; i++) await proc.writeStdin(frame);
    })();
    const error = await settle(writing);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('FFMPEG_FAILED');
    expect((error as EngineError).message).toMatch(/no_such_encoder/);
    await settle(proc.completion);
  });
});

describe('runFfprobe and readToolVersion', () => {
  it('returns ffprobe JSON', async () => {
    const probe = (await runFfprobe({ tools, inputPath: SAMPLE_VOICE })) as { format: { format_name: string } };
    expect(probe.format.format_name).toBe('wav');
  });

  it('reads version banners of both bundled binaries', async () => {
    expect(await readToolVersion({ binaryPath: tools.ffmpegPath, timeoutMs: 10_000 })).toMatch(/^ffmpeg version .*2018/);
    expect(await readToolVersion({ binaryPath: tools.ffprobePath, timeoutMs: 10_000 })).toMatch(/^ffprobe version .*2023/);
  });
});
