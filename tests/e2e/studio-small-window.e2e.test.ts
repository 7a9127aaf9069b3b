import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * The studio in a 1280×720 window, in a real Chromium against the real engine: bad files explained in a creator's
 * words, the export settings within reach, and a finished render watched at a usable size.
 */

const PORTRAIT = media('images/portrait_eileen_collins_nasa.png');

let session: StudioSession;
let page: Page;
const shot = (name: string) => session.shot(name);

describe.skipIf(!hasChromium || !hasMedia)('the studio at 1280×720', () => {
  beforeAll(async () => {
    ({ session } = await openStudioWithFace('mouthpiece-small-window-e2e-', PORTRAIT, { consent: true, viewport: { width: 1280, height: 720 } }));
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('explains a damaged photo and a damaged recording without temporary paths or ffmpeg’s words', async () => {
    const photo = path.join(session.dir, 'holiday.png');
    const recording = path.join(session.dir, 'interview.wav');
    await writeFile(photo, (await import('node:fs')).readFileSync(PORTRAIT).subarray(0, 3000));
    await writeFile(recording, 'this is not a recording');
    await dropFiles(page.getByTestId('drop-zone'), [photo, recording]);
    const report = page.locator('.import-report');
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain('interview.wav');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('holiday.png');
    expect(text).toMatch(/damaged/);
    expect(text).not.toContain('holiday.png: holiday.png');
    for (const leak of [session.dir, '/tmp', 'mouthpiece-bridge', 'upload-', 'png_pipe', 'image2', 'Invalid data', 'ffmpeg', 'ffprobe']) expect(text).not.toContain(leak);
    await shot('bad-files-explained');
    await report.getByRole('button', { name: /dismiss/i }).click();
  });

  it('keeps the export settings within reach while a line is being edited', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: '+ Line' }).click();
    await page.getByTestId('clip-text').fill('Hello.');
    const preset = page.getByTestId('preset-select');
    await preset.scrollIntoViewIfNeeded();
    const box = (await preset.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    // Nothing covers it: the element at its centre is the select itself.
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('data-testid'), { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toBe('preset-select');
    await preset.selectOption('square');
    await shot('export-settings-1280x720');
  });

  it('plays a finished render in a player of usable size', async () => {
    await expect.poll(() => page.getByTestId('render-button').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('render-button').click();
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 120_000, interval: 500 }).toBe('done');
    await page.getByTestId('watch').click();
    const video = page.getByTestId('video-player-video');
    await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const size = (await video.boundingBox())!;
    // A square export shown at least 480 px tall in a 720 px window (it was about 120 px wide in the inspector).
    expect(size.height).toBeGreaterThanOrEqual(480);
    expect(size.width).toBeGreaterThanOrEqual(480);
    await shot('watch-player');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('video-player').count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  }, 180_000);
});
