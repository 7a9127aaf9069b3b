/** Where an install or checkout keeps its parts (models, samples, version): used by the CLI, the studio and tests. */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
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

/** The bundled public-domain samples (resources/samples in the package); MOUTHPIECE_SAMPLES overrides it. */
export function defaultSamplesDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MOUTHPIECE_SAMPLES ?? join(findPackageRoot(), 'resources', 'samples');
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')).version;
}

/** The app keeps its library in `<appData>/Mouthpiece/library` (electron/main/studio-paths.ts); MOUTHPIECE_LIBRARY overrides it. */
export function defaultLibraryDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MOUTHPIECE_LIBRARY) return env.MOUTHPIECE_LIBRARY;
  const appData =
    process.platform === 'win32'
      ? (env.APPDATA ?? join(os.homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(os.homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(os.homedir(), '.config'));
  return join(appData, 'Mouthpiece', 'library');
}
