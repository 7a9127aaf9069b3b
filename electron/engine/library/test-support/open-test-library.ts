import path from 'node:path';
import type { Library } from '../library.js';
import { openLibrary } from '../library.js';
import type { ProbeMedia } from '../library-types.js';
import { writeBlankPng } from './blank-png.js';
import type { FakeAnalyzerOptions } from './fake-analyzer.js';
import { loadTestAnalyzer } from './test-analyzer.js';
import { hashFileSync } from './temp-library.js';

/**
 * A library in `<dir>/library` with the test analyser, plus a flat grey picture at `<dir>/blank.png` that holds no face
 * (the fake is told so by hash; a real analyser finds that by itself).
 */
export async function openTestLibrary({ dir, fake = {}, probe, withAnalyzer = true }: { dir: string; fake?: FakeAnalyzerOptions; probe?: ProbeMedia; withAnalyzer?: boolean }): Promise<{ library: Library; libraryDir: string; blankPng: string; isRealAnalyzer: boolean }> {
  const blankPng = path.join(dir, 'blank.png');
  writeBlankPng({ filePath: blankPng, width: 320, height: 240 });
  const { analyzeImage, isReal } = await loadTestAnalyzer({ ...fake, noFaceSha256s: [hashFileSync(blankPng), ...(fake.noFaceSha256s ?? [])] });
  const libraryDir = path.join(dir, 'library');
  const library = openLibrary({ libraryDir, analyzeImage: withAnalyzer ? analyzeImage : undefined, probe });
  return { library, libraryDir, blankPng, isRealAnalyzer: isReal };
}
