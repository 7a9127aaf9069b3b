import { parseFarmUrl, parseMediaAddress, redactSecrets, REDIS_PASSWORD_ENV, startFarmCoordinator } from '../../engine/farm/index.js';
import type { RenderBackend } from '../../engine/jobs/render-backend.js';
import { packageVersion } from '../../engine/install-layout.js';

export const FARM_BATCH_USAGE = `  --farm URL             render on a farm instead of this computer: redis://:PASSWORD@HOST:6379 (or rediss://
                         for TLS), with \`mouthpiece worker --farm URL\` running on the farm's computers;
                         without a password in the URL, $MOUTHPIECE_REDIS_PASSWORD is used
  --farm-ca FILE         a CA certificate for a rediss:// server not signed by a public authority
  --media-address H[:P]  where workers fetch the media from this computer (default 127.0.0.1, any free port);
                         give this computer's LAN address when the workers run elsewhere`;

/** A backend the batch command can use and always close, and that keeps secrets out of what it reports. */
export interface CommandBackend extends RenderBackend {
  describe: string;
  redact(error: unknown): unknown;
}

export async function openFarmBackend({ url, caPath, mediaAddress = '127.0.0.1', libraryDir }: { url: string; caPath?: string; mediaAddress?: string; libraryDir: string }): Promise<CommandBackend> {
  const connection = parseFarmUrl(url, { tlsCaPath: caPath, password: process.env[REDIS_PASSWORD_ENV] });
  const { host, port } = parseMediaAddress(mediaAddress);
  const coordinator = await startFarmCoordinator({ connection, libraryDir, mediaHost: host, mediaPort: port, version: packageVersion() });
  return {
    ...coordinator,
    describe: `${connection.safeUrl} (media served at ${coordinator.mediaUrl})`,
    redact(error) {
      if (!(error instanceof Error)) return error;
      error.message = redactSecrets(error.message, coordinator.secrets);
      if (error.stack) error.stack = redactSecrets(error.stack, coordinator.secrets);
      return error;
    },
  };
}
