import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectDocument } from '../../electron/contract/project-document';
import type { FaceAnalysisView, RenderJobView } from '../../electron/contract/types';
import { analyzeImage } from '../../electron/engine/face/analyze-image';
import { decodeVideoFrame } from '../../electron/engine/media/index';
import { SessionPool } from '../../electron/engine/models/session-pool';
import { defaultModelPaths } from '../../electron/engine/install-layout';
import { hasMedia, media } from '../helpers/run-cli';
import { hasChromium } from './support/chromium';
import { openStudioWithFace, SHOTS, type StudioSession } from './support/studio-session';

/*
 * Auto-reframe on the stage, in a real Chromium against the real engine: at Reel, a wide photo with two speakers
 * shows the export's frame on whoever speaks at the playhead, and the real export shows the same framing then.
 */

const GROUP = media('images/group3_apollo11_crew_nasa.png');
const LINES = ['Houston, Tranquility Base here, the Eagle has landed.', 'Roger, Tranquility, we copy you on the ground.'];

let session: StudioSession;
let page: Page;
let faceId: number;
let pool: SessionPool;
const run = promisify(execFile);

const rect = async () => {
  const element = page.getByTestId('export-frame-rect');
  const [x, y, width, height] = await Promise.all(['x', 'y', 'width', 'height'].map(async (name) => Number(await element.getAttribute(name))));
  return { x, y, width, height, subject: Number(await element.getAttribute('data-shot-subject')) };
};

/** The playhead at a whole second: Home, then a second a PageDown. */
async function seekTo(seconds: number) {
  await page.getByTestId('play').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < seconds; i++) await page.keyboard.press('PageDown');
}

describe.skipIf(!hasChromium || !hasMedia)('the stage follows the speaker as the export does', () => {
  beforeAll(async () => {
    ({ session, faceId } = await openStudioWithFace('mouthpiece-stage-reframe-e2e-', GROUP, { consent: true }));
    page = session.page;
    pool = new SessionPool(defaultModelPaths());
  }, 120_000);

  afterAll(async () => {
    await pool?.release();
    await session?.close();
  });

  it('frames each speaker at the playhead at Reel, and the export shows the same frame at that time', async () => {
    await page.locator('[data-testid="library-item"][data-kind="face"] .entry-name').click();
    await expect.poll(() => page.locator('[data-testid^="subject-outline-"]').count(), { timeout: 30_000 }).toBe(3);
    for (const [subject, line] of LINES.entries()) {
      if (subject > 0) {
        // The second line a second after the first ends: a pause for the framing to move in.
        await page.getByTestId('play').focus();
        await page.keyboard.press('End');
        await page.keyboard.press('PageDown');
      }
      await page.getByTestId(`subject-outline-${subject}`).click();
      await page.getByRole('button', { name: '+ Line' }).click();
      await page.getByTestId('clip-text').fill(line);
    }
    await page.getByTestId('preset-select').selectOption('reel');
    await expect.poll(async () => (await session.api<{ document: ProjectDocument } | null>('app.getLastProject'))?.document.tracks.length, { timeout: 10_000 }).toBe(2);
    const doc = (await session.api<{ document: ProjectDocument }>('app.getLastProject')).document;
    const secondStart = doc.tracks.find((track) => track.subject === 1)!.clips[0].start;
    const times = [1, Math.ceil(secondStart + 0.8)];

    const analysis = await session.api<FaceAnalysisView>('face.getAnalysis', { faceId });
    const boxOf = (subject: number) => {
      const [x, y, width, height] = analysis.subjects.find((s) => s.index === subject)!.box;
      return { x, y, width, height };
    };
    const stage: Awaited<ReturnType<typeof rect>>[] = [];
    for (const [subject, atSec] of times.entries()) {
      await seekTo(atSec);
      await expect.poll(async () => (await rect()).subject, { timeout: 10_000 }).toBe(subject);
      const frame = await rect();
      stage.push(frame);
      expect(frame.width / frame.height).toBeCloseTo(1080 / 1920, 2);
      // The speaker's face inside the frame, and the frame inside the photo (no padding, no blurred band).
      const face = boxOf(subject);
      expect(face.x).toBeGreaterThan(frame.x);
      expect(face.x + face.width).toBeLessThan(frame.x + frame.width);
      expect(frame.x).toBeGreaterThanOrEqual(0);
      expect(frame.y).toBeGreaterThanOrEqual(0);
      expect(frame.x + frame.width).toBeLessThanOrEqual(analysis.width!);
      expect(frame.y + frame.height).toBeLessThanOrEqual(analysis.height!);
      await page.getByTestId('stage').screenshot({ path: path.join(SHOTS, `stage-reframe-${atSec}s.png`) });
    }
    expect(stage[1].x).toBeGreaterThan(stage[0].x);

    await page.getByTestId('render-button').click();
    const status = page.getByTestId('queue-job').first().getByTestId('queue-job-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 170_000, interval: 500 }).toBe('done');
    const [job] = await session.api<RenderJobView[]>('render.list');
    for (const [subject, atSec] of times.entries()) {
      const exportShot = path.join(SHOTS, `export-reframe-${atSec}s.png`);
      await run(session.tools.ffmpegPath, ['-v', 'error', '-y', '-ss', String(atSec), '-i', job.outputPath, '-frames:v', '1', exportShot]);
      // The stage beside the export's frame at the same time.
      const beside = path.join(SHOTS, `stage-reel-reframe-beside-export-${subject === 0 ? 'first' : 'second'}-speaker.png`);
      const filter = '[0:v]scale=-2:960[a];[1:v]scale=-2:960[b];[a][b]hstack=inputs=2';
      await run(session.tools.ffmpegPath, ['-v', 'error', '-y', '-i', path.join(SHOTS, `stage-reframe-${atSec}s.png`), '-i', exportShot, '-filter_complex', filter, '-frames:v', '1', beside]);
      // The export's frame shows the speaker's face where the stage's frame puts it.
      const { image } = await decodeVideoFrame(session.tools, job.outputPath, { timeSec: atSec });
      const found = await analyzeImage(pool, image);
      const face = boxOf(subject);
      const scale = image.height / stage[subject].height;
      const expected = (face.x + face.width / 2 - stage[subject].x) * scale;
      const nearest = Math.min(...found.subjects.map((s) => Math.abs(s.box[0] + s.box[2] / 2 - expected)));
      expect(nearest).toBeLessThan(face.width * scale * 0.25);
    }
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.failedRequests).toEqual([]);
  }, 300_000);
});
