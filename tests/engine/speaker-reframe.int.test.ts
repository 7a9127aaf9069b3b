import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { createEngineContext, type EngineContext } from '../../electron/engine/engine-context.js';
import { analyzeImage } from '../../electron/engine/face/analyze-image.js';
import { decodeImage, decodeVideoFrame, type RgbaImage } from '../../electron/engine/media/index.js';
import type { Rect } from '../../electron/engine/render/framing.js';
import { renderTalkingVideo, type TalkingVideoResult } from '../../electron/engine/render/render-talking-video.js';
import { hasSharedMedia, SAMPLE_VOICE, sharedMedia } from '../helpers/shared-media.js';

/*
 * A reel of the Apollo 11 crew photo with the astronauts at both sides speaking in turn: the framing follows whoever
 * speaks. Checked on frames of the real export: the face detector finds the speaker's face where the shot puts it, and
 * the picture has detail from top to bottom (no blurred band, which the one crop keeping both speakers needed).
 */

const APOLLO = sharedMedia('images/group3_apollo11_crew_nasa.png');
/** Landmark boxes of subjects 0 (left) and 1 (right), as `mouthpiece analyze` measures them. */
const FACES: Record<number, Rect> = { 0: { x: 126, y: 171, width: 48, height: 57 }, 1: { x: 412, y: 180, width: 47, height: 53 } };
const voice = (startSec: number) => ({ startSec, source: { kind: 'audio' as const, path: SAMPLE_VOICE, trimStartSec: 0, trimEndSec: 2.5 } });

let engine: EngineContext;
let dir: string;
let result: TalkingVideoResult;

const lumaAt = (image: RgbaImage, x: number, y: number) => {
  const i = (y * image.width + x) * 4;
  return 0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2];
};
/**
 * Mean luma difference over a band of output rows between the frame and the photo seen through `crop` (nearest photo
 * pixel): small where the frame shows the photo, large over a blurred, dimmed band.
 */
function differenceFromPhoto(frame: RgbaImage, photo: RgbaImage, crop: Rect, rows: [number, number]): number {
  const scale = frame.height / crop.height;
  let sum = 0;
  let count = 0;
  for (let y = rows[0]; y < rows[1]; y += 4) {
    const sy = Math.min(photo.height - 1, Math.max(0, Math.floor(crop.y + (y + 0.5) / scale)));
    for (let x = 0; x < frame.width; x += 4) {
      const sx = Math.min(photo.width - 1, Math.max(0, Math.floor(crop.x + (x + 0.5) / scale)));
      sum += Math.abs(lumaAt(frame, x, y) - lumaAt(photo, sx, sy));
      count += 1;
    }
  }
  return sum / count;
}

describe.skipIf(!hasSharedMedia)('a reel of a wide group photo follows the speaker', () => {
  beforeAll(async () => {
    engine = await createEngineContext(defaultModelPaths());
    dir = mkdtempSync(join(tmpdir(), 'mouthpiece-reframe-'));
    result = await renderTalkingVideo(
      { tools: engine.tools, pool: engine.pool, libraryDir: join(dir, 'library') },
      {
        facePath: APOLLO,
        tracks: [
          { subject: 0, clips: [voice(0)] },
          { subject: 1, clips: [voice(3.4)] },
        ],
        preset: 'reel',
        fps: 12,
        seed: 1,
        outPath: join(dir, 'reel.mp4'),
        consent: { statement: 'Public-domain NASA photo.', source: 'sample' },
        export: { loudnessLufs: null },
      },
    );
  }, 240_000);

  afterAll(async () => {
    await engine?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plans a shot per speaker, switching in the pause between their lines', () => {
    expect(result.width).toBe(1080);
    expect(result.height).toBe(1920);
    expect(result.shots?.map((shot) => shot.subject)).toEqual([0, 1]);
    const [a, b] = result.shots!;
    expect(a.endSec).toBeGreaterThan(2.5);
    expect(b.startSec).toBeLessThan(3.4);
    expect(b.endSec).toBeCloseTo(5.9, 1);
  });

  for (const [subject, atSec] of [
    [0, 1.2],
    [1, 4.6],
  ] as const) {
    it(`shows subject ${subject}'s face where its shot puts it while they speak (${atSec} s), and detail top to bottom`, async () => {
      const shot = result.shots!.find((s) => s.subject === subject)!;
      const { image } = await decodeVideoFrame(engine.tools, result.outPath, { timeSec: atSec });
      expect([image.width, image.height]).toEqual([1080, 1920]);
      const scale = 1920 / shot.crop.height;
      const face = FACES[subject];
      const expected = { x: (face.x + face.width / 2 - shot.crop.x) * scale, y: (face.y + face.height / 2 - shot.crop.y) * scale };
      // The whole face is inside the frame, with room beside it.
      expect(face.x - shot.crop.x).toBeGreaterThan(face.width * 0.1);
      expect(shot.crop.x + shot.crop.width - (face.x + face.width)).toBeGreaterThan(face.width * 0.1);
      const found = await analyzeImage(engine.pool, image);
      const centres = found.subjects.map((s) => ({ x: s.box[0] + s.box[2] / 2, y: s.box[1] + s.box[3] / 2, width: s.box[2] }));
      const nearest = centres.reduce((best, c) => (Math.hypot(c.x - expected.x, c.y - expected.y) < Math.hypot(best.x - expected.x, best.y - expected.y) ? c : best));
      expect(Math.hypot(nearest.x - expected.x, nearest.y - expected.y)).toBeLessThan(face.width * scale * 0.25);
      // No blurred band: top to bottom, the frame is the photo through the shot's crop.
      const { image: photo } = await decodeImage(engine.tools, APOLLO);
      for (const rows of [[0, 320], [800, 1120], [1600, 1920]] as [number, number][]) {
        expect(differenceFromPhoto(image, photo, shot.crop, rows), `rows ${rows.join('–')}`).toBeLessThan(8);
      }
    }, 60_000);
  }
});
