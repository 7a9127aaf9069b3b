import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceAnalysisView, RenderJobView, VoicePreviewView } from '../../electron/contract/types';
import { runFfmpeg, runFfprobe } from '../../electron/engine/media/ffmpeg-adapter';
import { decodeImage, probeMedia, readVideoFrames } from '../../electron/engine/media/index';
import { PREVIEW_FPS } from '../../renderer/src/components/stage/preview-grid';
import { hasSharedMedia, sharedMedia } from '../helpers/shared-media';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioSession, type StudioSession } from './support/studio-session';

/*
 * Dubbing real footage in the studio, in a real Chromium against the real engine: a GRID clip dropped into the
 * library goes on the stage with its speaker numbered over it, a typed line is previewed as the dubbed frame at the
 * playhead (the clip's own frame outside the lower face, a new mouth inside it), and the export is re-voiced footage.
 */

const CLIP = sharedMedia('video/grid_brbk7n.mpg');
const LINE = 'Place green at nine now.';
/** Where the playhead is put for the preview check (seconds): mid-word in both the line and the clip's own speech. */
const PREVIEW_AT_SEC = 0.8;

let session: StudioSession;
let page: Page;
let voiceSec: number;
const api = <T>(method: string, payload?: unknown) => session.api<T>(method, payload);
/** The face on the project's stage, once autosave (AUTOSAVE_DELAY_MS after an edit) has written the project. */
async function stageFaceId(): Promise<number> {
  const faceOf = async () => (await api<{ document: { stage: { faceId: number | null } } } | null>('app.getLastProject'))?.document.stage.faceId ?? null;
  await expect.poll(faceOf, { timeout: 10_000 }).not.toBeNull();
  return (await faceOf()) as number;
}

interface Pixels {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** Mean absolute RGB difference of two same-sized pictures, inside (or outside) a rectangle. */
function meanDifference(a: Pixels, b: Pixels, box: { x0: number; y0: number; x1: number; y1: number }, inside: boolean): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      const within = x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;
      if (within !== inside) continue;
      const i = (y * a.width + x) * 4;
      sum += Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
      count += 3;
    }
  }
  return sum / count;
}

/** Level of the soundtrack over `durationSec` from `startSec` (dBFS, RMS, mono). */
async function rmsDb(videoPath: string, startSec: number, durationSec: number): Promise<number> {
  const args = ['-v', 'error', '-ss', String(startSec), '-t', String(durationSec), '-i', videoPath, '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', '-'];
  const { stdout } = await runFfmpeg({ tools: session.tools, args, collectStdout: true });
  const samples = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
  const meanSquare = samples.reduce((sum, value) => sum + (value / 32768) ** 2, 0) / Math.max(1, samples.length);
  return 10 * Math.log10(meanSquare + 1e-12);
}

