import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBridge, type TestBridge } from './bridge-support';
import { formatLoadFigures, runBridgeLoad } from './bridge-load';

/* A small version of the bridge load run (`npm run soak` runs 10,000 calls and 60 s of preview and prints figures). */

let t: TestBridge;
beforeAll(async () => {
  t = await startTestBridge();
}, 60_000);
afterAll(async () => t?.close());

describe('bridge under a bounded load', () => {
  it('500 API calls and 3 s of preview frames: no error, and the server still answers', async () => {
    const figures = await runBridgeLoad(t, { calls: 500, previewSec: 3 });
    console.log(formatLoadFigures(figures));
    expect(figures.calls).toBe(500);
    expect(figures.errors).toBe(0);
    expect(figures.previewFrames).toBeGreaterThan(0);
    expect(figures.previewErrors).toBe(0);
    expect((await t.api('library.list')).result).toMatchObject({ ok: true });
  }, 120_000);
});
