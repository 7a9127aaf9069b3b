import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StudioBridge } from '../../electron/bridge/start-studio-bridge';
import type { RenderJobView } from '../../electron/contract/types';
import { runFfmpeg, runFfprobe } from '../../electron/engine/media/ffmpeg-adapter';
import { probeMedia, readVideoFrames, type FfmpegTools } from '../../electron/engine/media/index';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioSession, type StudioSession } from './support/studio-session';

/*
 * The real React studio in a real Chromium against the real engine, over the browser bridge: a user's first session
 * from an empty library to a scrubbed preview and a rendered talking video, then a reload, then a photo without a face.
 */

const GROUP_PHOTO = media('images/group3_apollo11_crew_nasa.png');
const VOICE = media('audio/en_ljspeech_LJ001-0001.wav');

let session: StudioSession;
let dir: string;
let bridge: StudioBridge;
let page: Page;
let tools: FfmpegTools;
const api = <T>(method: string, payload?: unknown) => session.api<T>(method, payload);
const shot = (name: string) => session.shot(name);
const clipWidth = async () => (await page.getByTestId('track-1').getByTestId('clip').boundingBox())!.width;


describe.skipIf(!hasChromium || !hasMedia)('studio in Chromium over the bridge', () => {
  beforeAll(async () => {
    session = await openStudioSession('mouthpiece-e2e-');
    ({ dir, bridge, page, tools } = session);
    await page.goto(bridge.url);
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('starts empty and imports a group photo and a voice dropped as real files', async () => {
    await expect.poll(() => page.getByTestId('empty-state').isVisible(), { timeout: 20_000 }).toBe(true);
    await dropFiles(page.getByTestId('drop-zone'), [GROUP_PHOTO, VOICE]);
    await expect.poll(() => page.getByTestId('library-item').count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('[data-testid="library-item"][data-kind="face"]').textContent()).toContain('3 faces');
    await page.getByTestId('consent-checkbox').check();
    await expect.poll(() => page.getByTestId('consent-checkbox').isChecked()).toBe(true);
    await shot('library');
  });

  it('puts the photo on the stage with three numbered subjects and picks subject 1', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 20_000 }).toBe(3);
    await page.getByTestId('subject-outline-1').click();
    await expect.poll(() => page.getByTestId('track-1').getAttribute('class')).toContain('selected');
    // Hovering a subject shows its face mask.
    await page.getByTestId('subject-outline-2').hover();
    await expect.poll(() => page.getByTestId('subject-outline-2').getAttribute('class')).toContain('hovered');
    expect(Number(await page.getByTestId('subject-outline-2').locator('polygon').evaluate((polygon) => polygon.getAttribute('points')!.split(' ').length))).toBeGreaterThan(10);
    await shot('stage-subjects');
  });

  it('places the voice on subject 1, trims it, undoes and redoes the trim', async () => {
    const voice = page.locator('[data-testid="library-item"][data-kind="voice"]');
    await voice.dragTo(page.getByTestId('track-1').locator('.track-lane'), { targetPosition: { x: 12, y: 20 } });
    await expect.poll(() => page.getByTestId('track-1').getByTestId('clip').count(), { timeout: 10_000 }).toBe(1);
    const fullWidth = await clipWidth();

    await page.getByTestId('track-1').getByTestId('clip-trim-end').scrollIntoViewIfNeeded();
    const handle = (await page.getByTestId('track-1').getByTestId('clip-trim-end').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    for (let step = 1; step <= 10; step += 1) await page.mouse.move(handle.x + handle.width / 2 - step * (fullWidth * 0.04), handle.y + handle.height / 2);
    await page.mouse.up();
    const trimmedWidth = await clipWidth();
    expect(trimmedWidth).toBeLessThan(fullWidth * 0.75);
    expect(trimmedWidth).toBeGreaterThan(fullWidth * 0.4);

    await page.getByTestId('undo').click();
    await expect.poll(clipWidth).toBeCloseTo(fullWidth, 0);
    await page.getByTestId('redo').click();
    await expect.poll(clipWidth).toBeCloseTo(trimmedWidth, 0);

    // Two tracks in use: the same voice for subject 0 as well, added with the library's own button.
    await page.getByTestId('subject-outline-0').click();
    await voice.locator('.entry-name').click();
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('track-0').getByTestId('clip').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count()).toBe(0);
    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('track-0').getByTestId('clip').count()).toBe(1);
    await shot('timeline-two-tracks');
  });

  it('plays the preview: the playhead moves and the stage canvas shows the picture', async () => {
    const timecode = page.locator('.timecode span').first();
    const before = await timecode.textContent();
    await page.getByTestId('play').click();
    await expect.poll(() => timecode.textContent(), { timeout: 5_000 }).not.toBe(before);
    await page.getByTestId('play').click();
    // Playing, the faces came as patches over a quick frame; paused, the stage settles on the export's exact pixels.
    await expect.poll(() => page.getByTestId('preview-canvas').getAttribute('data-preview-frame'), { timeout: 30_000 }).toBe('exact');
    const drawn = await page.getByTestId('preview-canvas').evaluate((canvas: HTMLCanvasElement) => {
      const blank = document.createElement('canvas');
      blank.width = canvas.width;
      blank.height = canvas.height;
      return canvas.width > 0 && canvas.toDataURL() !== blank.toDataURL();
    });
    expect(drawn).toBe(true);
  });

  it('scrubs the timeline: the stage shows the export engine\'s frames, and they move with the voice', async () => {
    const canvas = page.getByTestId('preview-canvas');
    const fingerprint = () =>
      canvas.evaluate((element: HTMLCanvasElement) => {
        const { data } = element.getContext('2d')!.getImageData(0, 0, element.width, element.height);
        let hash = 0;
        for (let i = 0; i < data.length; i += 4) hash = (Math.imul(hash, 31) + data[i] + 3 * data[i + 1] + 7 * data[i + 2]) | 0;
        return hash;
      });
    const ruler = (await page.locator('.ruler-scale').boundingBox())!;
    const clip = (await page.getByTestId('track-1').getByTestId('clip').boundingBox())!;
    const scrubTo = async (x: number) => {
      const before = await fingerprint();
      await page.mouse.click(x, ruler.y + ruler.height / 2);
      await expect.poll(fingerprint, { timeout: 20_000 }).not.toBe(before);
      return fingerprint();
    };
    const seen = new Set<number>();
    for (const share of [0.2, 0.35, 0.5, 0.65, 0.8]) seen.add(await scrubTo(clip.x + clip.width * share));
    // Five places in the speech, five different pictures: the mouths and heads move with the voice.
    expect(seen.size).toBe(5);
    // The frame at a time is the same picture whenever it is asked for.
    const again = await api<{ bytes: Uint8Array; mimeType: string }>('preview.frame', { projectId: (await api<{ id: number }>('app.getLastProject')).id, timeSec: 0.5 });
    const twice = await api<{ bytes: Uint8Array }>('preview.frame', { projectId: (await api<{ id: number }>('app.getLastProject')).id, timeSec: 0.5 });
    expect(again.mimeType).toBe('image/png');
    expect(Buffer.from(twice.bytes).equals(again.bytes)).toBe(true);
    await shot('preview-scrubbed');
  }, 60_000);

  it('renders the project to a playable MP4 of the preset size and the timeline length', async () => {
    await page.getByTestId('preset-select').selectOption('square');
    // Autosave is continuous; wait until the page has saved the preset before rendering it.
    await expect.poll(async () => (await api<{ document: { export: { preset: string } } } | null>('app.getLastProject'))?.document.export.preset, { timeout: 10_000 }).toBe('square');
    const renderButton = page.getByTestId('render-button');
    if (await renderButton.isDisabled()) throw new Error(`Render is blocked: ${await renderButton.getAttribute('title')}; projects: ${JSON.stringify(await api('projects.list'))}`);
    await renderButton.click();
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 90_000, interval: 250 }).toBe('done');
    await shot('render-queue');

    const [job] = await api<RenderJobView[]>('render.list');
    const project = await api<{ document: { tracks: { subject: number; clips: { start: number; trimStart: number; trimEnd: number }[] }[] } }>('app.getLastProject');
    const endSec = Math.max(...project.document.tracks.flatMap((track) => track.clips.map((clip) => clip.start + clip.trimEnd - clip.trimStart)));
    const info = await probeMedia(tools, job.outputPath);
    expect(info).toMatchObject({ kind: 'video', width: 1080, height: 1080, hasAudio: true });
    expect(info.video?.codec).toBe('h264');
    expect(Math.abs(info.durationSec! - endSec)).toBeLessThan(0.1);
    // Playable: every frame decodes without an error.
    await runFfmpeg({ tools, args: ['-v', 'error', '-xerror', '-i', job.outputPath, '-f', 'null', '-'] });
    // And the page can play it: Chromium loads the served MP4 into a <video> and knows its length.
    expect(job.outputUrl).toBe(`/renders/${job.id}.mp4`);
    const playable = await page.evaluate(async (url) => {
      const video = document.createElement('video');
      video.muted = true;
      video.src = url;
      await new Promise((resolve, reject) => ((video.onloadedmetadata = resolve), (video.onerror = () => reject(new Error(`video error ${video.error?.code}`)))));
      return { width: video.videoWidth, height: video.videoHeight, duration: video.duration };
    }, job.outputUrl!);
    expect(playable).toMatchObject({ width: 1080, height: 1080 });
    expect(Math.abs(playable.duration - endSec)).toBeLessThan(0.1);
    // A talking video, not a still: every two consecutive frames (5 a second, 160 px) differ.
    const changes: number[] = [];
    let previous: Uint8Array | undefined;
    for await (const frame of readVideoFrames(tools, job.outputPath, { fps: 5, maxSide: 160 })) {
      if (previous) changes.push(frame.data.reduce((sum, value, i) => sum + Math.abs(value - previous![i]), 0) / frame.data.length);
      previous = Uint8Array.from(frame.data);
    }
    // (a still picture decodes to identical frames: 0; this render measured 0.06–0.57 per 8-bit channel)
    expect(changes.length).toBeGreaterThan(10);
    expect(Math.min(...changes)).toBeGreaterThan(0.03);
    const probe = (await runFfprobe({ tools, inputPath: job.outputPath })) as { format: { tags?: Record<string, string> } };
    expect(JSON.stringify(probe.format.tags)).toContain('AI-generated');
  }, 120_000);

  it('keeps everything after a reload', async () => {
    const widthBefore = await clipWidth();
    await page.reload();
    await expect.poll(() => page.getByTestId('track-1').getByTestId('clip').count(), { timeout: 20_000 }).toBe(1);
    expect(await clipWidth()).toBeCloseTo(widthBefore, 0);
    expect(await page.getByTestId('track-0').getByTestId('clip').count()).toBe(1);
    expect(await page.locator('[data-testid^="subject-outline-"]').count()).toBe(3);
    expect(await page.getByTestId('preset-select').inputValue()).toBe('square');
    expect(await page.getByTestId('queue-job-status').first().getAttribute('data-status')).toBe('done');
    expect(await page.getByTestId('consent-checkbox').isChecked()).toBe(true);
  });

  it('says clearly when a photo has no face, and nothing breaks', async () => {
    const plain = path.join(dir, 'plain wall.png');
    await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x8899aa:s=640x480', '-frames:v', '1', plain] });
    await dropFiles(page.getByTestId('drop-zone'), [plain]);
    await expect.poll(() => page.getByTestId('library-item').count(), { timeout: 30_000 }).toBe(3);
    const entry = page.locator('[data-testid="library-item"][data-kind="face"]', { hasText: 'plain wall' });
    await expect.poll(() => entry.textContent()).toMatch(/no face/i);
    await entry.locator('.entry-name').click();
    const message = page.getByTestId('stage').getByTestId('error-message');
    await expect.poll(() => message.textContent(), { timeout: 10_000 }).toMatch(/No face found in this photo/);
    await shot('no-face');
    // The studio still works: back to the crew photo, its subjects are there again.
    await page.locator('[data-testid="library-item"][data-kind="face"]', { hasText: 'group3' }).locator('.entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 10_000 }).toBe(3);
    expect(session.pageErrors).toEqual([]);
  });
});
