import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStudio } from '../../electron/bridge/node-studio.js';
import type { StudioMethod } from '../../electron/contract/channels.js';
import type { RenderSettingsView, StudioResult } from '../../electron/contract/types.js';
import { hasRedisServer, makeTestTlsFiles, startTestRedis, type TestRedis, type TestTlsFiles } from '../../electron/engine/farm/test-support/test-redis.js';
import { dispatchStudioRequest } from '../../electron/main/dispatch-studio-request.js';
import { openTestStudio } from '../../electron/main/handlers/test-support/test-studio.js';
import { readRenderSettings } from '../../electron/main/render-settings.js';
import { openStudioFarm } from '../../electron/main/studio-farm.js';

/*
 * The studio's counterpart of the CLI's --farm-ca: a rediss:// farm whose certificate is signed by a private authority
 * (a real TLS-only redis-server). The setting is checked before it is kept (absolute, readable, PEM), and the studio's
 * coordinator connects with it, and cannot without it.
 */
const dir = mkdtempSync(join(tmpdir(), 'mouthpiece-studio-farm-tls-'));
let tls: TestTlsFiles;
let redis: TestRedis | undefined;
let studio: NodeStudio;

beforeAll(async () => {
  studio = openTestStudio(dir, []);
  if (!hasRedisServer) return;
  tls = makeTestTlsFiles(dir);
  redis = await startTestRedis({ tls });
});

afterAll(async () => {
  await studio?.close();
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: StudioMethod, payload?: unknown): Promise<StudioResult<RenderSettingsView>> {
  return (await dispatchStudioRequest(studio.handlers, `studio:${method}`, payload, () => {})) as StudioResult<RenderSettingsView>;
}

describe.skipIf(!hasRedisServer)('the studio on a rediss:// farm with a private CA', () => {
  it('refuses a CA file that is missing, relative or not PEM, keeps a good one, and connects with it only', async () => {
    const farmUrl = redis!.url;
    const notPem = join(dir, 'not-a-cert.pem');
    writeFileSync(notPem, 'this is a key, not a certificate\n');
    for (const [caPath, code, words] of [
      [join(dir, 'missing.pem'), 'BAD_INPUT', /cannot read this CA certificate/],
      [notPem, 'BAD_INPUT', /not a PEM certificate/],
      ['ca.pem', 'BAD_REQUEST', /caPath/],
    ] as const) {
      const refused = await call('render.setFarm', { farmUrl, caPath });
      expect(refused.ok, caPath).toBe(false);
      if (!refused.ok) {
        expect(refused.error).toMatchObject({ code, message: expect.stringMatching(words) });
        expect(refused.error.message).not.toContain(redis!.password);
      }
    }
    // Nothing refused was kept.
    expect(await readRenderSettings(join(dir, 'library'))).not.toHaveProperty('farmCaPath');

    const saved = await call('render.setFarm', { farmUrl, caPath: tls.caFile });
    expect(saved).toMatchObject({ ok: true, value: { farmUrl: expect.stringMatching(/^rediss:\/\/:\*\*\*@127\.0\.0\.1/), farmCaPath: tls.caFile } });
    expect(JSON.stringify(await call('render.getSettings'))).not.toContain(redis!.password);
    const stored = await readRenderSettings(join(dir, 'library'));
    expect(stored.farmCaPath).toBe(tls.caFile);

    // The studio's coordinator, opened from the stored settings as engine-facade does: it reaches Redis with the CA.
    const libraryDir = join(dir, 'library');
    const farm = await openStudioFarm({ farmUrl: stored.farmUrl as string, caPath: stored.farmCaPath, libraryDir, version: 'test' });
    expect(farm.kind).toBe('farm');
    await farm.close();
    // Without it, the private authority's certificate is refused, in one line without the password.
    const refused = await openStudioFarm({ farmUrl: stored.farmUrl as string, libraryDir, version: 'test' }).then(() => null, (error: unknown) => error as Error);
    expect(refused?.message).toMatch(/cannot reach the farm's Redis at rediss:\/\/:\*\*\*@/);
    expect(refused?.message).not.toContain(redis!.password);

    // Forgetting the farm forgets its CA too.
    expect(await call('render.setFarm', { farmUrl: null })).toMatchObject({ ok: true, value: { farmUrl: null, farmCaPath: null } });
  }, 120_000);
});
