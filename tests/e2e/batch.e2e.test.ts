import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioBridge } from '../../electron/bridge/start-studio-bridge';
import type { BatchView, ImportResponse, RenderJobView } from '../../electron/contract/types';
import { probeMedia, runFfmpeg, type FfmpegTools } from '../../electron/engine/media/index';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { openStudioSession, SHOTS, type StudioSession } from './support/studio-session';

/*
 * Batch export in the real React studio, in a real Chromium, against the real engine over the bridge: build a batch of
 * two scripts said by one face, meet an existing file and keep both, watch the batch render, then cancel a second
 * batch with "Cancel all".
 */

const PORTRAIT = media('images/portrait_eileen_collins_nasa.png');

let session: StudioSession;
let dir: string;
let outDir: string;
let bridge: StudioBridge;
let page: Page;
let tools: FfmpegTools;
const api = <T>(method: string, payload?: unknown) => session.api<T>(method, payload);
const shot = (name: string) => session.shot(name);


describe.skipIf(!hasChromium || !hasMedia)('batch export in Chromium over the bridge', () => {
  beforeAll(async () => {
    session = await openStudioSession('mouthpiece-batch-e2e-');
    ({ dir, bridge, page, tools } = session);
    outDir = path.join(dir, 'week 1');
    const { results } = await api<ImportResponse>('library.import', { paths: [PORTRAIT] });
    const [face] = results;
    if (!face.ok) throw new Error('import failed');
    await api('library.setConsent', { faceId: face.id, consent: true });
    await api('scripts.create', { name: 'Hello', text: 'Hello there.' });
    await api('scripts.create', { name: 'Bye', text: 'See you soon.' });
    await page.goto(bridge.url);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('builds two scripts × one face, previews the names, and keeps an existing file when asked', async () => {
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, 'Week 1-Hello-square.mp4'), 'last week');
    await page.getByTestId('batch-button').click();
    const builder = page.getByTestId('batch-builder');
    await builder.getByTestId('batch-name').fill('Week 1');
    await builder.getByTestId('batch-faces').getByText('portrait_eileen_collins_nasa').click();
    await builder.getByTestId('batch-scripts').getByText('Hello').click();
    await builder.getByTestId('batch-scripts').getByText('Bye').click();
    await builder.getByTestId('batch-format').selectOption('square');
    await builder.getByTestId('batch-captions-reel').click();
    await builder.getByTestId('batch-label').check();
    await builder.getByTestId('batch-folder').fill(outDir);
    const names = builder.getByTestId('batch-name-item');
    await expect.poll(() => names.count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => names.locator('.batch-file').allTextContents()).toEqual(['Week 1-Hello-square.mp4', 'Week 1-Bye-square.mp4']);
    // Polled: the plan for the typed folder may arrive after one for the default folder with the same names.
    await expect.poll(() => names.first().getAttribute('data-exists'), { timeout: 10_000 }).toBe('true');
    // The template is previewed live.
    await builder.getByTestId('batch-template').fill('{n}-{script}');
    await expect.poll(() => names.locator('.batch-file').allTextContents()).toEqual(['1-Hello.mp4', '2-Bye.mp4']);
    await builder.getByTestId('batch-template').fill('{project}-{script}-{preset}');
    await expect.poll(() => names.first().getAttribute('data-exists')).toBe('true');

    await builder.getByTestId('batch-queue').click();
    await expect.poll(() => builder.getByTestId('batch-existing').isVisible()).toBe(true);
    await shot('batch-builder');
    await builder.getByTestId('batch-keep-both').click();
    await expect.poll(() => page.getByTestId('batch-builder').isVisible()).toBe(false);
  });

  it('renders the batch in the queue with its progress, then plays both videos', async () => {
    const group = page.getByTestId('queue-batch').first();
    await expect.poll(() => group.isVisible(), { timeout: 10_000 }).toBe(true);
    let sawProgress = false;
    await expect
      .poll(
        async () => {
          const ratio = Number(await group.getByTestId('batch-progress').evaluate((bar: HTMLProgressElement) => bar.value));
          if (ratio > 0 && ratio < 1 && !sawProgress) {
            sawProgress = true;
            await shot('queue-batch');
          }
          return group.getAttribute('data-status');
        },
        { timeout: 90_000, interval: 500 },
      )
      .toBe('done');
    expect(sawProgress).toBe(true);
    expect(await group.getByTestId('batch-counts').textContent()).toContain('2 of 2 done');

    const jobs = (await api<RenderJobView[]>('render.list')).filter((job) => job.batchId !== null).sort((a, b) => a.batchPosition! - b.batchPosition!);
    expect(jobs.map((job) => path.basename(job.outputPath))).toEqual(['Week 1-Hello-square (2).mp4', 'Week 1-Bye-square.mp4']);
    for (const job of jobs) {
      const info = await probeMedia(tools, job.outputPath);
      expect(info).toMatchObject({ kind: 'video', width: 1080, height: 1080, hasAudio: true });
      expect(info.durationSec).toBeGreaterThan(0.5);
      expect(info.durationSec).toBeLessThan(3);
    }
    expect(await readdir(outDir)).toEqual(expect.arrayContaining(['Week 1-Hello-square.mp4', 'Week 1-Hello-square (2).mp4', 'Week 1-Bye-square.mp4']));
    // Captions chosen in the builder reach the files: SRT and WebVTT beside each video, with the script's words.
    for (const [job, words] of [[jobs[0], ['Hello', 'there']], [jobs[1], ['See', 'you', 'soon']]] as const) {
      const stem = job.outputPath.replace(/\.mp4$/, '');
      const [srt, vtt] = await Promise.all([readFile(`${stem}.srt`, 'utf8'), readFile(`${stem}.vtt`, 'utf8')]);
      for (const word of words) expect(srt).toContain(word);
      expect(vtt.startsWith('WEBVTT')).toBe(true);
      expect(vtt).toContain(words[0]);
    }
    // And into the picture: the middle frame of the first video, with the burned-in reel caption and the "AI-generated" label.
    const middleSec = ((await probeMedia(tools, jobs[0].outputPath)).durationSec ?? 1) / 2;
    await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-ss', middleSec.toFixed(2), '-i', jobs[0].outputPath, '-frames:v', '1', path.join(SHOTS, 'batch-frame-reel-label.png')] });
    const [batch] = await api<BatchView[]>('batch.list');
    expect(batch).toMatchObject({ name: 'Week 1', counts: { total: 2, done: 2 }, ratio: 1, etaMs: 0 });
    expect(batch.finishedAt).not.toBeNull();
  }, 100_000);

  it('cancels a second batch with Cancel all and leaves no file behind', async () => {
    const faceId = (await api<{ faces: { id: number }[] }>('library.list')).faces[0].id;
    const scriptIds = (await api<{ scripts: { id: number }[] }>('library.list')).scripts.map((script) => script.id);
    const cancelDir = path.join(dir, 'cancelled');
    const second = await api<BatchView>('batch.create', {
      request: { name: 'Week 2', faces: [{ faceId, subject: 0 }], scriptIds, voice: 'en-us', preset: 'square', captions: 'none', label: false, outDir: cancelDir },
    });
    const group = page.locator(`[data-testid="queue-batch"][data-batch-id="${second.id}"]`);
    await expect.poll(() => group.getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await page.getByTestId('cancel-all').click();
    await expect.poll(() => group.getAttribute('data-status'), { timeout: 15_000 }).toBe('cancelled');
    await expect.poll(() => group.getByTestId('batch-counts').textContent()).toContain('2 cancelled');
    expect(await group.getByTestId('retry-batch').isVisible()).toBe(true);
    expect(existsSync(cancelDir) ? await readdir(cancelDir) : []).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  }, 30_000);
});
