import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasSharedMedia } from '../../../tests/helpers/shared-media.js';
import { defaultModelPaths } from '../install-layout.js';
import { createEngineContext, type EngineContext } from '../engine-context.js';
import { runFfmpeg } from '../media/index.js';
import { media } from '../media/test-support/media-fixtures.js';
import { createPreviewRenderer, type PreviewRenderer } from './preview-renderer.js';

/* The studio's preview of a photo with a mouth clip draws that clip's mouth, as the export does. */

let engine: EngineContext;
let preview: PreviewRenderer;
let dir: string;

beforeAll(async () => {
  engine = await createEngineContext(defaultModelPaths());
  preview = createPreviewRenderer(engine);
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-preview-mouth-'));
});
afterAll(async () => {
  await preview?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasSharedMedia)('previewing a photo with a mouth clip', () => {
  it('draws the clip’s mouth where the mouth opens, the same picture each time it is asked for', async () => {
    const still = join(dir, 'obama.png');
    await runFfmpeg({ tools: engine.tools, args: ['-v', 'error', '-y', '-i', media('video/obama_weekly_address_challenges.mp4'), '-frames:v', '1', still] });
    const scene = { facePath: still, fps: 25, seed: 1, tracks: [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'say' as const, text: 'Say ah, and open wide.' } }] }] };
    const withClip = { ...scene, mouthFrom: media('video/obama_weekly_address_progress.mp4') };
    const times = [0.3, 0.5, 0.7, 0.9, 1.1];
    const differs: boolean[] = [];
    for (const timeSec of times) {
      const [drawn, personal] = [await preview.frame(scene, { timeSec, maxSide: 480 }), await preview.frame(withClip, { timeSec, maxSide: 480 })];
      expect(personal.width).toBe(drawn.width);
      differs.push(Buffer.compare(drawn.image.data, personal.image.data) !== 0);
    }
    // the mouth is open on some of these frames: there the clip's interior shows instead of the drawn one
    expect(differs.some(Boolean)).toBe(true);
    const at = { timeSec: times[differs.indexOf(true)], maxSide: 480 };
    expect(Buffer.compare((await preview.frame(withClip, at)).image.data, (await preview.frame(withClip, at)).image.data)).toBe(0);
  }, 300_000);
});
