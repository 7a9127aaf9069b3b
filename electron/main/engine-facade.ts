import type { FaceAnalysis, FaceSubject } from '../engine/face/face-types';
import type { RunOptions } from '../engine/progress';
import { StudioFailure } from './studio-errors';

/*
 * The narrow view of the engine the studio shell needs, so the handlers are written and tested against only what
 * they use. The shapes are structural subsets of electron/engine/library (`openLibrary` → `Library`) and
 * electron/engine/engine-context (`createEngineContext` → `analyzeFile`); index.ts checks the real modules against
 * them with `satisfies`, so a change in the engine that breaks the shell is a compile error there.
 */

export interface LibraryFace {
  id: number;
  name: string;
  kind: 'image' | 'video';
  /** Absolute path of the stored copy inside the media folder. */
  mediaPath: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  consent: boolean;
  analysisStatus: 'pending' | 'done' | 'failed' | 'no_face';
  analysisError: string | null;
  subjectCount: number;
  createdAt: string;
}

export interface LibraryFaceDetail extends LibraryFace {
  subjects: FaceSubject[];
}

export interface LibraryVoice {
  id: number;
  name: string;
  kind: 'recording' | 'builtin';
  mediaPath: string | null;
  durationSec: number | null;
  createdAt: string;
}

export interface LibraryScript {
  id: number;
  name: string;
  text: string;
  createdAt: string;
}

export interface LibraryNotice {
  code: string;
  message: string;
}

export type LibraryImport =
  | { kind: 'face'; created: boolean; face: { id: number }; notice: LibraryNotice | null }
  | { kind: 'voice'; created: boolean; voice: { id: number }; notice: LibraryNotice | null }
  | { kind: 'script'; created: boolean; script: { id: number }; notice: LibraryNotice | null };

/** The part of the engine's `Library` the studio calls. */
export interface StudioLibrary {
  importFile(input: { filePath: string }, opts?: RunOptions): Promise<LibraryImport>;
  listFaces(): LibraryFace[];
  getFace(input: { faceId: number }): LibraryFaceDetail | null;
  setConsent(input: { faceId: number; consent: boolean }): LibraryFace;
  listVoices(): LibraryVoice[];
  listScripts(): LibraryScript[];
  close(): void;
}

/** Face analysis of a photo or video file, as the library wants it injected. */
export type AnalyzeFile = (filePath: string, opts: RunOptions) => Promise<FaceAnalysis>;

export interface LibraryModule {
  openLibrary(input: { libraryDir: string; analyzeImage?: AnalyzeFile; analyzeVideo?: AnalyzeFile }): StudioLibrary;
}

export interface EngineContextModule {
  createEngineContext(config: { modelsDir: string; manifestPath: string; ffmpegPath?: string; ffprobePath?: string }): Promise<{
    analyzeFile(filePath: string, options?: RunOptions): Promise<FaceAnalysis>;
    close(): Promise<void>;
  }>;
}

/** Lazy loaders of the engine modules; a missing one means this build does not contain that part. */
export interface EngineModuleLoaders {
  library?: () => Promise<LibraryModule>;
  context?: () => Promise<EngineContextModule>;
}

export interface EngineFacadeConfig {
  libraryDir: string;
  modelsDir: string;
  manifestPath: string;
  ffmpegPath?: string;
  ffprobePath?: string;
}

/** The engine as the handlers see it: nothing is loaded or opened until first used. */
export interface EngineFacade {
  library(): Promise<StudioLibrary>;
  availability(): { library: boolean; face: boolean };
  close(): Promise<void>;
}

export function createEngineFacade(config: EngineFacadeConfig, loaders: EngineModuleLoaders): EngineFacade {
  let library: Promise<StudioLibrary> | undefined;
  let context: ReturnType<EngineContextModule['createEngineContext']> | undefined;

  const loadContext = (load: NonNullable<EngineModuleLoaders['context']>) =>
    (context ??= load()
      .then((module) => module.createEngineContext(config))
      .catch((error: unknown) => {
        context = undefined;
        throw error;
      }));

  const openLibrary = async (): Promise<StudioLibrary> => {
    if (!loaders.library) throw new StudioFailure('ENGINE_UNAVAILABLE', 'This build of Mouthpiece does not include the library.');
    const module = await loaders.library();
    const loadFaceEngine = loaders.context;
    const analyze: AnalyzeFile | undefined = loadFaceEngine
      ? async (filePath, opts) => (await loadContext(loadFaceEngine)).analyzeFile(filePath, opts)
      : undefined;
    return module.openLibrary({ libraryDir: config.libraryDir, analyzeImage: analyze, analyzeVideo: analyze });
  };

  return {
    library: () =>
      (library ??= openLibrary().catch((error: unknown) => {
        library = undefined; // let the next call try again (e.g. after the user freed the locked database)
        throw error;
      })),
    availability: () => ({ library: !!loaders.library, face: !!loaders.context }),
    async close() {
      const [openedLibrary, openedContext] = await Promise.all([library?.catch(() => null), context?.catch(() => null)]);
      library = context = undefined;
      openedLibrary?.close();
      await openedContext?.close();
    },
  };
}
