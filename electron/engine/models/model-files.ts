import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from '../errors.js';

/** Where model files live and which hashes they must have. Injected: the engine knows no install layout. */
export interface ModelLocation {
  /** Folder holding the `.onnx` files. */
  modelsDir: string;
  /** JSON manifest: `{ models: [{ name, file, sha256 }] }`. */
  manifestPath: string;
}

interface ManifestModel {
  name: string;
  file: string;
  sha256: string;
  license?: string;
}

const verified = new Map<string, string>();

/** SHA-256 of a model file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function readManifestModels(manifestPath: string): Promise<ManifestModel[]> {
  try {
    const json = JSON.parse(await readFile(manifestPath, 'utf8'));
    return json.models as ManifestModel[];
  } catch (error) {
    throw new EngineError('MODEL_MISSING', `The model manifest ${manifestPath} cannot be read: ${(error as Error).message}`, error);
  }
}

/**
 * Returns the path of model `name` after checking its SHA-256 against the manifest. A file is hashed
 * once per (path, size, mtime); a missing or altered file is refused, never loaded.
 */
export async function verifiedModelPath(location: ModelLocation, name: string): Promise<string> {
  const entry = (await readManifestModels(location.manifestPath)).find((m) => m.name === name);
  if (!entry) throw new EngineError('MODEL_MISSING', `Model "${name}" is not listed in ${location.manifestPath}.`);
  const path = join(location.modelsDir, entry.file);
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new EngineError(
      'MODEL_MISSING',
      `Model file ${path} is missing. Face models are generated at install time: run \`npm run build:models\` in the Mouthpiece folder.`,
    );
  }
  const key = `${path}:${info.size}:${info.mtimeMs}`;
  if (verified.get(key) === entry.sha256) return path;
  const actual = await sha256OfFile(path);
  if (actual !== entry.sha256) {
    throw new EngineError(
      'MODEL_CORRUPT',
      `Model file ${path} does not match its recorded SHA-256 (expected ${entry.sha256}, found ${actual}); it was not loaded. Rebuild it with \`npm run build:models\`.`,
    );
  }
  verified.set(key, entry.sha256);
  return path;
}
