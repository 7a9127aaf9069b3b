import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryListing } from '../../electron/contract/types';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * Subjects of a three-person photo, named by the user in real Chromium against the real engine: one name, given once
 * in the inspector, is said on the stage, the timeline, the inspector and the batch dialog, kept in the library across
 * a reload, and cleared back to "Subject N".
 */

const GROUP = media('images/group3_apollo11_crew_nasa.png');

let session: StudioSession;
let page: Page;

const badgeOf = (subject: number) => page.getByTestId(`subject-outline-${subject}`).locator('.subject-number');
const trackName = (subject: number) => page.getByTestId(`track-${subject}`).getByTestId('track-name');

async function openGroupPhoto(): Promise<void> {
  await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
  await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(3);
}

describe.skipIf(!hasChromium || !hasMedia)('naming the people in a picture, in Chromium', () => {
  beforeAll(async () => {
    ({ session } = await openStudioWithFace('mouthpiece-subject-names-e2e-', GROUP));
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('names a subject once and says the name on the stage, the timeline and the inspector', async () => {
    await openGroupPhoto();
    expect(await trackName(1).textContent()).toBe('Subject 1');
    await page.getByTestId('track-1').locator('.track-header').click();
    const name = page.getByTestId('subject-name');
    expect(await name.getAttribute('placeholder')).toBe('Subject 1');
    await name.fill('Buzz');
    await name.press('Enter');
    await expect.poll(() => badgeOf(1).textContent(), { timeout: 10_000 }).toBe('1 Buzz');
    await expect.poll(() => trackName(1).textContent()).toBe('Buzz');
    expect(await page.getByTestId('subject-title').textContent()).toBe('Buzz');
    expect(await page.getByTestId('subject-outline-1').getAttribute('aria-label')).toMatch(/^Buzz \(Subject 1\) · 2nd largest/);
    // The others keep their numbers.
    expect(await trackName(0).textContent()).toBe('Subject 0');
    expect(await badgeOf(2).textContent()).toBe('2');
    await session.shot('subject-named-on-stage-and-timeline');
    // Kept on the library face, not in the page.
    const listing = await session.api<LibraryListing>('library.list');
    expect(listing.faces[0].subjectNames).toEqual({ 1: 'Buzz' });
  });

  it('says the name in the batch dialog and keeps it across a reload', async () => {
    await page.reload();
    await openGroupPhoto();
    await expect.poll(() => trackName(1).textContent(), { timeout: 10_000 }).toBe('Buzz');
    await page.getByTestId('batch-button').click();
    const builder = page.getByTestId('batch-builder');
    await builder.getByTestId('batch-faces').getByText('group3_apollo11_crew_nasa').click();
    expect(await builder.locator('#batch-subject option').allTextContents()).toEqual(['Subject 0 · largest face', 'Buzz · 2nd largest', 'Subject 2 · 3rd largest']);
    await builder.getByRole('button', { name: 'Close' }).click();
  });

  it('goes back to "Subject N" when the name is cleared, and Escape drops an edit', async () => {
    await page.getByTestId('track-1').locator('.track-header').click();
    const name = page.getByTestId('subject-name');
    await name.fill('Mistake');
    await name.press('Escape');
    expect(await name.inputValue()).toBe('Buzz');
    await name.fill('');
    await name.press('Enter');
    await expect.poll(() => trackName(1).textContent(), { timeout: 10_000 }).toBe('Subject 1');
    expect(await badgeOf(1).textContent()).not.toContain('Buzz');
    expect((await session.api<LibraryListing>('library.list')).faces[0].subjectNames).toEqual({});
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
