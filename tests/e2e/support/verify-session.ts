import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { renderSampleVideo } from '../../helpers/render-sample-video';
import { openStudioSession, type StudioSession } from './studio-session';

const run = promisify(execFile);

export interface VerifySession {
  session: StudioSession;
  page: Page;
  /** A render of the bundled sample by this studio's library: signed here, watermarked. */
  rendered: string;
  /** The same re-encoded at CRF 28: credentials gone, watermark kept. */
  reencoded: string;
}

/** A studio in Chromium with a render of its own and a re-upload of it, opened before the file's tests and closed after. */
export function useVerifySession(tempPrefix: string): () => VerifySession {
  let opened: VerifySession | undefined;
  beforeAll(async () => {
    const session = await openStudioSession(tempPrefix);
    const rendered = path.join(session.dir, 'sample-render.mp4');
    const reencoded = path.join(session.dir, 'sample-reupload.mp4');
    opened = { session, page: session.page, rendered, reencoded };
    await renderSampleVideo({ outPath: rendered, libraryDir: path.join(session.dir, 'library') });
    await run(session.tools.ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-i', rendered, '-c:v', 'libx264', '-crf', '28', '-preset', 'veryfast', '-c:a', 'copy', reencoded]);
    await session.page.goto(session.bridge.url);
  }, 300_000);
  afterAll(async () => {
    await opened?.session.close();
  });
  return () => {
    if (!opened) throw new Error('the verify session is opened before the tests');
    return opened;
  };
}
