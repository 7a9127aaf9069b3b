import { hasSharedMedia } from '../../../tests/helpers/shared-media.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../install-layout.js';
import { createEngineContext, type EngineContext } from '../engine-context.js';
import { media } from '../media/test-support/media-fixtures.js';
import { createPreviewRenderer, type PreviewRenderer } from './preview-renderer.js';

const GRID = media('video/grid_brbk7n.mpg');

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

describe.skipIf(!hasSharedMedia)('previewing a dubbed clip', () => {
  it('draws the dubbed frame at the playhead at the preview size, the same picture each time it is asked for', async () => {
    const scene = { facePath: GRID, fps: 25, seed: 1, tracks: [{ subject: 0, clips: [{ startSec: 0, source: { kind: 'say' as const, text: 'Bin blue at A one.' } }] }] };
    const first = await preview.frame(scene, { timeSec: 0.6, maxSide: 240 });
    expect(first.width).toBe(240);
    expect(first.height).toBe(192);
    expect(first.timeSec).toBeCloseTo(0.6);
    const again = await preview.frame(scene, { timeSec: 0.6, maxSide: 240 });
    expect(Buffer.compare(first.image.data, again.image.data)).toBe(0);
    const other = await preview.frame(scene, { timeSec: 1.2, maxSide: 240 });
    expect(Buffer.compare(first.image.data, other.image.data)).not.toBe(0);
  }, 300_000);
});
