/**
 * Preview figures measured in Chromium, as the studio page gets them:
 * - playback in the studio itself: Play pressed on a 540×960 portrait, the frames the stage draws over a 7 s line,
 *   and how far each drawn frame's time is from the sound's playhead at that moment;
 * - one frame after another over the bridge (fetch, decode, draw; no overlap), as JPEG (playback) and PNG (still);
 * - the time to the first animated frame after an edit of the line (the scene is prepared again).
 */
import path from 'node:path';
import { createEmptyProjectDocument, type ProjectDocument } from '../../electron/contract/project-document.js';
import type { ImportResponse, ProjectView } from '../../electron/contract/types.js';
import { runFfmpeg } from '../../electron/engine/media/ffmpeg-adapter.js';
import { openStudioSession } from '../../tests/e2e/support/studio-session.js';
import type { Page } from 'playwright-core';
import { PREVIEW_FRAME_MARK } from '../../renderer/src/components/stage/preview-frame-mark.js';
import { PREVIEW_FPS } from '../../renderer/src/components/stage/preview-grid.js';
import { MEDIA, median, type BenchSection } from './bench-support.js';
import { cpuSpent, processTreeCpu } from './process-tree-cpu.js';

const FRAMES = 60;
const EDITS = 5;

export const previewBench: BenchSection = {
  name: 'preview',
  async run() {
    const session = await openStudioSession('mouthpiece-preview-bench-');
    try {
      const picture = path.join(session.dir, 'portrait-540x960.png');
      await runFfmpeg({ tools: session.tools, args: ['-v', 'error', '-y', '-i', path.join(MEDIA, 'images/painting_vermeer_girl_pearl_earring.jpg'), '-vf', 'scale=-2:960,crop=540:960', '-frames:v', '1', picture] });
      const { results } = await session.api<ImportResponse>('library.import', { paths: [picture] });
      if (!results[0].ok) throw new Error(`import failed: ${results[0].error.message}`);
      const faceId = results[0].id;
      await session.api('library.setConsent', { faceId, consent: true });
      const documentSaying = (text: string): ProjectDocument => ({
        ...createEmptyProjectDocument(),
        stage: { faceId, mediaKind: 'photo' },
        tracks: [{ subject: 0, clips: [{ id: 'line', start: 0, kind: 'script', text, voice: 'en-us', duration: 7 }] }],
      });
      const project = await session.api<ProjectView>('projects.create', { name: 'Preview bench', document: documentSaying(PLAYED_LINE) });
      await session.page.goto(session.bridge.url);

      // Runs in the page: fetch each frame over the bridge, decode it and draw it, as the stage does.
      // With `patches`, each request names the base of the frame held, so a photo's frames come as the faces' patch.
      const timeFrames = (args: { token: string; projectId: number; times: number[]; maxSide?: number; quality?: 'still' | 'playback'; patches?: boolean; heldBase?: string; heldSize?: { width: number; height: number } }) =>
        session.page.evaluate(async ({ token, projectId, times, maxSide = 960, quality = 'still', patches = false, heldBase, heldSize }) => {
          const canvas = document.createElement('canvas');
          const context = canvas.getContext('2d')!;
          const perFrameMs: number[] = [];
          const patchSizes = new Set<string>();
          let size = '';
          let base = heldBase;
          // a patch over a held base is drawn over the frame held, as the stage holds it: a canvas of the frame's size,
          // already drawn (a 4096² canvas first drawn inside the timing added its allocation to the first frame)
          if (heldSize) {
            [canvas.width, canvas.height] = [heldSize.width, heldSize.height];
            context.fillRect(0, 0, 1, 1);
            context.getImageData(0, 0, 1, 1);
          }
          for (const timeSec of times) {
            const started = performance.now();
            const response = await fetch('/api', { method: 'POST', headers: { 'content-type': 'application/json', 'x-mouthpiece-token': token }, body: JSON.stringify({ method: 'preview.frame', payload: { projectId, timeSec, maxSide, quality, base } }) });
            type View = { mimeType: string; width: number; height: number; base: string | null; patch?: { x: number; y: number; width: number; height: number } };
            if (!response.headers.get('content-type')?.startsWith('application/x-mouthpiece-result')) throw new Error(((await response.json()) as { error?: { message: string } }).error?.message);
            // As the bridge client and the stage do: the frame's bytes follow the result's JSON (electron/contract/
            // binary-result.ts, which a page.evaluate cannot import), decoded off the main thread.
            const body = await response.arrayBuffer();
            const jsonLength = new DataView(body).getUint32(0);
            const head = JSON.parse(new TextDecoder().decode(new Uint8Array(body, 4, jsonLength))) as { result: { value: View } };
            const bitmap = await createImageBitmap(new Blob([new Uint8Array(body, 4 + jsonLength)], { type: head.result.value.mimeType }));
            const result = head.result;
            const { patch } = result.value;
            if (patch) {
              context.drawImage(bitmap, patch.x, patch.y);
              patchSizes.add(`${patch.width}×${patch.height}`);
            } else {
              canvas.width = bitmap.width;
              canvas.height = bitmap.height;
              context.drawImage(bitmap, 0, 0);
              if (patches) base = result.value.base ?? undefined;
            }
            bitmap.close();
            size = `${result.value.width}×${result.value.height}`;
            perFrameMs.push(performance.now() - started);
          }
          return { perFrameMs, size, patchSizes: [...patchSizes], base, width: canvas.width, height: canvas.height };
        }, args);

      const token = session.bridge.token;
      await timeFrames({ token, projectId: project.id, times: [0] }); // prepares the scene once
      // the scene's picture holds its last frame where the line ends: only frames up to there count
      const { durationSec } = await session.api<{ durationSec: number }>('preview.frame', { projectId: project.id, timeSec: 0, maxSide: 960, quality: 'playback' });
      await playInStudio(session.page, durationSec);
      for (const [quality, patches, label] of [['playback', true, 'JPEG patches'], ['playback', false, 'JPEG whole'], ['still', false, 'PNG whole']] as const) {
        const run = await timeFrames({ token, projectId: project.id, times: Array.from({ length: FRAMES }, (_, i) => (i + 1) / 25), quality, patches });
        const totalMs = run.perFrameMs.reduce((sum, ms) => sum + ms, 0);
        const patchNote = run.patchSizes.length ? `, patches ${run.patchSizes.join(', ')}` : '';
        console.log(`preview        ${run.size} ${label}, one after another: ${((FRAMES * 1000) / totalMs).toFixed(1)} fps over ${FRAMES} frames (median ${median(run.perFrameMs).toFixed(0)} ms a frame: fetch + decode + draw${patchNote})`);
      }

      const firstFrameMs: number[] = [];
      const { base: heldBase, width, height } = await timeFrames({ token, projectId: project.id, times: [0.5], quality: 'playback', patches: true });
      let patched = 0;
      for (let edit = 1; edit <= EDITS; edit += 1) {
        await session.api('projects.save', { projectId: project.id, document: documentSaying(`Edit number ${edit}: the line changes, so the scene is prepared again.`) });
        // as the stage asks first: a quick JPEG, naming the frame it shows
        const after = await timeFrames({ token, projectId: project.id, times: [0.5], quality: 'playback', patches: true, heldBase, heldSize: { width, height } });
        firstFrameMs.push(after.perFrameMs[0]);
        patched += after.patchSizes.length;
      }
      console.log(`preview        first animated frame (JPEG, as the stage asks first; ${patched} of ${EDITS} as a patch) after an edit of the line: median ${median(firstFrameMs).toFixed(0)} ms (${firstFrameMs.map((ms) => ms.toFixed(0)).join(', ')} ms; save not counted)`);
    } finally {
      await session.close();
    }
  },
};