describe.skipIf(!hasChromium || !hasSharedMedia)('dubbing footage in the studio', () => {
  beforeAll(async () => {
    session = await openStudioSession('mouthpiece-e2e-dub-');
    page = session.page;
    await page.goto(session.bridge.url);
  }, 180_000);

  afterAll(async () => {
    await session?.close();
  });

  it('imports a clip dropped on the studio: a video face with its speaker numbered over it on the stage', async () => {
    await expect.poll(() => page.getByTestId('empty-state').isVisible(), { timeout: 30_000 }).toBe(true);
    await dropFiles(page.getByTestId('drop-zone'), [CLIP]);
    const face = page.locator('[data-testid="library-item"][data-kind="face"]');
    await expect.poll(() => face.count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => face.textContent(), { timeout: 60_000 }).toMatch(/Video 0:03/);
    await face.getByTestId('consent-checkbox').check();
    await expect.poll(() => face.getByTestId('consent-checkbox').isChecked()).toBe(true);
    await face.locator('.entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('subject-outline-0').click();
    // The stage draws the clip's own frame (Chromium cannot decode every clip the engine can, MPEG-1 among them).
    const drawn = () =>
      page.getByTestId('preview-canvas').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return data.some((value, i) => i % 4 !== 3 && value > 0);
      });
    await expect.poll(drawn, { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('stage').getByTestId('error-message').count()).toBe(0);
    // The speaker's track shows the clip's own sound from the clip's start, as long as the clip (read by the engine).
    const clipSec = (await probeMedia(session.tools, CLIP)).durationSec!;
    const lane = page.getByTestId('track-0').getByTestId('reference-lane');
    await expect.poll(() => lane.count(), { timeout: 30_000 }).toBe(1);
    const laneBox = (await lane.boundingBox())!;
    const pxPerSec = Number((await page.locator('.zoom-readout').textContent())!.replace(/[^\d.]/g, ''));
    expect(Math.abs(laneBox.width / pxPerSec - clipSec)).toBeLessThan(0.1);
    const faceId = await stageFaceId();
    const sound = await api<{ peaksPerSec: number; peaks: number[] }>('face.getSound', { faceId });
    expect(Math.abs(sound.peaks.length / sound.peaksPerSec - clipSec)).toBeLessThan(0.1);
    // GRID: silence, the sentence, silence.
    expect(Math.max(...sound.peaks)).toBeGreaterThan(0.1);
    expect(Math.max(...sound.peaks.slice(0, 5))).toBeLessThan(Math.max(...sound.peaks) / 4);
    await session.shot('dub-stage-with-clip');
  }, 180_000);

  it('previews the dubbed frame at the playhead: the clip outside the lower face, a new mouth inside it', async () => {
    await page.getByRole('button', { name: '+ Line' }).click();
    await page.getByTestId('clip-text').fill(LINE);
    await page.getByTestId('play').focus();
    await page.getByLabel('Playhead').fill(String(PREVIEW_AT_SEC));

    const faceId = await stageFaceId();
    const analysis = await api<FaceAnalysisView>('face.getAnalysis', { faceId });
    const [fx, fy, fw, fh] = analysis.subjects[0].box;
    // The lower face (lips, jaw, chin) with a margin for the feathered mask; everything else must be the clip's own.
    const lowerFace = { x0: Math.floor(fx - 0.25 * fw), x1: Math.ceil(fx + 1.25 * fw), y0: Math.floor(fy + 0.45 * fh), y1: Math.ceil(fy + 1.35 * fh) };
    const mouth = { x0: Math.floor(fx + 0.25 * fw), x1: Math.ceil(fx + 0.75 * fw), y0: Math.floor(fy + 0.65 * fh), y1: Math.ceil(fy + 0.95 * fh) };
    const clipFrames: Pixels[] = [];
    for await (const frame of readVideoFrames(session.tools, CLIP, {})) clipFrames.push({ width: frame.width, height: frame.height, data: Uint8Array.from(frame.data) });

    const canvasPixels = () =>
      page.getByTestId('preview-canvas').evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return { width: canvas.width, height: canvas.height, data: Array.from(data) };
      });
    // The clip's frames about the playhead (the preview's frame grid need not be the clip's 25 fps); the one shown is
    // the one that matches the stage outside the lower face.
    const near = clipFrames.slice(Math.round(PREVIEW_AT_SEC * 25) - 5, Math.round(PREVIEW_AT_SEC * 25) + 6);
    const compare = async () => {
      const shown = await canvasPixels();
      const outside = near.map((frame) => meanDifference(shown, frame, lowerFace, false));
      const best = outside.indexOf(Math.min(...outside));
      return { outside: outside[best], mouth: meanDifference(shown, near[best], mouth, true), size: [shown.width, shown.height] };
    };
    // Until the engine's frame arrives the stage shows the clip's library still, softer than any decoded frame.
    await expect.poll(async () => (await compare()).outside, { timeout: 240_000, interval: 1_000 }).toBeLessThan(1.5);
    // A first look comes as JPEG; the exact frame (PNG) follows while the playhead rests.
    await expect.poll(() => page.getByTestId('preview-canvas').getAttribute('data-preview-frame'), { timeout: 30_000 }).toBe('exact');
    const seen = await compare();
    // What the stage shows is the engine's preview of the project at the playhead (asked for on the preview's grid).
    const engineFrame = await api<{ bytes: Uint8Array }>('preview.frame', { projectId: (await api<{ id: number }>('app.getLastProject')).id, timeSec: Math.round(PREVIEW_AT_SEC * PREVIEW_FPS) / PREVIEW_FPS, maxSide: 960 });
    const pngPath = path.join(session.dir, 'engine-frame.png');
    await writeFile(pngPath, engineFrame.bytes);
    const { image } = await decodeImage(session.tools, pngPath);
    const everywhere = { x0: 0, y0: 0, x1: image.width, y1: image.height };
    expect(meanDifference(await canvasPixels(), image, everywhere, true)).toBeLessThan(0.5);
    console.log(`preview at ${PREVIEW_AT_SEC} s: mean |difference| to the clip's frame outside the lower face ${seen.outside.toFixed(2)}, in the mouth ${seen.mouth.toFixed(2)} (8-bit)`);
    expect(seen.size).toEqual([clipFrames[0].width, clipFrames[0].height]);
    // Outside the lower face the stage is the clip's own frame at the playhead…
    expect(seen.outside).toBeLessThan(1.5);
    // …and the mouth is not the clip's: it says the new line.
    expect(seen.mouth).toBeGreaterThan(4 * seen.outside);
    expect(seen.mouth).toBeGreaterThan(4);
    await session.shot('dub-preview-frame');
  }, 300_000);

  it('exports re-voiced footage: as long as the new voice, with its sound, tagged as re-voiced', async () => {
    const renderButton = page.getByTestId('render-button');
    await expect.poll(() => renderButton.isDisabled(), { timeout: 20_000 }).toBe(false);
    await renderButton.click();
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 600_000, interval: 1_000 }).toBe('done');

    const [job] = await api<RenderJobView[]>('render.list');
    const { document } = await api<{ document: { tracks: { clips: { voice: string }[] }[] } }>('app.getLastProject');
    const voice = await api<VoicePreviewView>('voices.preview', { voice: document.tracks[0].clips[0].voice, text: LINE });
    voiceSec = voice.durationSec;
    const info = await probeMedia(session.tools, job.outputPath);
    // The project's Reel format, at the clip's own 25 fps, ending with the new voice (the clip is 3 s).
    expect(info).toMatchObject({ kind: 'video', width: 1080, height: 1920, hasAudio: true });
    expect(info.video?.fps).toBe(25);
    expect(voiceSec).toBeLessThan(2.7);
    expect(Math.abs(info.durationSec! - voiceSec)).toBeLessThan(0.15);
    const probe = (await runFfprobe({ tools: session.tools, inputPath: job.outputPath })) as { format: { tags?: Record<string, string> } };
    expect(JSON.stringify(probe.format.tags)).toMatch(/re-voiced footage/);
  }, 720_000);

  it('keeps the clip\'s full length and its own sound under the voice when asked, in the inspector of a video face', async () => {
    await page.getByTestId('keep-clip-length').check();
    await page.getByTestId('keep-original-audio').check();
    await expect.poll(async () => (await api<{ document: { export: { footage?: unknown } } }>('app.getLastProject')).document.export.footage, { timeout: 10_000 }).toEqual({ keepClipLength: true, keepOriginalAudio: true });
    // The timeline now runs to the clip's end, as the export will.
    const clipSec = (await probeMedia(session.tools, CLIP)).durationSec!;
    await expect.poll(async () => Number(await page.getByLabel('Playhead').getAttribute('max'))).toBeCloseTo(clipSec, 1);
    await page.getByTestId('render-button').click();
    await expect.poll(() => page.getByTestId('queue-job').count()).toBe(2);
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 600_000, interval: 1_000 }).toBe('done');
    await session.shot('dub-queue-exported');

    const jobs = await api<RenderJobView[]>('render.list');
    const latest = jobs.reduce((a, b) => (b.id > a.id ? b : a));
    const [clip, info] = await Promise.all([probeMedia(session.tools, CLIP), probeMedia(session.tools, latest.outputPath)]);
    expect(Math.abs(info.durationSec! - clip.durationSec!)).toBeLessThan(0.15);
    // After the new voice the clip runs on: its own sound is heard there, ducked (without it the rest is digital silence).
    const tailDb = await rmsDb(latest.outputPath, voiceSec + 0.05, clip.durationSec! - voiceSec - 0.15);
    console.log(`after the voice: ${tailDb.toFixed(1)} dBFS with the clip's sound kept`);
    expect(tailDb).toBeGreaterThan(-60);
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  }, 720_000);
});
