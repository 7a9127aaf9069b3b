import { analyzeFile, type FileAnalysis } from './face/analyze-file.js';
import type { AnalyzeOptions } from './face/analyze-image.js';
import { resolveFfmpegTools, type FfmpegTools } from './media/index.js';
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
  close(): Promise<void>;
}

/** Resolves ffmpeg and prepares the (lazy) model sessions. */
export async function createEngineContext(config: EngineConfig): Promise<EngineContext> {
  const tools = await resolveFfmpegTools({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath });
  const pool = new SessionPool({ modelsDir: config.modelsDir, manifestPath: config.manifestPath, providers: config.providers });
  return {
    tools,
    pool,
    analyzeFile: (filePath, options) => analyzeFile({ tools, pool }, filePath, options),
    close: () => pool.release(),
  };
}
