import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import type { StudioSession } from './support/studio-session';
import { useVerifySession } from './support/verify-session';

/*
 * "Check a video…" in a real Chromium over the bridge: a render of this studio's library dropped on the button
 * uploads, is verified and shows green; a re-encoded copy picked with the file dialog shows the watermark alone.
 * Only the bundled sample is used, so this runs without the corpus.
 */

let session: StudioSession;
let page: Page;
let rendered: string;
let reencoded: string;
const panel = () => page.getByTestId('verdict-panel');

describe.skipIf(!hasChromium)('checking a video in Chromium over the bridge', () => {
  const verify = useVerifySession('mouthpiece-verify-e2e-');
  beforeAll(() => void ({ session, page, rendered, reencoded } = verify()));

  it('shows a render dropped on "Check a video…" as made here, credentials valid and watermark found', async () => {
    await expect.poll(() => page.getByTestId('verify-video').isVisible(), { timeout: 20_000 }).toBe(true);
    await dropFiles(page.getByTestId('verify-video'), [rendered]);
    await expect.poll(() => panel().getAttribute('data-summary'), { timeout: 60_000 }).toBe('signed');
    expect(await page.getByTestId('verdict-line').textContent()).toMatch(/^sample-render\.mp4: credentials valid \(AI-generated, signed by this installation, self-signed\); watermark found/);
    expect(await page.getByTestId('verdict-title').textContent()).toContain('Made with Mouthpiece here');
    // Nothing was imported: the check is not an import.
    expect(await page.locator('[data-testid="library-item"][data-kind="face"]').count()).toBe(0);
    await session.shot('verify-signed');
    await panel().getByRole('button', { name: 'Close' }).click();
    expect(await panel().count()).toBe(0);
  });

  it('shows a re-encoded copy picked in the dialog as watermarked, credentials stripped', async () => {
    await page.getByTestId('verify-input').setInputFiles(reencoded);
    await expect.poll(() => panel().getAttribute('data-summary'), { timeout: 60_000 }).toBe('marked');
    expect(await page.getByTestId('verdict-line').textContent()).toMatch(/^sample-reupload\.mp4: no credentials; watermark found/);
    await session.shot('verify-marked');
    expect(session.pageErrors).toEqual([]);
  });
});
