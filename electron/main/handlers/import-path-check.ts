import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { guessKindFromExtension } from '../../engine/library/media-kind.js';
import { isStrictlyInside } from '../media-path';
import { StudioFailure } from '../studio-errors';

/**
 * The gate in front of `library.import`: a path from the page is only read when it names an existing, readable
 * regular file (after symlinks) of a kind the library takes, and is not inside the library itself. The file is only
 * ever read (the library copies it into its store). Returns the real path to import.
 */
export async function checkImportPath(filePath: string, { libraryDir }: { libraryDir: string }): Promise<string> {
  const name = path.basename(filePath);
  if (!path.isAbsolute(filePath)) throw new StudioFailure('BAD_INPUT', `${name}: the path must be absolute.`);
  const real = await realpath(filePath).catch(() => null);
  if (!real) throw new StudioFailure('BAD_INPUT', `${filePath}: there is no such file.`);
  const info = await stat(real);
  if (!info.isFile()) throw new StudioFailure('BAD_INPUT', `${filePath}: is ${info.isDirectory() ? 'a folder' : 'not a regular file'}; drop files, not folders or devices.`);
  if (guessKindFromExtension(real) === null) {
    throw new StudioFailure('BAD_INPUT', `${name}: Mouthpiece takes photos (png, jpg, webp, …), videos (mp4, mov, webm, …), recordings (wav, mp3, m4a, ogg, flac, …) and scripts (txt).`);
  }
  await access(real, constants.R_OK).catch(() => {
    throw new StudioFailure('BAD_INPUT', `${filePath}: cannot be read (permission denied).`);
  });
  if (isStrictlyInside(await realpath(libraryDir).catch(() => libraryDir), real)) throw new StudioFailure('BAD_INPUT', `${name}: is already in the library.`);
  return real;
}
