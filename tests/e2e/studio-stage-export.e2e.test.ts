import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceAnalysisView } from '../../electron/contract/types';
import { describeFace } from '../../electron/engine/render/render-source';
import { frameSubjects } from '../../electron/engine/render/framing';
import { OUTPUT_PRESETS } from '../../electron/engine/render/output-presets';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * The stage shows the export, in a real Chromium against the real engine: the chosen format's frame (the engine's own
 * framing around the speakers) drawn on the picture with the outside dimmed, and the captions in their style and place.
 */

const GROUP = media('images/group3_apollo11_crew_nasa.png');
const LINE = 'We came in peace for all mankind.';

let session: StudioSession;
let page: Page;
let faceId: number;
const rect = async () => {
  const element = page.getByTestId('export-frame-rect');
  const [x, y, width, height] = await Promise.all(['x', 'y', 'width', 'height'].map(async (name) => Number(await element.getAttribute(name))));
  return { x, y, width, height };
};

describe.skipIf(!hasChromium || !hasMedia)('the stage shows the export', () => {
  beforeAll(async () => {
    ({ session, faceId } = await openStudioWithFace('mouthpiece-stage-export-e2e-', GROUP, { consent: true }));
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('draws the Reel frame the export will use, dims the rest, and previews the reel captions in place', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(3);
    await page.getByTestId('subject-outline-1').click();
    await page.getByRole('button', { name: '+ Line' }).click();
    await page.getByTestId('clip-text').fill(LINE);
    await page.getByTestId('play').focus();
    await page.getByLabel('Burn in captions').check();
    await page.getByRole('radiogroup', { name: 'Caption style' }).getByRole('radio', { name: 'Reel' }).click();
    await page.keyboard.press('Home');

    await expect.poll(() => page.getByTestId('export-frame-rect').count(), { timeout: 10_000 }).toBe(1);
    const frame = await rect();
    expect(frame.width / frame.height).toBeCloseTo(1080 / 1920, 2);
    // The very crop the engine's render computes for this picture, preset and speaker.
    const analysis = await session.api<FaceAnalysisView>('face.getAnalysis', { faceId });
    const speaker = analysis.subjects.find((subject) => subject.index === 1)!;
    const engine = frameSubjects({ imageWidth: analysis.width!, imageHeight: analysis.height!, faces: [describeFace(speaker as never)], preset: OUTPUT_PRESETS.reel });
    expect(frame).toEqual(engine.crop);
    // The speaker's face is inside the frame.
    const [fx, fy, fw, fh] = speaker.box;
    expect(fx).toBeGreaterThanOrEqual(frame.x);
    expect(fx + fw).toBeLessThanOrEqual(frame.x + frame.width);
    expect(fy).toBeGreaterThanOrEqual(frame.y);
    expect(fy + fh).toBeLessThanOrEqual(frame.y + frame.height);
    // Outside is dimmed, and the caption reads the line's first words in the reel style, inside the frame.
    expect(await page.getByTestId('export-frame-dim').getAttribute('fill-rule')).toBe('evenodd');
    const caption = page.getByTestId('caption-preview');
    await expect.poll(() => caption.textContent(), { timeout: 10_000 }).toBe('We came in peace');
    expect(await caption.getAttribute('class')).toContain('caption-reel');
    const captionBox = (await caption.locator('span').boundingBox())!;
    const frameBox = (await page.getByTestId('export-frame-rect').boundingBox())!;
    expect(captionBox.y).toBeGreaterThan(frameBox.y + frameBox.height / 2);
    expect(captionBox.y + captionBox.height).toBeLessThan(frameBox.y + frameBox.height);
    await session.shot('stage-at-reel-with-captions');
  });

  it('follows the format: square and landscape frames, none for the source size', async () => {
    await page.getByTestId('preset-select').selectOption('square');
    await expect.poll(async () => { const r = await rect(); return Math.round((r.width / r.height) * 100) / 100; }).toBe(1);
    await page.getByTestId('preset-select').selectOption('source');
    await expect.poll(() => page.getByTestId('export-frame').count()).toBe(0);
    await page.getByTestId('preset-select').selectOption('reel');
    await expect.poll(() => page.getByTestId('export-frame').count()).toBe(1);
    // A photo has no clip to keep whole or sound to keep: the dub settings are for a video face only.
    expect(await page.getByTestId('footage-settings').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
