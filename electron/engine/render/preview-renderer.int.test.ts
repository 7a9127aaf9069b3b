import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../install-layout.js';
import { createEngineContext, type EngineContext } from '../engine-context.js';
import { LIPS_OUTER } from '../face/mesh-regions.js';
import { lumaAt } from '../media/rgba-image.js';
import { synthesizeSpeech } from '../speech/index.js';
import { createPreviewRenderer, type PreviewFrame, type PreviewRenderer, type PreviewScene } from './preview-renderer.js';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media.js';

const PHOTO = SAMPLE_FACE;
const TEXT = 'Mama, father.';
const START_SEC = 0.5;
const DARK_LUMA = 70;

let engine: EngineContext;
let preview: PreviewRenderer;

beforeAll(async () => {
  engine = await createEngineContext(defaultModelPaths());
  preview = createPreviewRenderer(engine);
});
afterAll(async () => {
  await preview?.close();
  await engine?.close();
});

/** Head, blinks and brows held still, so the mouth is all that moves between frames. */
const scene = (text = TEXT): PreviewScene => ({
  facePath: PHOTO,
  fps: 30,
  seed: 1,
  tracks: [{ subject: 0, clips: [{ startSec: START_SEC, source: { kind: 'say', text, voice: 'en-us' } }] }],
  styles: { 0: { headMotion: 0, expressiveness: 0, blinkRate: 0 } },
});

const pixels = (frame: PreviewFrame): Uint8Array => frame.image.data;

/** Pixels darker than the lips and skin around them: the open mouth's interior. */
function darkPixels(rgb: Uint8Array, width: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * width + x) * 4;
      if (lumaAt(rgb, i) < DARK_LUMA) count++;
    }
  }
  return count;
}

function meanDifference(a: Uint8Array, b: Uint8Array, width: number, box: { x0: number; y0: number; x1: number; y1: number }): number {
  let sum = 0;
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      for (let c = 0; c < 3; c++) sum += Math.abs(a[(y * width + x) * 4 + c] - b[(y * width + x) * 4 + c]);
      count += 3;
    }
  }
  return sum / count;
}

