import { afterAll, describe, it } from 'vitest';
import { checkCase, removeCorpusRoot } from './corpus-support.js';
import { OPTION_CASES, SCENE_CASES } from './option-cases.js';

afterAll(removeCorpusRoot);

describe.concurrent.each([
  ['options', OPTION_CASES],
  ['scene files', SCENE_CASES],
])('bad %s', (_category, cases) => {
  for (const c of cases) it(c.name, () => checkCase(c), c.timeoutMs ?? 120_000);
});
