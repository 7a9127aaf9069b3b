import { constants as fsConstants } from 'node:fs';
import { access, chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { EngineError, InputError } from '../errors.js';
import { readToolVersion, runEncodeSmokeTest, type FfmpegToolName } from './ffmpeg-adapter.js';

/** Absolute paths of a working ffmpeg and ffprobe, as every media function takes them. */
export interface FfmpegTools {
  ffmpegPath: string;
  ffprobePath: string;
}

export interface ResolveFfmpegToolsOptions {
  /** Configured by the user; tried first. */
  ffmpegPath?: string;
  ffprobePath?: string;
  /** Environment to read MOUTHPIECE_FFMPEG / MOUTHPIECE_FFPROBE and PATH from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Skip the binaries shipped in @ffmpeg-installer / @ffprobe-installer (tests, or to force the system ones). */
  skipBundled?: boolean;
  /** Limit for each `-version` check. */
  versionTimeoutMs?: number;
  /** Only decoding is needed (speech analysis): skip the H.264/AAC encode check, a process start of its own. */
  decodeOnly?: boolean;
}

interface Candidate {
  source: string;
  binaryPath: string | null;
  /** Why there is no path to try (e.g. the bundled package is missing). */
  unavailable?: string;
}

const ENV_VARIABLES: Record<FfmpegToolName, string> = { ffmpeg: 'MOUTHPIECE_FFMPEG', ffprobe: 'MOUTHPIECE_FFPROBE' };
const cache = new Map<string, Promise<FfmpegTools>>();

/**
 * Finds a working ffmpeg and ffprobe. For each tool the order is: configured path, then the environment
 * variable, then the binary bundled in node_modules, then the one on PATH; each candidate must answer
 * `-version`. Throws EngineError FFMPEG_MISSING listing every candidate and why it failed.
 * Results are cached per options; a failure is not cached, so fixing the setup and retrying works.
 */
export function resolveFfmpegTools(options: ResolveFfmpegToolsOptions = {}): Promise<FfmpegTools> {
  const env = options.env ?? process.env;
  const key = JSON.stringify([
    options.ffmpegPath,
    options.ffprobePath,
    env.MOUTHPIECE_FFMPEG,
    env.MOUTHPIECE_FFPROBE,
    env.PATH ?? env.Path,
    options.skipBundled ?? false,
    options.decodeOnly ?? false,
  ]);
  let pending = cache.get(key);
  if (!pending) {
    pending = resolveUncached({ ...options, env });
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

async function resolveUncached(options: ResolveFfmpegToolsOptions & { env: NodeJS.ProcessEnv }): Promise<FfmpegTools> {
  const timeoutMs = options.versionTimeoutMs ?? 10_000;
  const [ffmpeg, ffprobe] = await Promise.all([
    resolveTool({ tool: 'ffmpeg', configuredPath: options.ffmpegPath, ...options, timeoutMs }),
    resolveTool({ tool: 'ffprobe', configuredPath: options.ffprobePath, ...options, timeoutMs }),
  ]);
  if (typeof ffmpeg !== 'string' || typeof ffprobe !== 'string') {
    const missing = [typeof ffmpeg === 'string' ? null : 'ffmpeg', typeof ffprobe === 'string' ? null : 'ffprobe'].filter(Boolean);
    const tried = [ffmpeg, ffprobe].filter((r): r is string[] => typeof r !== 'string').flat();
    const lines = [
      `Could not find a working ${missing.join(' or ')}. Tried:`,
      ...tried.map((line) => `  - ${line}`),
      'To fix: install ffmpeg (it provides ffprobe too) so it is on PATH, or set MOUTHPIECE_FFMPEG and MOUTHPIECE_FFPROBE ' +
        'to the full paths of working binaries (or configure them in the settings), or reinstall the app dependencies.',
    ];
    throw new EngineError('FFMPEG_MISSING', lines.join('\n'));
  }
  return { ffmpegPath: ffmpeg, ffprobePath: ffprobe };
}

/** Returns the working path, or the list of "candidate: reason" lines. */
async function resolveTool(input: {
  tool: FfmpegToolName;
  configuredPath?: string;
  env: NodeJS.ProcessEnv;
  skipBundled?: boolean;
  decodeOnly?: boolean;
  timeoutMs: number;
}): Promise<string | string[]> {
  const candidates: Candidate[] = [];
  if (input.configuredPath) candidates.push({ source: 'configured path', binaryPath: path.resolve(input.configuredPath) });
  const fromEnv = input.env[ENV_VARIABLES[input.tool]];
  if (fromEnv) candidates.push({ source: ENV_VARIABLES[input.tool], binaryPath: path.resolve(fromEnv) });
  if (!input.skipBundled) candidates.push(await findBundled(input.tool));
  candidates.push(await findOnPath(input.tool, input.env));

  const failures: string[] = [];
  for (const candidate of candidates) {
    if (!candidate.binaryPath) {
      failures.push(`${input.tool} from ${candidate.source}: ${candidate.unavailable}`);
      continue;
    }
    try {
      await ensureExecutable(candidate.binaryPath);
      await readToolVersion({ binaryPath: candidate.binaryPath, timeoutMs: input.timeoutMs });
      // Every export is H.264 + AAC: an ffmpeg built without them is not usable, however well it runs.
      if (input.tool === 'ffmpeg' && !input.decodeOnly) await runEncodeSmokeTest({ ffmpegPath: candidate.binaryPath, timeoutMs: Math.max(input.timeoutMs, 10_000) });
      return candidate.binaryPath;
    } catch (error) {
      failures.push(`${input.tool} from ${candidate.source} (${candidate.binaryPath}): ${(error as Error).message}`);
    }
  }
  return failures;
}

async function findBundled(tool: FfmpegToolName): Promise<Candidate> {
  const source = tool === 'ffmpeg' ? '@ffmpeg-installer/ffmpeg' : '@ffprobe-installer/ffprobe';
  try {
    // These packages throw (a string, not an Error) on unsupported platforms or a missing binary package.
    const mod: { default?: { path?: string }; path?: string } =
      tool === 'ffmpeg' ? await import('@ffmpeg-installer/ffmpeg') : await import('@ffprobe-installer/ffprobe');
    const modulePath = mod.default?.path ?? mod.path;
    if (!modulePath) return { source, binaryPath: null, unavailable: 'the package exports no path' };
    return { source, binaryPath: toUnpackedAsarPath(modulePath) };
  } catch (error) {
    return { source, binaryPath: null, unavailable: `not available (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** A packaged app cannot execute files inside app.asar; electron-builder unpacks them next to it. */
function toUnpackedAsarPath(binaryPath: string): string {
  return binaryPath.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

async function findOnPath(tool: FfmpegToolName, env: NodeJS.ProcessEnv): Promise<Candidate> {
  const source = 'PATH';
  const pathValue = env.PATH ?? env.Path ?? '';
  const dirs = pathValue.split(path.delimiter).filter((dir) => dir !== '');
  if (dirs.length === 0) return { source, binaryPath: null, unavailable: 'PATH is empty' };
  const names = process.platform === 'win32' ? [`${tool}.exe`, tool] : [tool];
  for (const dir of dirs) {
    for (const name of names) {
      const candidatePath = path.join(dir, name);
      try {
        if ((await stat(candidatePath)).isFile()) return { source, binaryPath: candidatePath };
      } catch {
        // not in this directory
      }
    }
  }
  const listed = dirs.join(path.delimiter);
  const where = listed.length <= 200 ? ` (${listed})` : '';
  return { source, binaryPath: null, unavailable: `not found in any of the ${dirs.length} PATH directories${where}` };
}

/**
 * Checks a binary the user named in a setting (MOUTHPIECE_FFMPEG, MOUTHPIECE_FFPROBE): a setting that points at
 * something unusable is refused in one line naming the setting, rather than quietly passed over for another ffmpeg.
 * A binary that hangs is given `timeoutMs`. Throws InputError BAD_SETTING; never changes the file.
 */
export async function assertToolSetting(input: { tool: FfmpegToolName; setting: string; value: string; timeoutMs?: number }): Promise<void> {
  const binaryPath = path.resolve(input.value);
  const refuse = (reason: string): never => {
    throw new InputError('BAD_SETTING', `${input.setting}=${input.value}: ${reason}; point it at a working ${input.tool} or unset it.`, input.value);
  };
  const info = await stat(binaryPath).catch(() => null);
  if (!info) refuse('no such file');
  if (!info!.isFile()) refuse('is not a file');
  if (process.platform !== 'win32') await access(binaryPath, fsConstants.X_OK).catch(() => refuse('is not executable'));
  const timeoutMs = input.timeoutMs ?? 8000;
  try {
    await readToolVersion({ binaryPath, timeoutMs });
  } catch (error) {
    const reason = (error as Error).message;
    if (/took longer than/.test(reason)) refuse(`did not answer within ${Math.round(timeoutMs / 1000)} s (it hangs)`);
    if (/does not look like/.test(reason)) refuse(`is not ${input.tool}`);
    const exit = /exit code (\d+)/.exec(reason)?.[1];
    const signal = /signal (SIG\w+)/.exec(reason)?.[1];
    refuse(exit ? `cannot be run (it stops with error code ${exit})` : signal ? `cannot be run (it crashes: ${signal})` : `cannot be run (${reason.split('\n')[0].trim()})`);
  }
}

/** npm tarballs sometimes lose the executable bit; give it back to the owner when we can. */
async function ensureExecutable(binaryPath: string): Promise<void> {
  if (process.platform === 'win32') return;
  let info;
  try {
    info = await stat(binaryPath);
  } catch {
    throw new Error('not found');
  }
  if (!info.isFile()) throw new Error('not a file');
  try {
    await access(binaryPath, fsConstants.X_OK);
  } catch {
    try {
      await chmod(binaryPath, info.mode | 0o100);
      await access(binaryPath, fsConstants.X_OK);
    } catch (error) {
      throw new Error(`not executable, and chmod u+x failed (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
}