describe('preview frames from the export engine', () => {
  it('closes the lips on m and opens them on a vowel, at the reduced size, and caches the scene', async () => {
    const { timeline } = await synthesizeSpeech(TEXT, { voice: 'en-us' });
    const middle = (index: number) => START_SEC + (timeline.phonemes[index].start + timeline.phonemes[index].end) / 2;
    const closedAt = middle(timeline.phonemes.findIndex((p, i) => i > 0 && p.phoneme === 'm'));
    const vowels = timeline.phonemes.map((p, i) => ({ p, i })).filter(({ p }) => p.phoneme === 'ɑː');
    const openAt = middle(vowels.sort((a, b) => b.p.end - b.p.start - (a.p.end - a.p.start))[0].i);

    const t0 = performance.now();
    const neutral = await preview.frame(scene(), { timeSec: 0.1, maxSide: 360 });
    const firstMs = performance.now() - t0;
    const t1 = performance.now();
    const closed = await preview.frame(scene(), { timeSec: closedAt, maxSide: 360 });
    const open = await preview.frame(scene(), { timeSec: openAt, maxSide: 360 });
    const cachedMs = (performance.now() - t1) / 2;

    expect(Math.max(neutral.width, neutral.height)).toBe(360);
    expect([closed.width, open.height]).toEqual([neutral.width, neutral.height]);
    expect(neutral.durationSec).toBeGreaterThan(START_SEC + 0.8);

    const analysis = await engine.analyzeFile(PHOTO);
    const k = neutral.width / analysis.width;
    const lips = LIPS_OUTER.map((i) => analysis.subjects[0].landmarks[i]);
    const xs = lips.map((p) => p[0] * k);
    const ys = lips.map((p) => p[1] * k);
    const pad = (Math.max(...xs) - Math.min(...xs)) * 0.2;
    const box = { x0: Math.floor(Math.min(...xs) - pad), x1: Math.ceil(Math.max(...xs) + pad), y0: Math.floor(Math.min(...ys) - pad), y1: Math.ceil(Math.max(...ys) + pad) };
    const [still, shut, wide] = [neutral, closed, open].map(pixels);
    const [restDark, closedDark, openDark] = [still, shut, wide].map((rgb) => darkPixels(rgb, neutral.width, box));
    console.log(
      `preview 360 px: first frame ${firstMs.toFixed(0)} ms (analysis, TTS, rigs), then ${cachedMs.toFixed(1)} ms a frame; ` +
        `dark mouth pixels: photo ${restDark}, m ${closedDark}, ɑː ${openDark} (box ${box.x1 - box.x0}×${box.y1 - box.y0})`,
    );
    expect(openDark).toBeGreaterThan(12);
    expect(openDark).toBeGreaterThan(4 * Math.max(1, closedDark));
    expect(meanDifference(shut, wide, neutral.width, box)).toBeGreaterThan(4);
    // Outside the mouth the face is the photo's: the top rows are untouched by the mouth.
    expect(meanDifference(still, wide, neutral.width, { x0: 0, y0: 0, x1: neutral.width, y1: Math.max(1, box.y0 - 4 * pad) })).toBeLessThan(0.5);

    // The same time again is the same picture; a changed line is a new scene.
    expect((await preview.frame(scene(), { timeSec: openAt, maxSide: 360 })).image.data).toEqual(open.image.data);
    const changed = await preview.frame(scene('Hmm.'), { timeSec: openAt, maxSide: 360 });
    expect(meanDifference(pixels(changed), wide, neutral.width, box)).toBeGreaterThan(2);
  }, 30_000);

  it('sends only the changed rectangle to a caller holding a frame of the same photo, also across an edit', async () => {
    const whole = await preview.frame(scene(), { timeSec: 0.1, maxSide: 360 });
    expect(whole.base).toEqual(expect.any(String));
    expect(whole.patch).toBeUndefined();
    // a frame of another line over the same photo: the same base, so the caller's frame still fits under it
    const at = { timeSec: 0.9, maxSide: 360 };
    const [wholeLater, patch] = [await preview.frame(scene('Hmm, mama.'), at), await preview.frame(scene('Hmm, mama.'), { ...at, patchOf: whole.base! })];
    expect(patch.base).toBe(whole.base);
    const rect = patch.patch!;
    expect([patch.width, patch.height, patch.image.width, patch.image.height]).toEqual([whole.width, whole.height, rect.width, rect.height]);
    expect(rect.width * rect.height).toBeLessThan(0.6 * whole.width * whole.height);
    // the held frame with the patch drawn over it is the later frame, pixel for pixel
    const composed = Uint8Array.from(whole.image.data);
    for (let row = 0; row < rect.height; row++) composed.set(patch.image.data.subarray(row * rect.width * 4, (row + 1) * rect.width * 4), ((rect.y + row) * whole.width + rect.x) * 4);
    expect(Buffer.compare(composed, wholeLater.image.data)).toBe(0);
    expect(Buffer.compare(whole.image.data, wholeLater.image.data)).not.toBe(0);
    // a base the engine does not know gets the whole frame
    expect((await preview.frame(scene('Hmm, mama.'), { ...at, patchOf: 'another photo' })).patch).toBeUndefined();
  }, 30_000);

  it('names the picture and the subject it cannot find', async () => {
    const bad = { ...scene(), tracks: [{ ...scene().tracks[0], subject: 3 }] };
    await expect(preview.frame(bad, { timeSec: 0, maxSide: 360 })).rejects.toMatchObject({ code: 'NO_SUCH_SUBJECT', message: expect.stringContaining(path.basename(PHOTO)) });
  });
});
