import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaceAnalysisView, RenderJobView } from '../../electron/contract/types';
import { frameSubjects } from '../../electron/engine/render/framing';
import { OUTPUT_PRESETS } from '../../electron/engine/render/output-presets';
import { describeFace } from '../../electron/engine/render/render-source';
import { readVideoFrames, resolveFfmpegTools, runFfmpeg } from '../../electron/engine/media/index';
import { hasSharedMedia, sharedMedia } from '../helpers/shared-media';
import { hasChromium } from './support/chromium';
import { dropFiles } from './support/drop-files';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * A personal mouth in the studio, in a real Chromium against the real engine: a still of Obama (the first frame of one
 * weekly address) is the photo face; another address dropped on "Mouth from clip" in its inspector gives it his own
 * lips, teeth and tongue. The export with the clip differs from the one without inside the mouth, and hardly elsewhere.
 */

const STILL_OF = sharedMedia('video/obama_weekly_address_challenges.mp4');
const CLIP = sharedMedia('video/obama_weekly_address_progress.mp4');
const LINE = 'We can do this, and we will.';

let session: StudioSession;
let page: Page;
let faceId: number;
let mediaDir: string;
const api = <T>(method: string, payload?: unknown) => session.api<T>(method, payload);

async function exportAndWait(expectedJobs: number): Promise<string> {
  const renderButton = page.getByTestId('render-button');
  await expect.poll(() => renderButton.isDisabled(), { timeout: 20_000 }).toBe(false);
  await renderButton.click();
  await expect.poll(() => page.getByTestId('queue-job').count(), { timeout: 20_000 }).toBe(expectedJobs);
  const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
  await expect.poll(() => status.getAttribute('data-status'), { timeout: 900_000, interval: 2_000 }).toBe('done');
  const jobs = await api<RenderJobView[]>('render.list');
  return jobs.reduce((a, b) => (b.id > a.id ? b : a)).outputPath;
}

/** Mean absolute luma-ish difference (RGB mean) of two videos frame by frame, inside and outside `box`. */
async function compareVideos(a: string, b: string, inside: Box, around: Box): Promise<{ mouth: number; elsewhere: number }> {
  const tools = session.tools;
  const framesOf = async (file: string) => {
    const frames: Uint8Array[] = [];
    let width = 0;
    for await (const frame of readVideoFrames(tools, file, {})) {
      frames.push(Uint8Array.from(frame.data));
      width = frame.width;
    }
    return { frames, width };
  };
  const [one, two] = await Promise.all([framesOf(a), framesOf(b)]);
  const sums = { mouth: 0, mouthN: 0, elsewhere: 0, elsewhereN: 0 };
  const count = Math.min(one.frames.length, two.frames.length);
  for (let f = 0; f < count; f++) {
    const [p, q] = [one.frames[f], two.frames[f]];
    for (let i = 0; i < p.length; i += 4) {
      const x = (i / 4) % one.width;
      const y = Math.floor(i / 4 / one.width);
      const d = (Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2])) / 3;
      if (within(inside, x, y)) {
        sums.mouth += d;
        sums.mouthN++;
      } else if (!within(around, x, y)) {
        sums.elsewhere += d;
        sums.elsewhereN++;
      }
    }
  }
  return { mouth: sums.mouth / sums.mouthN, elsewhere: sums.elsewhere / sums.elsewhereN };
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const within = (box: Box, x: number, y: number) => x >= box.x0 && x < box.x1 && y >= box.y0 && y < box.y1;

