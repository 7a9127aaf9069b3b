import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { BINARY_RESULT_TYPE, decodeBinaryResult } from '../../../electron/contract/binary-result';
import { startStudioBridge, type StudioBridge } from '../../../electron/bridge/start-studio-bridge';
import { defaultModelPaths, defaultSamplesDir } from '../../../electron/engine/install-layout';
import type { ImportResponse, StudioResult } from '../../../electron/contract/types';
import { resolveFfmpegTools, type FfmpegTools } from '../../../electron/engine/media/index';
import { ROOT } from '../../helpers/run-cli';
import { buildRendererForTest } from './build-renderer';
import { launchChromium } from './chromium';

export const SHOTS = path.join(ROOT, 'test-output', 'screenshots');

/** A fresh library behind the real bridge, the built studio page, and a Chromium page (not yet pointed at it). */
export interface StudioSession {
  dir: string;
  bridge: StudioBridge;
  page: Page;
  tools: FfmpegTools;
  /** Uncaught errors of the page, for tests to assert there were none. */
  pageErrors: string[];
  /** Messages the page logged as console errors (a 404 logs one too). */
  consoleErrors: string[];
  /** Requests that failed on the network or were answered with an HTTP error status. */
  failedRequests: string[];
  /** Calls a contract method over the bridge, as the page would; throws the error's message. */
  api<T>(method: string, payload?: unknown): Promise<T>;
  shot(name: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** `locale` is the system language the page sees (`navigator.language`); `viewport` its window size. */
export async function openStudioSession(tempPrefix: string, { locale, viewport }: { locale?: string; viewport?: { width: number; height: number } } = {}): Promise<StudioSession> {
  const dir = await mkdtemp(path.join(os.tmpdir(), tempPrefix));
  await mkdir(SHOTS, { recursive: true });
  const [rendererDir, tools] = await Promise.all([buildRendererForTest(), resolveFfmpegTools()]);
  const bridge = await startStudioBridge({ libraryDir: path.join(dir, 'library'), rendererDir, ...defaultModelPaths(), samplesDir: defaultSamplesDir(), version: 'e2e' });
  const browser = await launchChromium({ ...viewport, locale });
  const page = await browser.context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(`${message.text()} (${message.location().url})`));
  const failedRequests: string[] = [];
  // A request the page itself abandoned (a superseded media load) is not a failure the user sees.
  page.on('requestfailed', (request) => request.failure()?.errorText !== 'net::ERR_ABORTED' && failedRequests.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => response.status() >= 400 && failedRequests.push(`${response.url()}: HTTP ${response.status()}`));
  return {
    dir,
    bridge,
    page,
    tools,
    pageErrors,
    consoleErrors,
    failedRequests,
    async api<T>(method: string, payload?: unknown): Promise<T> {
      const response = await fetch(`${bridge.origin}/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-mouthpiece-token': bridge.token },
        body: JSON.stringify({ method, payload }),
      });
      // as the page's bridge client: a result holding bytes (a preview frame) comes as one binary body
      const binary = response.headers.get('content-type') === BINARY_RESULT_TYPE;
      const result = (binary ? decodeBinaryResult(await response.arrayBuffer()) : await response.json()) as StudioResult<T>;
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    },
    shot: (name) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) }),
    async close() {
      await browser.close();
      await bridge.close();
      await rm(dir, { recursive: true, force: true });
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}

/**
 * A session whose library holds one imported picture (consent ticked when asked), with the page open on the studio.
 * `faceId` is the library's id of that picture.
 */
export async function openStudioWithFace(
  tempPrefix: string,
  facePath: string,
  { consent = false, ...options }: { consent?: boolean } & Parameters<typeof openStudioSession>[1] = {},
): Promise<{ session: StudioSession; faceId: number }> {
  const session = await openStudioSession(tempPrefix, options);
  const [face] = (await session.api<ImportResponse>('library.import', { paths: [facePath] })).results;
  if (!face.ok) throw new Error(`import of ${facePath} failed`);
  if (consent) await session.api('library.setConsent', { faceId: face.id, consent: true });
  await session.page.goto(session.bridge.url);
  return { session, faceId: face.id };
}
