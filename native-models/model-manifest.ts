import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One converted model as recorded in native-models/manifest.json (committed; the .onnx files are not). */
export interface ManifestEntry {
  name: string;
  file: string;
  sha256: string;
  bytes: number;
  /** SHA-256 over the source model.json and weight shards it was converted from. */
  sourceSha256: string;
  source: string;
  license: string;
  description: string;
}

export interface ModelManifest {
  converter: string;
  models: ManifestEntry[];
}

export const NATIVE_MODELS_DIR = dirname(fileURLToPath(import.meta.url));
export const MANIFEST_PATH = join(NATIVE_MODELS_DIR, 'manifest.json');
export const GENERATED_DIR = join(NATIVE_MODELS_DIR, 'generated');

export async function readManifest(path = MANIFEST_PATH): Promise<ModelManifest> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as ModelManifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { converter: '1', models: [] };
    throw error;
  }
}

export function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

export async function sha256OfFiles(paths: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const p of paths) hash.update(`${await sha256OfFile(p)}  ${p.split('/').pop()}\n`);
  return hash.digest('hex');
}
