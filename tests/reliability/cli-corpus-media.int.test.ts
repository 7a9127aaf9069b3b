import { afterAll, describe, it } from 'vitest';
import { hasSharedMedia } from '../helpers/shared-media.js';
import { checkCase, removeCorpusRoot } from './corpus-support.js';
import { AUDIO_CASES, IMAGE_CASES, VIDEO_CASES } from './media-cases.js';

afterAll(removeCorpusRoot);

describe.skipIf(!hasSharedMedia).concurrent.each([
  ['pictures', IMAGE_CASES],
  ['sound', AUDIO_CASES],
  ['video', VIDEO_CASES],
])('bad %s', (_category, cases) => {
  for (const c of cases) it(c.name, () => checkCase(c), c.timeoutMs ?? 120_000);
});
