import os from 'node:os';
import { CancelledError, EngineError, InputError } from '../engine/errors.js';
import { describeStopCause, STOP_EXIT_CODES, type StopCause } from './process-lifecycle.js';

/**
 * The CLI's exit-code policy and its one line on stderr: 2 for the user's input, options or settings, 1 for our own
 * failures (and a full disk, which no change of input fixes), 130 / 143 / 129 when stopped (see process-lifecycle.ts).
 * The line names the file and the problem; never a stack (unless MOUTHPIECE_DEBUG is set), never a temporary path.
 */
export function reportError(error: unknown, context: { command?: string; stopCause?: StopCause | null } = {}): number {
  const { code, line } = describeError(error, context);
  process.stderr.write(`mouthpiece: ${oneLine(line)}\n`);
  if (process.env.MOUTHPIECE_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return code;
}

function describeError(error: unknown, context: { command?: string; stopCause?: StopCause | null }): { code: number; line: string } {
  const help = context.command ? `mouthpiece ${context.command} --help` : 'mouthpiece --help';
  // Once stopped, whatever failed next (ffmpeg killed by the same Ctrl-C, a closed pipe) is the stop's doing.
  if (error instanceof CancelledError || context.stopCause) {
    const cause = context.stopCause ?? 'SIGINT';
    return { code: STOP_EXIT_CODES[cause], line: `stopped (${describeStopCause(cause)}); unfinished files removed.` };
  }
  if (error instanceof InputError) return { code: 2, line: error.message };
  const argumentLine = describeArgumentError(error, help);
  if (argumentLine) return { code: 2, line: argumentLine };
  if (error instanceof EngineError) {
    if (error.code === 'DISK_FULL') return { code: 1, line: error.message.split('\n')[0] };
    return { code: 1, line: error.message };
  }
  const fileLine = describeFileError(error);
  if (fileLine) return fileLine;
  return { code: 1, line: `internal error: ${error instanceof Error ? error.message : String(error)}` };
}

/** node:util parseArgs errors, in our words. */
function describeArgumentError(error: unknown, help: string): string | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return null;
  const message = (error as Error).message;
  const option = /'(-[^', ]*)(?:, (--[^' ]+))?/.exec(message);
  const name = option ? (option[2] ?? option[1]) : '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${name}. Run \`${help}\`.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /argument '([^']*)'/.exec(message)?.[1] ?? '';
    return `unexpected argument "${argument}" (to name a file that begins with "-", write ./${argument}). Run \`${help}\`.`;
  }
  if (/ambiguous/.test(message)) return `the value of ${name} begins with "-": write ${name}=VALUE, or ./VALUE for a file. Run \`${help}\`.`;
  if (/does not take an argument/.test(message)) return `${name} is a switch; it takes no value. Run \`${help}\`.`;
  if (/argument missing/.test(message)) return `${name} needs a value. Run \`${help}\`.`;
  return `${message}. Run \`${help}\`.`;
}

/** A file-system error that reached us raw: say what it means, not where Node met it. */
function describeFileError(error: unknown): { code: number; line: string } | null {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : '';
  const what = message.includes(': ') && !/^E[A-Z]+:/.test(message) ? message.slice(0, message.indexOf(': ')) : 'a file could not be written';
  if (code === 'ENOSPC' || code === 'EDQUOT') return { code: 1, line: `The disk is full: ${what}.` };
  if (code === 'EROFS') return { code: 2, line: `${what}: the disk is read-only.` };
  if (code === 'EACCES' || code === 'EPERM') return { code: 2, line: `${what}: no permission.` };
  if (code === 'ENOENT') return { code: 2, line: `${what}: a folder or file on the way does not exist.` };
  if (code === 'ENOTDIR') return { code: 2, line: `${what}: part of the path is a file, not a folder.` };
  if (code === 'EISDIR') return { code: 2, line: `${what}: is a folder, not a file.` };
  return null;
}

/** One line, and no temporary paths: our temporary folders and files are named "a temporary file". */
export function oneLine(text: string): string {
  const tmp = os.tmpdir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text
    .replace(new RegExp(`${tmp}/mouthpiece-(render|preview|bridge)-(\\d+-)?[A-Za-z0-9]{6}[^\\s'"),;]*`, 'g'), 'a temporary file')
    .replace(/\S*\/\.[^/\s]+\.partial-\d+-\d+[^\s'"),;]*/g, 'a temporary file')
    .split(/\r?\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\s+/g, ' ');
}
