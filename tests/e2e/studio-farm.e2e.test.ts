import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchView } from '../../electron/contract/types';
import { hasRedisServer } from '../../electron/engine/farm/test-support/test-redis.js';
import { startFarmWorkerProcess } from '../helpers/farm-processes.js';
import { useFarmRig } from '../helpers/farm-rig.js';
import { SAMPLE_FACE } from '../helpers/shared-media.js';
import { hasChromium } from './support/chromium';
import { openStudioWithFace, type StudioSession } from './support/studio-session';

/*
 * "Render on farm" in the real React studio over the bridge: the checkboxes (batch, single export) wait for a farm,
 * the farm's URL is typed in the render queue and shown back without its password, and a batch queued with the box ticked is rendered by a real
 * `mouthpiece worker` on a real redis-server. Bundled sample face only: no corpus.
 */
const rigDir = mkdtempSync(path.join(tmpdir(), 'mouthpiece-farm-e2e-'));
const rig = useFarmRig(rigDir, { when: hasRedisServer && hasChromium, queue: true });
let session: StudioSession;
let page: Page;

describe.skipIf(!hasChromium || !hasRedisServer)('Render on farm in Chromium over the bridge', () => {
  beforeAll(async () => {
    ({ session } = await openStudioWithFace('mouthpiece-farm-studio-e2e-', SAMPLE_FACE, { consent: true }));
    page = session.page;
    await session.api('scripts.create', { name: 'Farmed', text: 'Hello from the farm.' });
    await session.api('presets.save', { name: 'tiny', settings: { width: 512, height: 512, fps: 10, crf: 23 } });
  }, 120_000);

  afterAll(async () => {
    await session?.close();
  });

  it('waits for a farm, keeps its password off the page, and renders a ticked batch on the farm', async () => {
    // No farm yet: a single export has no "on farm" choice.
    expect(await page.getByTestId('export-on-farm').count()).toBe(0);
    await page.getByTestId('batch-button').click();
    const builder = page.getByTestId('batch-builder');
    expect(await builder.getByTestId('batch-farm').isDisabled()).toBe(true);
    expect(await builder.getByTestId('batch-farm-hint').textContent()).toMatch(/Set a render farm/);
    await builder.getByRole('button', { name: 'Cancel' }).click();

    const queue = page.getByTestId('queue');
    if ((await queue.locator('.queue-toggle').getAttribute('aria-expanded')) !== 'true') await queue.locator('.queue-toggle').click();
    await queue.getByTestId('farm-edit').click();
    const { password, port } = rig.redis;
    await queue.getByTestId('farm-url').fill(`redis://:${password}@127.0.0.1:${port}`);
    await queue.getByTestId('farm-save').click();
    await expect.poll(() => queue.getByTestId('farm-setting').textContent(), { timeout: 10_000 }).toContain(`redis://:***@127.0.0.1:${port}`);
    expect(await page.content()).not.toContain(password);
    // With a farm, a single export may go there too.
    await page.getByTestId('export-on-farm').check();
    await expect.poll(() => page.getByTestId('render-button').textContent()).toBe('Export on farm');
    await page.getByTestId('export-on-farm').uncheck();

    const worker = rig.track(startFarmWorkerProcess({ url: `redis://127.0.0.1:${port}`, cacheDir: path.join(rigDir, 'cache'), env: { MOUTHPIECE_REDIS_PASSWORD: password, MOUTHPIECE_LIBRARY: path.join(rigDir, 'worker-library') } }));
    await worker.waitForLine(/taking render jobs/);

    await page.getByTestId('batch-button').click();
    await builder.getByTestId('batch-faces').getByText('portrait-eileen-collins-nasa').click();
    await builder.getByTestId('batch-scripts').getByText('Farmed').click();
    const tiny = await builder.getByTestId('batch-format').locator('option', { hasText: 'tiny' }).getAttribute('value');
    await builder.getByTestId('batch-format').selectOption(tiny as string);
    await builder.getByTestId('batch-captions-none').click();
    await builder.getByTestId('batch-farm').check();
    await expect.poll(() => builder.getByTestId('batch-queue').isEnabled(), { timeout: 10_000 }).toBe(true);
    await session.shot('batch-render-on-farm');
    await builder.getByTestId('batch-queue').click();
    await expect.poll(() => builder.isVisible()).toBe(false);

    const finished = async () => (await session.api<BatchView[]>('batch.list'))[0]?.counts;
    await expect.poll(finished, { timeout: 300_000, interval: 500 }).toMatchObject({ total: 1, done: 1 });
    await expect.poll(() => page.getByTestId('queue-job').first().textContent(), { timeout: 10_000 }).toContain('on the farm');
    // Made by the farm's worker, not by this computer's queue.
    expect(await rig.queue.getJobCounts('completed')).toMatchObject({ completed: 1 });
  }, 400_000);
});
