import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioSession, type StudioSession } from './support/studio-session';

/*
 * A new user's first minutes, in a real Chromium whose system language is German, against the real engine: the voice
 * a new line gets, consent asked on the stage when the preview needs it, a typed line heard in preview, and typing
 * that undoes in one step.
 */

const PORTRAIT = media('images/portrait_eileen_collins_nasa.png');
const LINE = 'Guten Morgen, heute zeige ich euch etwas Neues.';

let session: StudioSession;
let page: Page;
const shot = (name: string) => session.shot(name);

/** Every sound the page starts through Web Audio: its length and loudest sample (recorded by wrapping `start`). */
interface StartedSound {
  durationSec: number;
  peak: number;
}
const startedSounds = () => page.evaluate(() => (window as unknown as { startedSounds: StartedSound[] }).startedSounds);

describe.skipIf(!hasChromium || !hasMedia)('a first session in Chromium (system language German)', () => {
  beforeAll(async () => {
    session = await openStudioSession('mouthpiece-first-use-e2e-', { locale: 'de-DE' });
    page = session.page;
    await page.addInitScript(() => {
      const sounds: { durationSec: number; peak: number }[] = [];
      (window as unknown as { startedSounds: typeof sounds }).startedSounds = sounds;
      const start = AudioBufferSourceNode.prototype.start;
      AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, ...args: Parameters<AudioBufferSourceNode['start']>) {
        const samples = this.buffer?.getChannelData(0) ?? new Float32Array();
        let peak = 0;
        for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
        sounds.push({ durationSec: this.buffer?.duration ?? 0, peak });
        return start.apply(this, args);
      };
    });
    await page.goto(session.bridge.url);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('gives a new line the system language’s voice and offers no test or constructed voices', async () => {
    await expect.poll(() => page.getByTestId('empty-state').isVisible(), { timeout: 20_000 }).toBe(true);
    await dropFiles(page.getByTestId('empty-state'), [PORTRAIT]);
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(1);
    await page.getByRole('button', { name: '+ Line' }).click();
    const voice = page.locator('#clip-voice');
    await expect.poll(() => voice.inputValue(), { timeout: 10_000 }).toBe('de');
    const labels = await voice.locator('option').allTextContents();
    expect(labels.length).toBeGreaterThan(50);
    for (const hidden of ['xextan-test', 'Klingon', 'Quenya', 'Sindarin', 'Lojban']) expect(labels).not.toContain(hidden);
    expect(labels).toContain('German');
    // The choice is remembered for the next line.
    await voice.selectOption('fr-fr');
    await page.getByRole('button', { name: '+ Line' }).click();
    await expect.poll(() => page.locator('#clip-voice').inputValue()).toBe('fr-fr');
    await page.getByRole('toolbar', { name: 'Timeline' }).getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count()).toBe(1);
    await page.getByTestId('track-0').getByTestId('clip').click();
    await voice.selectOption('de');
  });

  it('asks for consent on the stage itself, and one click there brings the face to life', async () => {
    const prompt = page.getByTestId('consent-prompt');
    await expect.poll(() => prompt.isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('play').click();
    await expect.poll(() => prompt.getAttribute('class')).toContain('urgent');
    await shot('consent-on-stage');
    await page.getByTestId('play').click();
    const canvas = page.getByTestId('preview-canvas');
    const before = await canvas.evaluate((element: HTMLCanvasElement) => element.toDataURL());
    await page.getByTestId('consent-prompt-confirm').click();
    await expect.poll(() => prompt.count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByTestId('consent-checkbox').isChecked()).toBe(true);
    // The engine's frame replaces the still photo.
    await expect.poll(() => canvas.evaluate((element: HTMLCanvasElement) => element.toDataURL()), { timeout: 20_000 }).not.toBe(before);
  });

  it('merges typing into one undo step', async () => {
    const text = page.getByTestId('clip-text');
    const original = await text.inputValue();
    await text.click();
    await text.press('ControlOrMeta+a');
    await text.pressSequentially(LINE, { delay: 15 });
    await page.getByTestId('play').focus();
    await expect.poll(() => page.getByTestId('undo').isEnabled()).toBe(true);
    await page.getByTestId('undo').click();
    await expect.poll(() => text.inputValue()).toBe(original);
    await page.getByTestId('redo').click();
    await expect.poll(() => text.inputValue()).toBe(LINE);
    // One more undo step back is the voice chosen before, not the sentence's second-to-last letter.
    await page.getByTestId('undo').click();
    await page.getByTestId('undo').click();
    await expect.poll(() => page.locator('#clip-voice').inputValue()).toBe('fr-fr');
    expect(await text.inputValue()).toBe(original);
    await page.getByTestId('redo').click();
    await page.getByTestId('redo').click();
    await expect.poll(() => page.getByTestId('clip-text').inputValue()).toBe(LINE);
    await shot('typed-line-one-undo-step');
  });

  it('voices the typed line in preview with the built-in voice', async () => {
    const soundsBefore = (await startedSounds()).length;
    await page.getByTestId('track-0').getByTestId('clip').click();
    await page.keyboard.press('Home');
    await page.getByTestId('play').click();
    await expect
      .poll(async () => ((await startedSounds()).length > soundsBefore ? 'started' : await page.locator('.workspace-problem').textContent().catch(() => 'waiting')), { timeout: 30_000 })
      .toBe('started');
    const [sound] = (await startedSounds()).slice(soundsBefore);
    // A sentence of speech, not silence: about 3 s long, with real amplitude.
    expect(sound.durationSec).toBeGreaterThan(1.5);
    expect(sound.durationSec).toBeLessThan(10);
    expect(sound.peak).toBeGreaterThan(0.1);
    await expect.poll(() => page.getByTestId('play').getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('false');
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  });
});
