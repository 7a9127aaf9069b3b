import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * The batch dialog as a creator meets it in the browser build, against the real engine: the timeline's typed line used
 * as a script, consent ticked without leaving the dialog, subjects named as on the stage, picks kept across closing,
 * and the output folder explained (a page has no folder picker).
 */

const GROUP = media('images/group3_apollo11_crew_nasa.png');
const LINE = 'Hello from the timeline.';

let session: StudioSession;
let page: Page;

describe.skipIf(!hasChromium || !hasMedia)('the batch dialog in Chromium over the bridge', () => {
  beforeAll(async () => {
    ({ session } = await openStudioWithFace('mouthpiece-batch-dialog-e2e-', GROUP));
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('uses a line typed on the timeline, and takes consent inside the dialog', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(3);
    await page.getByRole('button', { name: '+ Line' }).click();
    await page.getByTestId('clip-text').fill(LINE);
    await page.getByTestId('play').focus();

    await page.getByTestId('batch-button').click();
    const builder = page.getByTestId('batch-builder');
    await builder.getByTestId('batch-faces').getByText('group3_apollo11_crew_nasa').click();
    // Subjects are named as on the stage and the timeline.
    expect(await builder.locator('#batch-subject option').allTextContents()).toEqual(['Subject 0 · largest face', 'Subject 1 · 2nd largest', 'Subject 2 · 3rd largest']);
    await builder.locator('#batch-subject').selectOption('1');

    await builder.getByTestId('batch-use-timeline').click();
    await expect.poll(() => builder.getByTestId('batch-scripts').locator('input:checked').count(), { timeout: 10_000 }).toBe(1);
    expect(await builder.getByTestId('batch-scripts').textContent()).toContain('Hello from the timeline');
    await expect.poll(() => builder.getByTestId('batch-problems').textContent(), { timeout: 10_000 }).toMatch(/agreed to be animated/);
    expect(await builder.getByTestId('batch-queue').isDisabled()).toBe(true);

    // Ticking it records consent, and the face's consent row leaves the dialog at once (check() would wait for a
    // checked box that is no longer there).
    await builder.getByTestId('batch-consent-checkbox').click();
    await expect.poll(() => builder.getByTestId('batch-consent').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => builder.getByTestId('batch-problems').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => builder.getByTestId('batch-queue').isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await builder.getByTestId('batch-queue').textContent()).toBe('Queue 1 video');

    // The browser build has no folder picker, and says so where the folder is typed.
    expect(await builder.getByTestId('batch-choose-folder').count()).toBe(0);
    expect(await builder.getByTestId('batch-folder-hint').textContent()).toContain('type the folder’s full path');
    await session.shot('batch-dialog-timeline-line');
  });

  it('keeps the picks when the dialog is closed and opened again', async () => {
    const builder = page.getByTestId('batch-builder');
    await builder.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => builder.isVisible()).toBe(false);
    await page.getByTestId('batch-button').click();
    await expect.poll(() => builder.isVisible()).toBe(true);
    expect(await builder.getByTestId('batch-scripts').locator('input:checked').count()).toBe(1);
    expect(await builder.getByTestId('batch-faces').locator('input:checked').count()).toBe(1);
    expect(await builder.locator('#batch-subject').inputValue()).toBe('1');
    expect(await builder.getByTestId('batch-queue').isEnabled()).toBe(true);
    // The library shows the consent given in the dialog.
    await builder.getByRole('button', { name: 'Close' }).click();
    expect(await page.getByTestId('consent-checkbox').isChecked()).toBe(true);
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
