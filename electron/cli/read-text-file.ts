import { readFile } from 'node:fs/promises';
import { InputError } from '../engine/errors.js';

/** A UTF-8 text file given on the command line; a missing or unreadable one is an InputError naming it. */
export async function readTextFile(filePath: string): Promise<string> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'UNREADABLE_MEDIA', `${filePath}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}.`, filePath);
  }
}
