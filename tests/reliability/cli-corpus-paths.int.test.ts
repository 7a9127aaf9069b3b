import { afterAll, describe, it } from 'vitest';
import { hasSharedMedia } from '../helpers/shared-media.js';
import { checkCase, removeCorpusRoot } from './corpus-support.js';
import { PATH_CASES } from './path-cases.js';

afterAll(removeCorpusRoot);

describe.skipIf(!hasSharedMedia).concurrent('paths and outputs', () => {
  for (const c of PATH_CASES) it(c.name, () => checkCase(c), c.timeoutMs ?? 120_000);
});