describe.skipIf(!hasChromium || !hasSharedMedia)('a photo face takes its mouth from a clip in the studio', () => {
  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-e2e-mouth-media-'));
    const tools = await resolveFfmpegTools();
    const still = path.join(mediaDir, 'obama-still.png');
    await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', STILL_OF, '-frames:v', '1', still] });
    await runFfmpeg({ tools, args: ['-v', 'error', '-y', '-i', CLIP, '-t', '2', '-an', '-c:v', 'libx264', '-preset', 'ultrafast', path.join(mediaDir, 'silent-clip.mp4')] });
    ({ session, faceId } = await openStudioWithFace('mouthpiece-e2e-mouth-clip-', still, { consent: true }));
    page = session.page;
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  it('exports the photo with a drawn mouth, then with the mouth of a dropped clip of the same man', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 60_000 }).toBe(1);
    await page.getByTestId('subject-outline-0').click();
    await page.getByRole('button', { name: '+ Line' }).click();
    await page.getByTestId('clip-text').fill(LINE);
    await page.getByTestId('play').focus();
    const field = page.getByTestId('mouth-clip');
    await expect.poll(() => field.isVisible(), { timeout: 10_000 }).toBe(true);
    const drawn = await exportAndWait(1);

    // A silent clip is refused in one line and nothing is attached.
    await dropFiles(field, [path.join(mediaDir, 'silent-clip.mp4')]);
    await expect.poll(() => page.getByTestId('mouth-clip-error').textContent(), { timeout: 120_000 }).toMatch(/^"silent-clip" has no sound/);
    expect((await api<{ faces: { id: number; mouthClipId: number | null }[] }>('library.list')).faces.find((f) => f.id === faceId)?.mouthClipId).toBeNull();

    await dropFiles(field, [CLIP]);
    await expect.poll(() => page.getByTestId('mouth-clip-status').textContent(), { timeout: 180_000 }).toMatch(/come from “obama_weekly_address_progress”/);
    expect(await page.getByTestId('mouth-clip-error').count()).toBe(0);
    const listed = (await api<{ faces: { id: number; name: string; mouthClipId: number | null }[] }>('library.list')).faces;
    expect(listed.find((f) => f.id === faceId)?.mouthClipId).toBe(listed.find((f) => f.name === 'obama_weekly_address_progress')?.id);
    await session.shot('mouth-clip-attached');
    const personal = await exportAndWait(2);

    // Where the mouth is in the export: the photo's inner mouth through the reel's crop of this speaker.
    const analysis = await api<FaceAnalysisView>('face.getAnalysis', { faceId });
    const speaker = analysis.subjects[0];
    const { crop } = frameSubjects({ imageWidth: analysis.width!, imageHeight: analysis.height!, faces: [describeFace(speaker as never)], preset: OUTPUT_PRESETS.reel });
    const scale = 1080 / crop.width;
    const lips = speaker.masks.lips.map(([x, y]) => [(x - crop.x) * scale, (y - crop.y) * scale]);
    const xs = lips.map((p) => p[0]);
    const ys = lips.map((p) => p[1]);
    const mouth = { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
    const [w, h] = [mouth.x1 - mouth.x0, mouth.y1 - mouth.y0];
    const inner = { x0: mouth.x0 + 0.15 * w, x1: mouth.x1 - 0.15 * w, y0: mouth.y0 - 0.2 * h, y1: mouth.y1 + 0.4 * h };
    const lowerFace = { x0: mouth.x0 - 1.5 * w, x1: mouth.x1 + 1.5 * w, y0: mouth.y0 - 2 * h, y1: mouth.y1 + 4 * h };
    const difference = await compareVideos(drawn, personal, inner, lowerFace);
    console.log(`export with the mouth clip vs without: mean |difference| ${difference.mouth.toFixed(2)} in the mouth, ${difference.elsewhere.toFixed(2)} away from the lower face (8-bit)`);
    expect(difference.mouth).toBeGreaterThan(2);
    expect(difference.mouth).toBeGreaterThan(5 * difference.elsewhere);

    // Cleared, the photo goes back to a drawn mouth.
    await page.getByTestId('mouth-clip-clear').click();
    await expect.poll(() => page.getByTestId('mouth-clip-status').textContent(), { timeout: 20_000 }).toMatch(/^Drop or choose/);
    await session.shot('mouth-clip-cleared');
    expect(session.pageErrors).toEqual([]);
  }, 2_400_000);
});
