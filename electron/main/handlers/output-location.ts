import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { isStrictlyInside } from '../media-path';
import { StudioFailure } from '../studio-errors';

/**
 * The page names where renders go (a file for one export, a folder for a batch). The contract already lets it name only
 * absolute `.mp4` paths; this keeps it out of the library, whose stored media (`media/ab/<sha256>.mp4`) a render of the
 * same name would replace. The renders folder is allowed even where it lies inside the library (the bridge's default).
 */
export async function checkOutputFolder(folder: string, { libraryDir, rendersDir }: { libraryDir: string; rendersDir: string }): Promise<string> {
  const resolved = path.resolve(folder);
  const [realFolder, realLibrary, realRenders] = await Promise.all([realExisting(resolved), realExisting(libraryDir), realExisting(rendersDir)]);
  const insideRenders = realFolder === realRenders || isStrictlyInside(realRenders, realFolder);
  if (!insideRenders && (realFolder === realLibrary || isStrictlyInside(realLibrary, realFolder))) {
    throw new StudioFailure('BAD_INPUT', `${folder}: is inside the Mouthpiece library, whose files must not be overwritten; choose a folder outside it.`);
  }
  return resolved;
}

/** The real path of `target`, following symlinks in the part that exists (a folder may not be made yet). */
async function realExisting(target: string): Promise<string> {
  const missing: string[] = [];
  let current = path.resolve(target);
  for (;;) {
    try {
      return path.join(await realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(target);
      missing.push(path.basename(current));
      current = parent;
    }
  }
}
