/**
 * The mark survives what an upload does (H.264 at CRF 28, a downscale to 720p, a 10 % crop, a trim to 3 s) for every
 * photo of the shared media, and is found in none of the real, unmarked clips. Each photo is encoded the way a render
 * encodes it (frames at half the output size, scaled up by ffmpeg, x264 veryfast CRF 20), square 1080, 3.5 s long.
 * Dubbed footage: two GRID clips joined (6 s, 360 × 288, a shot cut at 3 s) dubbed through the CLI with the two
 * sentences the other way round (preset source), marked with a fresh library's key, then the same attacks.
 */
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../../electron/engine/media/decode-image.js';
import { encodeVideo } from '../../electron/engine/media/encode-video.js';
import { resolveFfmpegTools, type FfmpegTools } from '../../electron/engine/media/ffmpeg-tools.js';
import { detectWatermark } from '../../electron/engine/provenance/detect-watermark.js';
import { MARK_FOUND_SCORE } from '../../electron/engine/provenance/search-watermark.js';
import { watermarkFrames } from '../../electron/engine/provenance/embed-watermark.js';
import { loadInstallationIdentity } from '../../electron/engine/provenance/installation-identity.js';
import { joinClips } from '../helpers/join-clips.js';
import { hasMedia, media, runCli } from '../helpers/run-cli.js';

const run = promisify(execFile);
const KEY = new Uint8Array(32).map((_, i) => (i * 37 + 11) & 255);
const OUTPUT = { width: 1080, height: 1080 };
const FPS = 30;
const VARIANTS: Record<string, string[]> = {
  'crf 28': [],
  '720p': ['-vf', 'scale=720:-2'],
  'crop 10 %': ['-vf', 'crop=iw*0.9:ih*0.9'],
  'trim 3 s': ['-ss', '0.4', '-t', '3'],
};

describe.skipIf(!hasMedia)('watermark robustness', () => {
  let tools: FfmpegTools;
  let dir: string;
  beforeAll(async () => {
    tools = await resolveFfmpegTools();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-mark-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const photos = hasMedia ? readdirSync(media('images')).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort() : [];
  it('has photos to test', () => expect(photos.length).toBeGreaterThan(0));

  it.each(photos)('is found after every attack in a render of %s', async (photo) => {
    const marked = path.join(dir, `${photo}.mp4`);
    await encodePhoto(tools, media(`images/${photo}`), marked);
    const scores = await scoresAfterAttacks({ marked, key: KEY, name: photo });
    await rm(marked);
    console.log(`watermark scores ${photo}: ${JSON.stringify(scores)}`);
    for (const [variant, score] of Object.entries(scores)) expect({ variant, found: score >= MARK_FOUND_SCORE }).toEqual({ variant, found: true });
  }, 600_000);

  it('is found after every attack in a CLI dub of joined GRID footage', async () => {
    const library = path.join(dir, 'dub-library');
    const face = await joinClips(tools, [media('video/grid_brbk7n.mpg'), media('video/grid_lbax4n.mpg')], path.join(dir, 'grid-ab.mp4'));
    const voice = await joinClips(tools, [media('video/grid_lbax4n.mpg'), media('video/grid_brbk7n.mpg')], path.join(dir, 'grid-ba.mp4'));
    const marked = path.join(dir, 'grid-dub.mp4');
    const dub = await runCli(['render', '--face', face, '--consent', 'The person shown agreed (test fixture).', '--audio', voice, '--preset', 'source', '--library', library, '-o', marked], { timeoutMs: 600_000 });
    expect(dub.code, dub.stderr).toBe(0);
    const key = (await loadInstallationIdentity(library)).watermarkKey;
    const scores = { 'as rendered': (await detectWatermark({ tools, videoPath: marked, key })).score, ...(await scoresAfterAttacks({ marked, key, name: 'grid-dub' })) };
    console.log(`watermark scores of the GRID dub: ${JSON.stringify(scores)}`);
    for (const [variant, score] of Object.entries(scores)) expect({ variant, found: score >= MARK_FOUND_SCORE }).toEqual({ variant, found: true });
    const unmarked = (await detectWatermark({ tools, videoPath: face, key })).score;
    console.log(`watermark score of the joined GRID source with the dub's key: ${unmarked}`);
    expect(unmarked).toBeLessThan(MARK_FOUND_SCORE);
  }, 900_000);

  /** Detection scores of `marked` after each attack (every one re-encoded with x264 CRF 28). */
  async function scoresAfterAttacks(input: { marked: string; key: Uint8Array; name: string }): Promise<Record<string, number>> {
    const scores: Record<string, number> = {};
    for (const [variant, filter] of Object.entries(VARIANTS)) {
      const attacked = path.join(dir, `${input.name}-${variant.replace(/\W+/g, '-')}.mp4`);
      await run(tools.ffmpegPath, ['-v', 'error', '-y', '-i', input.marked, ...filter, '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '28', '-pix_fmt', 'yuv420p', '-an', attacked]);
      scores[variant] = (await detectWatermark({ tools, videoPath: attacked, key: input.key })).score;
      await rm(attacked);
    }
    return scores;
  }

  it('is found in none of the real clips', async () => {
    const clips = (await readdir(media('video'))).filter((f) => /\.(mp4|mpg)$/i.test(f)).sort();
    expect(clips.length).toBeGreaterThan(0);
    const scores: Record<string, number> = {};
    for (const clip of clips) scores[clip] = (await detectWatermark({ tools, videoPath: media(`video/${clip}`), key: KEY })).score;
    console.log(`watermark scores of unmarked clips: ${JSON.stringify(scores)}`);
    for (const [clip, score] of Object.entries(scores)) expect({ clip, found: score >= MARK_FOUND_SCORE }).toEqual({ clip, found: false });
  }, 600_000);
});

/** The photo cover-cropped to half the output size, marked, and encoded as a render does (ffmpeg scales it up 2×). */
async function encodePhoto(tools: FfmpegTools, photoPath: string, outPath: string): Promise<void> {
  const frameSize = { width: OUTPUT.width / 2, height: OUTPUT.height / 2 };
  const { image } = await decodeImage(tools, photoPath);
  const frame = coverCrop(image, frameSize);
  const frames = function* () {
    for (let i = 0; i < 3.5 * FPS; i++) yield frame;
  };
  await encodeVideo({
    tools, outPath, ...OUTPUT, frameWidth: frameSize.width, frameHeight: frameSize.height, fps: FPS, preset: 'veryfast', crf: 20,
    frames: watermarkFrames(frames(), { key: KEY, output: OUTPUT, outputPxPerFramePx: 2 }),
  });
}

/** Nearest-neighbour cover crop (the test only needs a picture of the right size with the photo's texture). */
function coverCrop(image: { width: number; height: number; data: Uint8Array }, size: { width: number; height: number }) {
  const scale = Math.max(size.width / image.width, size.height / image.height);
  const offsetX = (image.width * scale - size.width) / 2;
  const offsetY = (image.height * scale - size.height) / 2;
  const data = new Uint8Array(size.width * size.height * 4);
  for (let y = 0; y < size.height; y++) {
    const sy = Math.min(image.height - 1, Math.floor((y + offsetY) / scale));
    for (let x = 0; x < size.width; x++) {
      const sx = Math.min(image.width - 1, Math.floor((x + offsetX) / scale));
      data.set(image.data.subarray((sy * image.width + sx) * 4, (sy * image.width + sx) * 4 + 4), (y * size.width + x) * 4);
    }
  }
  return { ...size, data };
}
