import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LibraryListing, RenderJobView } from '../../electron/contract/types';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * Transcripts for recordings, in a real Chromium against the real engine: a .txt dropped beside its recording becomes
 * its transcript, a recording without one says its captions are off until one is typed, and the export's captions
 * are the transcript's words.
 */

const PORTRAIT = media('images/portrait_eileen_collins_nasa.png');
const VOICE = media('audio/en_ljspeech_LJ001-0001.wav');
const VOICE_TEXT = media('audio/en_ljspeech_LJ001-0001.txt');

let session: StudioSession;
let page: Page;
const voices = async () => (await session.api<LibraryListing>('library.list')).voices;

describe.skipIf(!hasChromium || !hasMedia)('transcripts for recordings in Chromium over the bridge', () => {
  beforeAll(async () => {
    ({ session } = await openStudioWithFace('mouthpiece-transcripts-e2e-', PORTRAIT, { consent: true }));
    page = session.page;
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('takes a .txt dropped beside its recording as the transcript, not as a script', async () => {
    await expect.poll(() => page.locator('[data-testid="library-item"][data-kind="face"]').count(), { timeout: 20_000 }).toBe(1);
    await dropFiles(page.getByTestId('drop-zone'), [VOICE, VOICE_TEXT]);
    await expect.poll(async () => (await voices())[0]?.transcript ?? null, { timeout: 30_000 }).toBe((await readFile(VOICE_TEXT, 'utf8')).trim());
    expect((await session.api<LibraryListing>('library.list')).scripts).toEqual([]);
  });

  it('says a recording without a transcript has no captions, until one is typed', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(1);
    const untold = path.join(session.dir, 'interview.wav');
    await copyFile(VOICE, untold);
    // The copy is the same recording (the library keeps one entry per content): clear its transcript to start without one.
    await session.api('voices.setTranscript', { voiceId: (await voices())[0].id, transcript: '' });
    await dropFiles(page.getByTestId('track-0').locator('.track-lane'), [untold]);
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('track-0').getByTestId('clip').click();
    await expect.poll(() => page.getByTestId('captions-off').textContent(), { timeout: 10_000 }).toContain('Captions are off');
    await session.shot('recording-captions-off');
    await page.getByTestId('clip-transcript').fill(await readFile(VOICE_TEXT, 'utf8'));
    await page.getByTestId('play').focus();
    await expect.poll(() => page.getByTestId('captions-off').count(), { timeout: 10_000 }).toBe(0);
    expect((await voices())[0].transcript).toMatch(/^Printing, in the only sense/);
  });

  it('captions the export with the transcript’s words', async () => {
    await page.getByLabel('Burn in captions').check();
    await page.getByTestId('preset-select').selectOption('square');
    await expect.poll(async () => (await session.api<{ document: { export: { preset: string; captions: { enabled: boolean } } } } | null>('app.getLastProject'))?.document.export, { timeout: 10_000 }).toMatchObject({ preset: 'square', captions: { enabled: true } });
    await page.getByTestId('render-button').click();
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 170_000, interval: 500 }).toBe('done');
    const [job] = await session.api<RenderJobView[]>('render.list');
    const srt = await readFile(job.outputPath.replace(/\.mp4$/, '.srt'), 'utf8');
    for (const word of ['Printing', 'sense', 'Exhibition']) expect(srt).toContain(word);
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  }, 200_000);
});
