import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Mouthpiece checkout or install the CLI runs from (found by walking up to our package.json). */
export function findPackageRoot(start = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'mouthpiece') return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the Mouthpiece package folder above ${start}.`);
  }
}

export function defaultModelPaths(env: NodeJS.ProcessEnv = process.env): { modelsDir: string; manifestPath: string } {
  const root = findPackageRoot();
  return {
    modelsDir: env.MOUTHPIECE_MODELS_DIR ?? join(root, 'native-models', 'generated'),
    manifestPath: env.MOUTHPIECE_MODELS_MANIFEST ?? join(root, 'native-models', 'manifest.json'),
  };
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')).version;
}
