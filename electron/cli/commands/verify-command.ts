import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { InputError } from '../../engine/errors.js';
import { loadInstallationIdentity } from '../../engine/provenance/installation-identity.js';
import { verifyVideo } from '../../engine/provenance/verify-video.js';
import type { CommandContext } from '../command-context.js';
import { defaultLibraryDir } from '../../engine/install-layout.js';

export const VERIFY_USAGE = `mouthpiece verify <video> [--library DIR] [--json]

  Checks a video's disclosure: its signed content credentials (valid, tampered or missing) and this installation's
  invisible watermark (found or not, with a score). Prints a one-line verdict; exit 0 whenever the check ran.

  --library DIR   the library whose signing identity and watermark key are used (default: the app's own)
  --json          the details as JSON on stdout`;

export async function runVerifyCommand(argv: string[], ctx: CommandContext): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { library: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return ctx.out(VERIFY_USAGE);
  if (positionals.length !== 1) throw new InputError('BAD_ARGUMENT', 'give one video: mouthpiece verify <video>. Run `mouthpiece verify --help`.');
  const videoPath = positionals[0];
  if (!existsSync(videoPath)) throw new InputError('FILE_NOT_FOUND', `${videoPath}: no such file.`, videoPath);
  const engine = await ctx.engine();
  const identity = await loadInstallationIdentity(path.resolve(values.library ?? defaultLibraryDir()));
  const result = await verifyVideo({ tools: engine.tools, videoPath, identity, signal: ctx.signal });
  if (values.json) return ctx.out(JSON.stringify(result));
  ctx.out(`${videoPath}: ${result.verdict}`);
}
