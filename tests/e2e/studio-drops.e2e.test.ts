import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * Drops where a user would try them, in a real Chromium against the real engine: a library face dragged onto the
 * stage, a recording from the desktop onto a subject's track, a photo onto an occupied stage (which asks before
 * replacing), and every refused drop saying why.
 */

const PORTRAIT = media('images/portrait_eileen_collins_nasa.png');
const GROUP = media('images/group3_apollo11_crew_nasa.png');
const VOICE = media('audio/en_ljspeech_LJ001-0001.wav');

let session: StudioSession;
let page: Page;
const shot = (name: string) => session.shot(name);
const faceEntry = (name: string) => page.locator('[data-testid="library-item"][data-kind="face"]', { hasText: name });
const subjectCount = () => page.locator('[data-testid^="subject-outline-"]').count();
const timelineError = () => page.locator('.timeline-error').textContent();

describe.skipIf(!hasChromium || !hasMedia)('drops in Chromium over the bridge', () => {
  beforeAll(async () => {
    ({ session } = await openStudioWithFace('mouthpiece-drops-e2e-', PORTRAIT));
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('puts a library face on the stage when it is dragged there', async () => {
    await expect.poll(() => page.getByTestId('empty-state').isVisible(), { timeout: 20_000 }).toBe(true);
    await faceEntry('portrait_eileen').dragTo(page.getByTestId('stage'));
    await expect.poll(subjectCount, { timeout: 20_000 }).toBe(1);
    expect(await faceEntry('portrait_eileen').textContent()).toContain('On stage');
    // The drag moved the entry; it did not select the panel's text.
    expect(await page.evaluate(() => String(window.getSelection()))).toBe('');
  });

  it('imports a recording dropped from the desktop on a subject’s track and places it there', async () => {
    await dropFiles(page.getByTestId('track-0').locator('.track-lane'), [VOICE]);
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.locator('[data-testid="library-item"][data-kind="voice"]').count(), { timeout: 10_000 }).toBe(1);
  });

  it('refuses a photo or a face on a track, saying where it goes', async () => {
    await dropFiles(page.getByTestId('track-0').locator('.track-lane'), [GROUP]);
    await expect.poll(timelineError, { timeout: 10_000 }).toContain('is not a recording');
    expect(await timelineError()).toContain('Photos and videos go on the stage');
    await shot('drop-refused-on-track');
    await page.locator('.timeline-error').getByRole('button', { name: 'Dismiss' }).click();
    await faceEntry('portrait_eileen').dragTo(page.getByTestId('track-0').locator('.track-lane'));
    await expect.poll(timelineError, { timeout: 10_000 }).toContain('A face goes on the stage');
    await page.locator('.timeline-error').getByRole('button', { name: 'Dismiss' }).click();
    expect(await page.getByTestId('track-0').getByTestId('clip').count()).toBe(1);
  });

  it('asks before a photo dropped on an occupied stage replaces the picture', async () => {
    await dropFiles(page.getByTestId('stage'), [GROUP]);
    const prompt = page.getByTestId('replace-prompt');
    await expect.poll(() => prompt.isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await prompt.textContent()).toContain('group3_apollo11_crew_nasa');
    expect(await subjectCount()).toBe(1);
    await shot('drop-replace-prompt');
    await page.getByTestId('replace-confirm').click();
    await expect.poll(subjectCount, { timeout: 30_000 }).toBe(3);
    // Undo brings the old picture back.
    await page.getByTestId('undo').click();
    await expect.poll(subjectCount, { timeout: 20_000 }).toBe(1);
    await page.getByTestId('redo').click();
    await expect.poll(subjectCount, { timeout: 20_000 }).toBe(3);
  });

  it('refuses a recording on the stage, saying where it goes', async () => {
    await dropFiles(page.getByTestId('stage'), [VOICE]);
    const refusal = page.getByTestId('drop-refusal');
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('goes on a subject’s track');
    await refusal.getByRole('button', { name: 'OK' }).click();
    await page.locator('[data-testid="library-item"][data-kind="voice"]').dragTo(page.getByTestId('stage'));
    await expect.poll(() => refusal.textContent(), { timeout: 10_000 }).toContain('A recording cannot go on the stage');
    await shot('drop-refused-on-stage');
    await refusal.getByRole('button', { name: 'OK' }).click();
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
