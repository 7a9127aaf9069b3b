import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../install-layout.js';
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../animate/performance-types.js';
import { analyzeImage } from '../face/analyze-image.js';
import { decodeImage, resolveFfmpegTools } from '../media/index.js';
import { SessionPool } from '../models/session-pool.js';
import { createPhotoWarpSynthesiser } from '../synth/photo-warp/photo-warp-synthesiser.js';
import type { RedrawnFrame } from '../synth/frame-synthesiser.js';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media.js';
import { addMark, createMarkWords } from './add-mark.js';
import { createMarkDeltas, watermarkFrames } from './embed-watermark.js';

/*
 * The photo warp tells the watermark which parts of each frame it redrew, and only those are marked again. That is
 * only right if the warp really writes nothing elsewhere: every marked frame of a real animation of the bundled
 * sample must equal the whole frame marked from scratch.
 */

let pool: SessionPool;

describe('the watermark on a photo animation, marking only what the warp redrew', () => {
  beforeAll(() => {
    pool = new SessionPool(defaultModelPaths());
  });
  afterAll(async () => {
    await pool?.release();
  });

  it('gives every frame exactly as if all of it were marked', async () => {
    const { image } = await decodeImage(await resolveFfmpegTools(), SAMPLE_FACE);
    const analysis = await analyzeImage(pool, image);
    const moves: Partial<SubjectFrameParams>[] = [{}, { jawOpen: 1, teethShow: 1, blinkLeft: 1, gazeX: 0.2 }, { yaw: 0.2, roll: -0.1, lipRound: 1 }, { jawOpen: 0.4, browRaise: 1 }, {}];
    const frames = moves.map((move) => ({ ...NEUTRAL_FRAME, ...move }));
    const synthesiser = createPhotoWarpSynthesiser({
      source: { kind: 'still', image, subjects: analysis.subjects },
      performances: [{ subjectIndex: analysis.subjects[0].index, fps: 25, frames }],
      frameCount: frames.length,
      fps: 25,
    });
    const placement = { key: new Uint8Array(32).fill(5), output: { width: image.width * 2, height: image.height * 2 }, outputPxPerFramePx: 2 };
    const mark = createMarkWords(createMarkDeltas(placement, image));
    const expected: Uint8Array[] = [];
    let redrawnPixels = 0;
    async function* recorded(): AsyncGenerator<RedrawnFrame> {
      for await (const frame of synthesiser.frames()) {
        const whole = new Uint8Array(frame.data.length);
        addMark(frame.data, mark, whole);
        expected.push(whole);
        redrawnPixels = (frame.redrawn ?? []).reduce((sum, r) => sum + (r.x1 - r.x0) * (r.y1 - r.y0), 0);
        yield frame;
      }
    }
    let index = 0;
    let frameChanged = false;
    let previous: Uint8Array | undefined;
    for await (const marked of watermarkFrames(recorded(), placement)) {
      const differs = marked.data.findIndex((byte, i) => byte !== expected[index][i]);
      expect(differs, `frame ${index}, byte ${differs}`).toBe(-1);
      if (previous && previous.some((byte, i) => byte !== marked.data[i])) frameChanged = true;
      previous = Uint8Array.from(marked.data);
      index += 1;
    }
    expect(index).toBe(frames.length);
    // The animation moved, and the redraw is a part of the frame, not all of it.
    expect(frameChanged).toBe(true);
    expect(redrawnPixels).toBeGreaterThan(0);
    expect(redrawnPixels).toBeLessThan(image.width * image.height);
  }, 120_000);
});
