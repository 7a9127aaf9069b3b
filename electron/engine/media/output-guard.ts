import { realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

export interface OutputGuardInput {
  /** The file about to be written. */
  outPath: string;
  /** Every file the command reads (missing ones are skipped: their own check says so). */
  inputs: readonly (string | undefined)[];
  /** Replace an existing output; without it an existing output is refused. */
  overwrite: boolean;
  /** How the user asks for a replacement, named in the refusal (e.g. "--overwrite"). */
  overwriteHint?: string;
}

/**
 * Refuses, before any work is done, an output that would destroy something: one that is (by path, symbolic link or
 * hard link) one of the inputs, one that is a folder, and an existing file unless `overwrite`. Throws InputError.
 */
export function assertOutputAllowed(input: OutputGuardInput): void {
  const { outPath } = input;
  const target = statOrNull(outPath);
  if (target?.isDirectory()) throw new InputError('BAD_ARGUMENT', `${outPath}: is a folder; give the output a file name.`, outPath);
  for (const inputPath of input.inputs) {
    if (inputPath === undefined || !isSameFile(outPath, target, inputPath)) continue;
    throw new InputError('OUTPUT_IS_INPUT', `${outPath}: is also an input (${inputPath}); writing it would destroy the input. Choose another output name.`, outPath);
  }
  if (target && !input.overwrite) {
    throw new InputError('OUTPUT_EXISTS', `${outPath}: already exists; add ${input.overwriteHint ?? '--overwrite'} to replace it, or choose another name.`, outPath);
  }
}

function isSameFile(outPath: string, target: Stats | null, inputPath: string): boolean {
  const source = statOrNull(inputPath);
  if (!source) return false;
  if (target) return target.dev === source.dev && target.ino === source.ino;
  // Not there yet: the same name through a symbolic link to a missing file, or the same resolved path.
  return resolveReal(outPath) === resolveReal(inputPath);
}

/** The real path, resolving links in the parts that exist (the last part may not). */
function resolveReal(filePath: string): string {
  const absolute = path.resolve(filePath);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return path.join(realpathSync(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function statOrNull(filePath: string): Stats | null {
  try {
    return statSync(filePath);
  } catch {
    return null;
  }
}
