import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { hasSharedMedia } from '../helpers/shared-media.js';
import { checkCase, removeCorpusRoot } from './corpus-support.js';
import { batchRaceCase, diskCases, FFMPEG_CASES, MODEL_CASES, SIGNAL_CASES } from './fault-cases.js';

const disk = diskCases(mkdtempSync(path.join(tmpdir(), 'mouthpiece-corpus-disks-')), { mount: hasSharedMedia });
afterAll(() => {
  disk.cleanup();
  removeCorpusRoot();
});

describe.skipIf(!hasSharedMedia).concurrent.each([
  ['signals at random moments', SIGNAL_CASES],
  ['a missing, wrong or hanging ffmpeg', FFMPEG_CASES],
  ['tampered or truncated models', MODEL_CASES],
  ['two batches racing for one file', [batchRaceCase()]],
])('%s', (_category, cases) => {
  for (const c of cases) it(c.name, () => checkCase(c), c.timeoutMs ?? 180_000);
});

// The disks are shared by these cases: one at a time. Skipped where this process may not mount tmpfs (not root).
// Every case here renders the corpus's portrait, so without the corpus they all skip.
describe.skipIf(!disk.mounted || !hasSharedMedia)('full and read-only disks', () => {
  for (const c of disk.cases) it(c.name, () => checkCase(c), c.timeoutMs ?? 120_000);
});
