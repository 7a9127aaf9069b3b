import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFfmpeg } from './ffmpeg-adapter.js';
import type { FfmpegTools } from './ffmpeg-tools.js';
import { getTools, listDir, makeTempDir, makeWithFfmpeg } from './test-support/media-fixtures.js';
import { mixAudioClips } from './mix-audio.js';
import { probeMedia } from './probe-media.js';

let tools: FfmpegTools;
let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  tools = await getTools();
  temp = await makeTempDir();
});
afterAll(() => temp.cleanup());

/** RMS of a mono 8 kHz float decode of `file` between two times. */
async function rmsBetween(file: string, fromSec: number, toSec: number): Promise<number> {
  const { stdout } = await runFfmpeg({ tools, args: ['-v', 'error', '-i', file, '-ac', '1', '-ar', '8000', '-f', 'f32le', 'pipe:1'], collectStdout: true });
  const samples = new Float32Array(stdout.buffer, stdout.byteOffset, stdout.byteLength / 4);
  const part = samples.subarray(Math.round(fromSec * 8000), Math.round(toSec * 8000));
  return Math.sqrt(part.reduce((s, v) => s + v * v, 0) / part.length);
}

describe('mixAudioClips', () => {
  it('places clips at their start times at their own level, for exactly the asked length', async () => {
    const a = path.join(temp.dir, 'a.wav');
    const b = path.join(temp.dir, 'b.ogg');
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1:sample_rate=16000', '-af', 'volume=0.5', a]);
    await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'sine=frequency=660:duration=0.5:sample_rate=22050', '-af', 'volume=0.5', '-c:a', 'libvorbis', b]);
    const out = path.join(temp.dir, 'mix.wav');
    await mixAudioClips({ tools, clips: [{ path: a, startSec: 0 }, { path: b, startSec: 1.5 }], durationSec: 2.5, outPath: out });

    const info = await probeMedia(tools, out);
    expect(info.durationSec).toBeCloseTo(2.5, 1);
    const toneA = await rmsBetween(a, 0.1, 0.9);
    expect(await rmsBetween(out, 0.1, 0.9)).toBeGreaterThan(toneA * 0.85);
    expect(await rmsBetween(out, 1.1, 1.45)).toBeLessThan(0.01);
    expect(await rmsBetween(out, 1.6, 1.9)).toBeGreaterThan(toneA * 0.85);
    expect(await rmsBetween(out, 2.05, 2.45)).toBeLessThan(0.01);
    expect((await listDir(temp.dir)).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