/**
 * About 7 s of speech: long enough that the frame rate is playback's own, not the first half second's (the lead
 * settling) weighed over 50 frames, as it was with the earlier 2 s line.
 */
const PLAYED_LINE = 'Hello there, this is how the preview moves. Every word you type is spoken and seen at once, just as the export will show it.';
const PLAY_SEC = 8;

/**
 * Presses Play in the studio and reads the stage's own marks (one per drawn frame) for `PLAY_SEC` of sound, up to the
 * scene's end (after it the picture is the last frame: the stage need draw nothing, and the frame it draws once paused
 * again is no playback frame).
 */
async function playInStudio(page: Page, sceneEndSec: number): Promise<void> {
  await page.getByTestId('preview-canvas').waitFor();
  await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, PREVIEW_FRAME_MARK, { timeout: 60_000 });
  await page.evaluate(() => performance.clearMarks());
  const cpuBefore = processTreeCpu();
  const wallBefore = performance.now();
  await page.getByTestId('play').click();
  await page.waitForTimeout(PLAY_SEC * 1000);
  const spent = cpuSpent(cpuBefore, processTreeCpu());
  const wallSec = (performance.now() - wallBefore) / 1000;
  const marks = await page.evaluate((mark) => performance.getEntriesByName(mark).map((entry) => ({ at: entry.startTime, ...((entry as PerformanceMark).detail as { frameSec: number; playheadSec: number }) })), PREVIEW_FRAME_MARK);
  await page.getByTestId('play').click();
  const playing = marks.filter((mark) => mark.playheadSec > 0.05 && mark.playheadSec < sceneEndSec);
  if (playing.length < 2) {
    console.log(`preview        studio playback: ${playing.length} frames drawn in ${PLAY_SEC} s (the sound did not start?)`);
    return;
  }
  const spanSec = (playing[playing.length - 1].at - playing[0].at) / 1000;
  const offsetsMs = playing.map((mark) => (mark.frameSec - mark.playheadSec) * 1000);
  const gapsMs = playing.slice(1).map((mark, i) => mark.at - playing[i].at);
  // frames of the preview grid between the first and last drawn that never went up (never asked for, or dropped)
  const gridFrames = Math.round((playing[playing.length - 1].frameSec - playing[0].frameSec) * PREVIEW_FPS) + 1;
  console.log(
    `preview        studio playback 540×960: ${((playing.length - 1) / spanSec).toFixed(1)} fps drawn over ${spanSec.toFixed(1)} s of sound (longest gap ${Math.max(...gapsMs).toFixed(0)} ms, ${gridFrames - new Set(playing.map((mark) => mark.frameSec)).size} of ${gridFrames} grid frames not drawn); picture minus sound: median ${median(offsetsMs).toFixed(0)} ms, middle 80 % ${percentile(offsetsMs, 0.1).toFixed(0)} to ${percentile(offsetsMs, 0.9).toFixed(0)} ms`,
  );
  // CPU a second while playing, which a busy machine inflates less than it does the frame rate
  const perSec = (names: (name: string) => boolean) => [...spent].filter(([name]) => names(name)).reduce((sum, [, sec]) => sum + sec, 0) / wallSec;
  console.log(
    `preview        studio playback CPU (cores busy): page's Chromium ${perSec((name) => name.startsWith('chromium')).toFixed(2)} (renderer ${perSec((name) => name === 'chromium:renderer').toFixed(2)}, display ${perSec((name) => name === 'chromium:gpu-process').toFixed(2)}), engine ${perSec((name) => name === 'node' || name === 'ffmpeg').toFixed(2)} (of it ffmpeg ${perSec((name) => name === 'ffmpeg').toFixed(2)})`,
  );
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}
