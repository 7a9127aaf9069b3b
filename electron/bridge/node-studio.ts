import path from 'node:path';
import type { StudioHandlers } from '../contract/studio-api';
import type { RenderRunner } from '../engine/jobs/index.js';
import type { FfmpegTools } from '../engine/media/index.js';
import type { SessionPool } from '../engine/models/session-pool.js';
import { createEngineFacade, type EngineFacade } from '../main/engine-facade';
import { engineLoaders } from '../main/engine-loaders';
import type { EmitStudioEvent } from '../main/handlers/handler-deps';
import { toRenderJobView } from '../main/handlers/render-handlers';
import { createStudioHandlers } from '../main/studio-handlers';
import { StudioFailure } from '../main/studio-errors';
import { createThumbnailStore, type ThumbnailStore } from '../main/handlers/thumbnails';
import { listBuiltinVoices } from '../main/handlers/builtin-voices';
import { openStudioFarm } from '../main/studio-farm';
import { packageVersion } from '../engine/install-layout';

export interface NodeStudioInput {
  libraryDir: string;
  /** Default: `<libraryDir>/renders`. */
  rendersDir?: string;
  modelsDir: string;
  manifestPath: string;
  ffmpegPath?: string;
  ffprobePath?: string;
  version: string;
  /** The bundled public-domain samples (resources/samples); without it the studio offers none. */
  samplesDir?: string;
  mediaUrl(filePath: string): string | null;
  thumbnailUrl(sha256: string): string | null;
  renderUrl(renderId: number): string | null;
  emit: EmitStudioEvent;
  /** Default: the talking-video runner in this process. */
  createRunner?: (engine: { tools: FfmpegTools; pool: SessionPool }) => RenderRunner;
}

export interface NodeStudio {
  handlers: StudioHandlers;
  engine: EngineFacade;
  mediaRoot: string;
  thumbnails: ThumbnailStore;
  close(): Promise<void>;
}

async function defaultRunner(engine: { tools: FfmpegTools; pool: SessionPool }, libraryDir: string): Promise<RenderRunner> {
  const { createTalkingVideoRunner } = await engineLoaders.jobs();
  // The library's identity signs and watermarks its renders.
  return createTalkingVideoRunner({ tools: engine.tools, pool: engine.pool, libraryDir });
}

/**
 * The studio's handlers over the real engine in plain Node, for the browser bridge, `mouthpiece studio` and tests:
 * the same handlers the app serves over IPC, with what a headless host can do in place of dialogs and the shell.
 */
export function createNodeStudio(input: NodeStudioInput): NodeStudio {
  const libraryDir = path.resolve(input.libraryDir);
  const rendersDir = input.rendersDir ?? path.join(libraryDir, 'renders');
  const unsupported = async (): Promise<never> => {
    throw new StudioFailure('UNSUPPORTED', 'Opening files with other programs is only possible in the Mouthpiece app; the file is at the path shown.');
  };
  const lazyRunner = (engine: { tools: FfmpegTools; pool: SessionPool }): RenderRunner => {
    if (input.createRunner) return input.createRunner(engine);
    const runner = defaultRunner(engine, libraryDir);
    return async (job, options) => (await runner)(job, options);
  };
  const engine = createEngineFacade(
    { libraryDir, modelsDir: input.modelsDir, manifestPath: input.manifestPath, ffmpegPath: input.ffmpegPath, ffprobePath: input.ffprobePath },
    engineLoaders,
    {
      createRunner: lazyRunner,
      onJobState: (state) => input.emit('job-state', toRenderJobView(state, input.renderUrl)),
      // Farm workers refuse a coordinator of another version: this is the package's, as `mouthpiece worker` has.
      openFarm: ({ farmUrl, mediaAddress, caPath, libraryDir: dir }) => openStudioFarm({ farmUrl, mediaAddress, caPath, libraryDir: dir, version: packageVersion() }),
    },
  );
  const handlers = createStudioHandlers({
    engine,
    emit: input.emit,
    mediaUrl: input.mediaUrl,
    thumbnailUrl: input.thumbnailUrl,
    renderUrl: input.renderUrl,
    rendersDir: () => rendersDir,
    describeApp: () => ({
      name: 'Mouthpiece',
      version: input.version,
      platform: process.platform,
      arch: process.arch,
      versions: { electron: '', chrome: '', node: process.versions.node },
      isPackaged: false,
      paths: { userData: libraryDir, library: libraryDir, media: path.join(libraryDir, 'media'), models: input.modelsDir, ffmpeg: input.ffmpegPath ?? null, ffprobe: input.ffprobePath ?? null },
    }),
    chooseImportFiles: async () => [],
    chooseSavePath: async () => null,
    openPath: unsupported,
    showItemInFolder: unsupported,
    listBuiltinVoices,
    samplesDir: input.samplesDir,
  });
  const thumbnails = createThumbnailStore({ libraryDir, tools: engine.tools });
  return { handlers, engine, mediaRoot: path.join(libraryDir, 'media'), thumbnails, close: () => engine.close() };
}
