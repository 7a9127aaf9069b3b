/**
 * Preview figures measured in Chromium, as the studio page gets them: frames a second of the engine's preview at
 * 540×960 (each frame fetched over the bridge, decoded and drawn on a canvas, one after another), and the time to the
 * first animated frame after an edit of the line (the scene is prepared again: speech, performance, rig).
 */
import path from 'node:path';
import { createEmptyProjectDocument, type ProjectDocument } from '../../electron/contract/project-document.js';
import type { ImportResponse, ProjectView } from '../../electron/contract/types.js';
import { runFfmpeg } from '../../electron/engine/media/ffmpeg-adapter.js';
import { openStudioSession } from '../../tests/e2e/support/studio-session.js';
import { MEDIA, median, type BenchSection } from './bench-support.js';

const FRAMES = 60;
const EDITS = 3;

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
        tracks: [{ subject: 0, clips: [{ id: 'line', start: 0, kind: 'script', text, voice: 'en-us', duration: 3 }] }],
      });
      const project = await session.api<ProjectView>('projects.create', { name: 'Preview bench', document: documentSaying('Hello there, this is how the preview moves.') });
      await session.page.goto(session.bridge.url);

      // Runs in the page: fetch each frame over the bridge, decode it and draw it, as the stage does.
      const timeFrames = (args: { token: string; projectId: number; times: number[]; maxSide?: number }) =>
        session.page.evaluate(async ({ token, projectId, times, maxSide = 960 }) => {
          const canvas = document.createElement('canvas');
          const context = canvas.getContext('2d')!;
          const perFrameMs: number[] = [];
          let size = '';
          for (const timeSec of times) {
            const started = performance.now();
            const response = await fetch('/api', { method: 'POST', headers: { 'content-type': 'application/json', 'x-mouthpiece-token': token }, body: JSON.stringify({ method: 'preview.frame', payload: { projectId, timeSec, maxSide } }) });
            const result = (await response.json()) as { ok: boolean; value: { url: string; width: number; height: number }; error?: { message: string } };
            if (!result.ok) throw new Error(result.error?.message);
            // As the stage does: an <img> (the page's CSP lets images, not fetches, read data: URLs).
            const bitmap = new Image();
            bitmap.src = result.value.url;
            await bitmap.decode();
            canvas.width = bitmap.width;
            canvas.height = bitmap.height;
            context.drawImage(bitmap, 0, 0);
            size = `${bitmap.width}×${bitmap.height}`;
            perFrameMs.push(performance.now() - started);
          }
          return { perFrameMs, size };
        }, args);

      const token = session.bridge.token;
      await timeFrames({ token, projectId: project.id, times: [0] }); // prepares the scene once
      const playback = await timeFrames({ token, projectId: project.id, times: Array.from({ length: FRAMES }, (_, i) => (i + 1) / 25) });
      const totalMs = playback.perFrameMs.reduce((sum, ms) => sum + ms, 0);
      console.log(`preview        ${playback.size}: ${((FRAMES * 1000) / totalMs).toFixed(1)} fps over ${FRAMES} frames (median ${median(playback.perFrameMs).toFixed(0)} ms a frame, fetch + decode + draw in Chromium)`);

      // The size the studio asks for today (360 px on the long side).
      const small = await timeFrames({ token, projectId: project.id, times: Array.from({ length: FRAMES }, (_, i) => (i + 1) / 25), maxSide: 360 });
      const smallMs = small.perFrameMs.reduce((sum, ms) => sum + ms, 0);
      console.log(`preview        ${small.size}: ${((FRAMES * 1000) / smallMs).toFixed(1)} fps over ${FRAMES} frames (the studio's current preview size)`);

      const firstFrameMs: number[] = [];
      for (let edit = 1; edit <= EDITS; edit += 1) {
        await session.api('projects.save', { projectId: project.id, document: documentSaying(`Edit number ${edit}: the line changes, so the scene is prepared again.`) });
        const after = await timeFrames({ token, projectId: project.id, times: [0.5] });
        firstFrameMs.push(after.perFrameMs[0]);
      }
      console.log(`preview        first animated frame after an edit of the line: median ${median(firstFrameMs).toFixed(0)} ms (${firstFrameMs.map((ms) => ms.toFixed(0)).join(', ')} ms; save not counted)`);
    } finally {
      await session.close();
    }
  },
};
