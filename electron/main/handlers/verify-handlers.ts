import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { StudioHandlers } from '../../contract/studio-api';
import type { VideoVerdictView } from '../../contract/types';
import { guessKindFromExtension } from '../../engine/library/media-kind.js';
import type { VideoVerdict } from '../../engine/provenance/verify-video.js';
import { StudioFailure } from '../studio-errors';
import type { StudioHandlerDeps } from './handler-deps';

type VerifyHandlers = Pick<StudioHandlers, 'video.verify'>;

/**
 * `video.verify`: the check `mouthpiece verify` makes, with the library's own identity (its signing certificate and
 * watermark key). The path from the page is gated like an import's: absolute, an existing readable regular file
 * after symlinks, a video by its extension; the file is only ever read.
 */
export function createVerifyHandlers({ engine }: StudioHandlerDeps): VerifyHandlers {
  return {
    'video.verify': async ({ path: filePath }) => {
      const real = await checkVideoPath(filePath);
      const [{ verifyVideo, loadInstallationIdentity }, library, tools] = await Promise.all([import('../../engine/provenance/index.js'), engine.library(), engine.tools()]);
      const identity = await loadInstallationIdentity(library.libraryDir);
      return toVideoVerdictView(await verifyVideo({ tools, videoPath: real, identity }), path.basename(filePath));
    },
  };
}

async function checkVideoPath(filePath: string): Promise<string> {
  const name = path.basename(filePath);
  if (!path.isAbsolute(filePath)) throw new StudioFailure('BAD_INPUT', `${name}: the path must be absolute.`);
  const real = await realpath(filePath).catch(() => null);
  if (!real) throw new StudioFailure('BAD_INPUT', `${name}: there is no such file.`);
  if (!(await stat(real)).isFile()) throw new StudioFailure('BAD_INPUT', `${name}: is not a file; drop a video.`);
  if (guessKindFromExtension(real) !== 'video') throw new StudioFailure('BAD_INPUT', `${name}: is not a video; Mouthpiece checks videos (mp4, mov, webm, …).`);
  await access(real, constants.R_OK).catch(() => {
    throw new StudioFailure('BAD_INPUT', `${name}: cannot be read (permission denied).`);
  });
  return real;
}

/** The engine's verdict as the page shows it: names, not paths, and one summary word to colour by. */
export function toVideoVerdictView(result: VideoVerdict, name: string): VideoVerdictView {
  const { credentials, watermark } = result;
  const summary = credentials.status === 'tampered' ? 'tampered' : credentials.status === 'valid' ? 'signed' : watermark.found ? 'marked' : 'none';
  const view: VideoVerdictView['credentials'] =
    credentials.status === 'valid'
      ? { status: 'valid', signer: { ...credentials.signer }, description: describeClaim(credentials.claim) }
      : credentials.status === 'tampered'
        ? { status: 'tampered', reason: credentials.reason.replaceAll(result.path, name) }
        : { status: 'missing' };
  return {
    name,
    verdict: result.verdict.replaceAll(result.path, name),
    summary,
    credentials: view,
    watermark: { found: watermark.found, score: watermark.score, framesAveraged: watermark.framesAveraged },
  };
}

/** The plain-language description of the claim's `c2pa.created` action, when there is one. */
function describeClaim(claim: Record<string, unknown>): string | null {
  const assertions = Array.isArray(claim.assertions) ? (claim.assertions as { label?: unknown; data?: { actions?: { description?: unknown }[] } }[]) : [];
  const description = assertions.find((assertion) => assertion.label === 'c2pa.actions.v2')?.data?.actions?.[0]?.description;
  return typeof description === 'string' ? description : null;
}
