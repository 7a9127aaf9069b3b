import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioBridge } from '../../electron/bridge/start-studio-bridge';
import type { RenderJobView } from '../../electron/contract/types';
import { runFfmpeg } from '../../electron/engine/media/ffmpeg-adapter';
import { probeMedia, type FfmpegTools } from '../../electron/engine/media/index';
import { hasChromium } from './support/chromium';
import { openStudioSession, type StudioSession } from './support/studio-session';

/*
 * A first session with nothing of one's own, in a real Chromium against the real engine: the empty studio offers the
 * bundled public-domain sample face, a typed line makes it speak, and the export is a playable MP4. Needs only the
 * repository (no ../shared media).
 */

const LINE = 'Hello! I never recorded this.';

let session: StudioSession;
let bridge: StudioBridge;
let page: Page;
let tools: FfmpegTools;
const api = <T>(method: string, payload?: unknown) => session.api<T>(method, payload);

describe.skipIf(!hasChromium)('the sample face in Chromium over the bridge', () => {
  beforeAll(async () => {
    session = await openStudioSession('mouthpiece-e2e-sample-');
    ({ bridge, page, tools } = session);
    await page.goto(bridge.url);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('the empty stage offers the sample face; it lands on the stage, marked public domain, with no consent to tick', async () => {
    await expect.poll(() => page.getByTestId('empty-state').isVisible(), { timeout: 30_000 }).toBe(true);
    await session.shot('sample-empty-stage');
    await page.getByTestId('try-sample-face').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 60_000 }).toBe(1);
    const face = page.locator('[data-testid="library-item"][data-kind="face"]');
    await expect.poll(() => face.getByTestId('public-domain').isVisible()).toBe(true);
    expect(await face.getByTestId('consent-checkbox').count()).toBe(0);
    expect(await face.textContent()).toContain('Sample face');
  }, 90_000);

  it('the library offers the sample voice, once', async () => {
    await page.getByTestId('add-sample-voice').click();
    const voice = page.locator('[data-testid="library-item"][data-kind="voice"]');
    await expect.poll(() => voice.count(), { timeout: 30_000 }).toBe(1);
    expect(await voice.textContent()).toContain('Public domain sample');
    await expect.poll(() => page.getByTestId('add-sample-voice').count()).toBe(0);
  }, 60_000);

  it('a typed line on the sample face exports to an MP4 that plays', async () => {
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByPlaceholder('Type what the person should say…').fill(LINE);
    await page.getByRole('button', { name: 'Add script' }).click();
    const script = page.locator('[data-testid="library-item"][data-kind="script"]');
    await expect.poll(() => script.count(), { timeout: 20_000 }).toBe(1);
    await script.locator('.entry-name').click();
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count(), { timeout: 20_000 }).toBe(1);
    // An English line gets the English voice, not the first in the list.
    expect(await page.getByTestId('track-0').getByTestId('clip').textContent()).toContain('en-us');
    await session.shot('sample-typed-line');

    const renderButton = page.getByTestId('render-button');
    await expect.poll(() => renderButton.isDisabled(), { timeout: 20_000 }).toBe(false);
    await renderButton.click();
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 600_000, interval: 500 }).toBe('done');
    await session.shot('sample-exported');

    const [job] = await api<RenderJobView[]>('render.list');
    const info = await probeMedia(tools, job.outputPath);
    expect(info).toMatchObject({ kind: 'video', hasAudio: true });
    expect(info.video?.codec).toBe('h264');
    expect(info.durationSec).toBeGreaterThan(1);
    // Plays: every frame and the sound decode without an error, and Chromium loads it into a <video>.
    await runFfmpeg({ tools, args: ['-v', 'error', '-xerror', '-i', job.outputPath, '-f', 'null', '-'] });
    const playable = await page.evaluate(async (url) => {
      const video = document.createElement('video');
      video.muted = true;
      video.src = url;
      await new Promise((resolve, reject) => ((video.onloadedmetadata = resolve), (video.onerror = () => reject(new Error(`video error ${video.error?.code}`)))));
      return { width: video.videoWidth, height: video.videoHeight, duration: video.duration };
    }, job.outputUrl!);
    expect(playable).toMatchObject({ width: info.width, height: info.height });
    expect(Math.abs(playable.duration - info.durationSec!)).toBeLessThan(0.2);
  }, 720_000);
});
