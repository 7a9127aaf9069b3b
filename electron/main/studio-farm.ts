import type { RenderBackend } from '../engine/jobs/render-backend.js';

/**
 * The studio's side of "Render on farm": a FarmCoordinator (the same one `mouthpiece batch --farm` uses) for the farm
 * URL in the render settings. Without a password in the URL, $MOUTHPIECE_REDIS_PASSWORD is used, as in the CLI. Workers
 * reach the media server at `mediaAddress` (HOST or HOST:PORT, this computer's LAN address for a farm of several
 * computers), by default 127.0.0.1: workers on this computer only. `caPath` is the CA certificate a rediss:// farm's
 * certificate is checked against (the CLI's --farm-ca).
 */
export async function openStudioFarm({ farmUrl, libraryDir, version, mediaAddress = '127.0.0.1', caPath }: { farmUrl: string; libraryDir: string; version: string; mediaAddress?: string; caPath?: string }): Promise<RenderBackend> {
  const { parseFarmUrl, parseMediaAddress, redactSecrets, REDIS_PASSWORD_ENV, startFarmCoordinator } = await import('../engine/farm/index.js');
  // A rediss:// farm with a private certificate authority: its CA file, as the CLI's --farm-ca.
  const connection = parseFarmUrl(farmUrl, { password: process.env[REDIS_PASSWORD_ENV], tlsCaPath: caPath });
  const { host, port } = parseMediaAddress(mediaAddress, 'The address workers reach this computer at');
  const coordinator = await startFarmCoordinator({ connection, libraryDir, mediaHost: host, mediaPort: port, version });
  return {
    kind: 'farm',
    // Reasons that reach the queue (and the page) never carry the farm's password or tokens.
    runner: async (job, options) => {
      try {
        return await coordinator.runner(job, options);
      } catch (error) {
        if (error instanceof Error) error.message = redactSecrets(error.message, coordinator.secrets);
        throw error;
      }
    },
    close: () => coordinator.close(),
  };
}
