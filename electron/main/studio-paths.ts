import path from 'node:path';
import type { EnginePathsSummary } from '../contract/types';

export interface StudioPaths extends EnginePathsSummary {
  /** SHA-256 manifest of the generated models. */
  modelsManifest: string;
  windowState: string;
  /** Built renderer (served as mouthpiece://app/). */
  renderer: string;
  /** Built, sandboxed CommonJS preload. */
  preload: string;
  /** Built render worker, run as an Electron utility process. */
  renderWorker: string;
}

export interface StudioPathsInput {
  userDataDir: string;
  /** `app.getAppPath()`: the project folder in development, `…/resources/app.asar` when packaged. */
  appPath: string;
  /** `process.resourcesPath`: where electron-builder puts extraResources. */
  resourcesPath: string;
  isPackaged: boolean;
  /** Folder of the built main bundle (out/main). */
  mainDir: string;
  ffmpeg: string | null;
  ffprobe: string | null;
}

/** Every path the shell and the engine use, decided in one place. */
export function resolveStudioPaths({ userDataDir, appPath, resourcesPath, isPackaged, mainDir, ffmpeg, ffprobe }: StudioPathsInput): StudioPaths {
  const library = path.join(userDataDir, 'library');
  // Packaged: electron-builder's extraResources copies native-models/generated and the manifest to resources/models.
  const models = isPackaged ? path.join(resourcesPath, 'models') : path.join(appPath, 'native-models', 'generated');
  const modelsManifest = isPackaged ? path.join(models, 'manifest.json') : path.join(appPath, 'native-models', 'manifest.json');
  return {
    userData: userDataDir,
    library,
    media: path.join(library, 'media'),
    models,
    modelsManifest,
    ffmpeg,
    ffprobe,
    windowState: path.join(userDataDir, 'window-state.json'),
    renderer: path.join(mainDir, '..', 'renderer'),
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    renderWorker: path.join(mainDir, 'render-worker.js'),
  };
}
