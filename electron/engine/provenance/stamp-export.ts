/**
 * What the render pipeline calls: the installation's identity for a render (its watermark key marks the frames), and
 * the signed credentials appended to the finished file. One place, so the dubbing and any later pipeline stamp the same.
 */
import os from 'node:os';
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { hashFile } from '../library/media-store.js';
import { toDiskError } from '../media/atomic-file.js';
import { embedContentCredentials, type CredentialsInput } from './content-credentials.js';
import { loadInstallationIdentity, type InstallationIdentity } from './installation-identity.js';

/**
 * The identity kept in `libraryDir`; without one (the engine used from a script or a test, no library), the one in
 * $MOUTHPIECE_LIBRARY or else a per-user folder in the temporary directory.
 */
export function loadRenderIdentity(libraryDir?: string): Promise<InstallationIdentity> {
  const dir = libraryDir ?? process.env.MOUTHPIECE_LIBRARY ?? path.join(os.tmpdir(), `mouthpiece-provenance-${os.userInfo().uid}`);
  return loadInstallationIdentity(dir);
}

/** Signs the finished video; if that fails the video is removed, so no export leaves without its credentials. */
export async function stampFinishedExport(input: {
  outPath: string;
  identity: InstallationIdentity;
  credentials: Omit<CredentialsInput, 'sources'>;
  sources: { role: 'face' | 'audio'; path: string }[];
}): Promise<void> {
  try {
    const sources = await Promise.all(input.sources.map(async (s) => ({ ...s, sha256: (await hashFile({ filePath: s.path })).sha256 })));
    await embedContentCredentials(input.outPath, { ...input.credentials, sources }, input.identity);
  } catch (error) {
    await rm(input.outPath, { force: true }).catch(() => {});
    throw toDiskError(error, `cannot sign ${input.outPath}`);
  }
}
