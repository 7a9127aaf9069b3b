/**
 * `render --mouth-from`: listed in the help, and a clip that cannot give a mouth refused in one line (exit 2) —
 * with the bundled sample only, so these run in a plain clone too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools } from '../../electron/engine/media/index.js';
import { runCli } from '../helpers/run-cli.js';
import { SAMPLE_FACE } from '../helpers/shared-media.js';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-mouth-from-'));
  const { ffmpegPath } = await resolveFfmpegTools();
  execFileSync(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=gray:s=320x240:d=2:r=25', '-pix_fmt', 'yuv420p', join(dir, 'no-face.mp4')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const render = (mouthFrom: string) =>
  runCli(['render', '--face', SAMPLE_FACE, '--audio', 'sample', '--consent', 'Test fixture.', '-o', join(dir, 'out.mp4'), '--overwrite', '--mouth-from', mouthFrom], { timeoutMs: 300_000 });

/** The stderr lines that are not notes. */
const errorLines = (stderr: string) => stderr.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('mouthpiece: note:'));

describe('render --mouth-from', () => {
  it('is in render --help', async () => {
    const result = await runCli(['render', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--mouth-from CLIP/);
  });

  it('refuses a clip with no face in one line, exit 2, and writes nothing', async () => {
    const result = await render(join(dir, 'no-face.mp4'));
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/--mouth-from .*no-face\.mp4: a face facing the camera is visible in only 0 frames/)]);
    expect(existsSync(join(dir, 'out.mp4'))).toBe(false);
  }, 300_000);

  it('refuses a missing clip in one line, exit 2', async () => {
    const result = await render(join(dir, 'missing.mp4'));
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/--mouth-from .*missing\.mp4: no such file/)]);
  });

  it('refuses a photo in one line, exit 2', async () => {
    const result = await render(SAMPLE_FACE);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toEqual([expect.stringMatching(/--mouth-from .*: not a video clip/)]);
  }, 300_000);
});
