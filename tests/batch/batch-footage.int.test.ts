import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegTools, type FfmpegTools } from '../../electron/engine/media/index.js';
import { runFfprobe } from '../../electron/engine/media/ffmpeg-adapter.js';
import { probeMedia } from '../../electron/engine/media/probe-media.js';
import { synthesizeSpeech } from '../../electron/engine/speech/index.js';
import { hasSharedMedia, sharedMedia } from '../helpers/shared-media.js';
import { runCli } from '../helpers/run-cli.js';

/*
 * A manifest row whose face is a video: `mouthpiece batch` dubs the clip (the GRID speaker says a typed line) instead
 * of animating one frame as a still. Checked on the MP4: the clip's shape and frame rate at `source`, as long as
 * the new voice, and the disclosure of re-voiced footage.
 */
const CLIP = sharedMedia('video/grid_brbk7n.mpg');
const SCRIPT = 'Set white with you now.';

let dir: string;
let tools: FfmpegTools;
let batch: { code: number | null; stdout: string; stderr: string };

describe.skipIf(!hasSharedMedia)('mouthpiece batch: a row whose face is a video', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mouthpiece-batch-footage-'));
    tools = await resolveFfmpegTools();
    const manifest = join(dir, 'dub.json');
    writeFileSync(manifest, JSON.stringify([{ face: CLIP, script: SCRIPT, voice: 'en-us', preset: 'source', name: 'grid-dub', consent: 'The person shown agreed (test fixture).' }]));
    batch = await runCli(['batch', manifest, '-o', join(dir, 'out'), '--json'], { env: { MOUTHPIECE_LIBRARY: join(dir, 'library') }, timeoutMs: 400_000 });
  }, 420_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('dubs the clip in its own shape and frame rate, as long as the new voice, tagged as re-voiced footage', async () => {
    expect(batch.code, batch.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out'))).toEqual(['grid-dub.mp4']);
    const out = join(dir, 'out', 'grid-dub.mp4');
    const [clip, info, speech] = await Promise.all([probeMedia(tools, CLIP), probeMedia(tools, out), synthesizeSpeech(SCRIPT, { voice: 'en-us' })]);
    // `source` keeps a clip's own size, small as GRID's 360×288 is (a photo that small would be brought up to 360 px a side)
    expect(info).toMatchObject({ kind: 'video', width: clip.width, height: clip.height, hasAudio: true });
    expect(info.video?.fps).toBe(clip.video?.fps);
    expect(speech.audio.durationSec).toBeLessThan(clip.durationSec! - 0.3);
    expect(Math.abs(info.durationSec! - speech.audio.durationSec)).toBeLessThan(0.15);
    const probe = (await runFfprobe({ tools, inputPath: out })) as { format: { tags?: Record<string, string> } };
    expect(JSON.stringify(probe.format.tags)).toMatch(/re-voiced footage/);
  });
});
