import { analyzeFile, type FileAnalysis } from './face/analyze-file.js';
import type { AnalyzeOptions } from './face/analyze-image.js';
import { openLibrary, type Library } from './library/index.js';
import { probeMedia, resolveFfmpegTools, type FfmpegTools } from './media/index.js';
import type { ExecutionProviderName } from './models/execution-providers.js';
import { SessionPool } from './models/session-pool.js';

/** Everything the engine needs from its host; nothing here depends on how Mouthpiece was installed. */
export interface EngineConfig {
  /** Folder with the generated .onnx files. */
  modelsDir: string;
  /** Manifest with the expected SHA-256 of each model. */
  manifestPath: string;
  ffmpegPath?: string;
  ffprobePath?: string;
  providers?: ExecutionProviderName[];
}

export interface EngineContext {
  tools: FfmpegTools;
  pool: SessionPool;
  analyzeFile(filePath: string, options?: AnalyzeOptions): Promise<FileAnalysis>;
  /** Opens (creating when new) a library whose imports are probed and face-analysed by this engine. */
  openLibrary(libraryDir: string): Library;
  close(): Promise<void>;
}

/** Resolves ffmpeg and prepares the (lazy) model sessions. */
export async function createEngineContext(config: EngineConfig): Promise<EngineContext> {
  const tools = await resolveFfmpegTools({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
  const pool = new SessionPool({ modelsDir: config.modelsDir, manifestPath: config.manifestPath, providers: config.providers });
  const analyze = (filePath: string, options?: AnalyzeOptions) => analyzeFile({ tools, pool }, filePath, options);
  const libraries: Library[] = [];
  return {
    tools,
    pool,
    analyzeFile: analyze,
    openLibrary(libraryDir) {
      const library = openLibrary({
        libraryDir,
        analyzeImage: analyze,
        analyzeVideo: analyze,
        probe: (filePath) => probeMedia(tools, filePath),
      });
      libraries.push(library);
      return library;
    },
    async close() {
      for (const library of libraries.splice(0)) library.close();
      await pool.release();
    },
  };
}
