import { afterAll, describe, it } from 'vitest';
import { checkCase, removeCorpusRoot } from './corpus-support.js';
import { PATH_CASES } from './path-cases.js';

afterAll(removeCorpusRoot);

describe.concurrent('paths and outputs', () => {
  for (const c of PATH_CASES) it(c.name, () => checkCase(c), c.timeoutMs ?? 120_000);
});
