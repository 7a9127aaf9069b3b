import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasSharedMedia, sharedMedia } from '../helpers/shared-media';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import type { StudioSession } from './support/studio-session';
import { useVerifySession } from './support/verify-session';

/*
 * Every video that enters the studio is checked beside its import: a Mouthpiece render dropped on the library is
 * imported and the verdict panel tells the creator it is AI-generated; a re-encoded copy dropped on the stage says the
 * same from the watermark alone, and so does a video picked with the import dialog; a real camera clip is imported with
 * no panel at all.
 */

let session: StudioSession;
let page: Page;
let rendered: string;
let reencoded: string;
const panel = () => page.getByTestId('verdict-panel');
const faces = () => page.locator('[data-testid="library-item"][data-kind="face"]');

/** Resolves once the background check of `name` has answered and the page has drawn what it does with the answer. */
async function checkAnswered(name: string): Promise<void> {
  const response = await page.waitForResponse((r) => r.url().includes('purpose=verify') && r.url().includes(encodeURIComponent(name)), { timeout: 120_000 });
  expect(response.status()).toBe(200);
  await response.finished();
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

describe.skipIf(!hasChromium)('videos checked as they are imported, in Chromium over the bridge', () => {
  const verify = useVerifySession('mouthpiece-import-verify-e2e-');
  beforeAll(() => void ({ session, page, rendered, reencoded } = verify()));

  it('imports a Mouthpiece render dropped on the library and says it is AI-generated', async () => {
    await expect.poll(() => page.getByTestId('drop-zone').isVisible(), { timeout: 20_000 }).toBe(true);
    await dropFiles(page.getByTestId('drop-zone'), [rendered]);
    await expect.poll(() => panel().getAttribute('data-summary'), { timeout: 120_000 }).toBe('signed');
    expect(await panel().getAttribute('data-imported')).toBe('true');
    expect(await page.getByTestId('verdict-import').textContent()).toBe('This video was made with Mouthpiece (AI-generated), not filmed: whatever you make from sample-render.mp4 is AI-generated too.');
    expect(await page.getByTestId('verdict-line').textContent()).toMatch(/^sample-render\.mp4: credentials valid \(AI-generated, signed by this installation, self-signed\); watermark found/);
    // The check did not replace the import: the render is in the library as footage for a face.
    await expect.poll(() => faces().count(), { timeout: 120_000 }).toBe(1);
    await session.shot('import-verify-signed');
    await panel().getByRole('button', { name: 'Close' }).click();
    expect(await panel().count()).toBe(0);
  });

  it('says the same for a re-encoded copy dropped on the stage, from the watermark alone', async () => {
    await dropFiles(page.getByTestId('stage'), [reencoded]);
    await expect.poll(() => panel().getAttribute('data-summary'), { timeout: 120_000 }).toBe('marked');
    expect(await page.getByTestId('verdict-import').textContent()).toContain('This video was made with Mouthpiece (AI-generated)');
    await expect.poll(() => faces().count(), { timeout: 120_000 }).toBe(2);
    await panel().getByRole('button', { name: 'Close' }).click();
  });

  it('checks a video picked with the import dialog too', async () => {
    await page.getByTestId('import-input').setInputFiles(rendered);
    await expect.poll(() => panel().getAttribute('data-summary'), { timeout: 120_000 }).toBe('signed');
    expect(await panel().getAttribute('data-imported')).toBe('true');
    await panel().getByRole('button', { name: 'Close' }).click();
    expect(await panel().count()).toBe(0);
  });

  it.skipIf(!hasSharedMedia)('imports a real camera clip with no verdict panel', async () => {
    const clip = sharedMedia('video/obama_weekly_address_dramatically_worse.mp4');
    const before = await faces().count();
    const answered = checkAnswered(path.basename(clip));
    await dropFiles(page.getByTestId('drop-zone'), [clip]);
    await answered;
    await expect.poll(() => faces().count(), { timeout: 120_000 }).toBe(before + 1);
    expect(await panel().count()).toBe(0);
  });

  it('logged no errors', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
