/*
 * The real face analyser (electron/engine/face) behind the library's `AnalyzeImage` seam, for running the library
 * tests against it:
 *
 *   MOUTHPIECE_TEST_ANALYZER=electron/engine/library/test-support/real-analyzer.ts npx vitest run electron/engine/library
 *
 * Needs the generated models (`npm run build:models`); MOUTHPIECE_MODELS_DIR / MOUTHPIECE_MODELS_MANIFEST point
 * elsewhere when they live elsewhere.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngineContext, type EngineContext } from '../../engine-context.js';
import type { AnalyzeImage } from '../library-types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
let context: Promise<EngineContext> | undefined;

function loadEngine(): Promise<EngineContext> {
  context ??= createEngineContext({
    modelsDir: process.env.MOUTHPIECE_MODELS_DIR ?? path.join(repoRoot, 'native-models', 'generated'),
    manifestPath: process.env.MOUTHPIECE_MODELS_MANIFEST ?? path.join(repoRoot, 'native-models', 'manifest.json'),
  });
  return context;
}

/** Photo (or first face-bearing video frame) analysis; the library keeps size and subjects only. */
export const analyzeImage: AnalyzeImage = async (filePath, opts) => {
  const { width, height, subjects } = await (await loadEngine()).analyzeFile(filePath, opts);
  return { width, height, subjects };
};
