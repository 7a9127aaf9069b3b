import { afterAll, describe, it } from 'vitest';
import { checkCase, removeCorpusRoot } from './corpus-support.js';
import { AUDIO_CASES, IMAGE_CASES, VIDEO_CASES } from './media-cases.js';

afterAll(removeCorpusRoot);

describe.concurrent.each([
  ['pictures', IMAGE_CASES],
  ['sound', AUDIO_CASES],
  ['video', VIDEO_CASES],
])('bad %s', (_category, cases) => {
  for (const c of cases) it(c.name, () => checkCase(c), c.timeoutMs ?? 120_000);
});
