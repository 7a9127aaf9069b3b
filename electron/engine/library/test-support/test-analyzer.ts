import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnalyzeImage } from '../library-types.js';
import { createFakeAnalyzer, type FakeAnalyzerOptions } from './fake-analyzer.js';

/**
 * The analyser the library tests use: the fake by default, or a real one when `MOUTHPIECE_TEST_ANALYZER` names a
 * module exporting `analyzeImage` (or a default export) with the `AnalyzeImage` signature, e.g.
 * `MOUTHPIECE_TEST_ANALYZER=electron/engine/face/analyze-image.ts npx vitest run electron/engine/library`.
 * The tests only assert what holds for any correct analyser.
 */
export async function loadTestAnalyzer(fakeOptions: FakeAnalyzerOptions = {}): Promise<{ analyzeImage: AnalyzeImage; isReal: boolean }> {
  const modulePath = process.env.MOUTHPIECE_TEST_ANALYZER;
  if (!modulePath) return { analyzeImage: createFakeAnalyzer(fakeOptions), isReal: false };
  const loaded = (await import(pathToFileURL(path.resolve(modulePath)).href)) as { analyzeImage?: AnalyzeImage; default?: AnalyzeImage };
  const analyzeImage = loaded.analyzeImage ?? loaded.default;
  if (typeof analyzeImage !== 'function') throw new Error(`${modulePath} exports no analyzeImage function.`);
  return { analyzeImage, isReal: true };
}
