import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * Doyensec's Electronegativity over the main process, preload and contract (electron/) and the page (renderer/).
 * Every finding must be listed, with the reason it is acceptable, in docs/security.md's findings table: a new
 * finding fails this test until someone fixes it or explains it there.
 */

interface Issue {
  id: string;
  file: string;
  severity: { name: string };
  description: string;
}
type Run = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;

const root = fileURLToPath(new URL('../../', import.meta.url));
const loaded = createRequire(import.meta.url)('@doyensec/electronegativity') as Run | { default: Run };
const electronegativity = typeof loaded === 'function' ? loaded : loaded.default;

async function scan(input: string): Promise<Issue[]> {
  await mkdir(path.join(root, 'test-output'), { recursive: true });
  const result = await electronegativity({
    input: path.join(root, input),
    output: path.join(root, 'test-output', `electronegativity-${input}.csv`),
    isSarif: false,
    isRelative: true,
    electronVersion: '45.4.1',
  });
  expect(result.errors).toEqual([]);
  return result.issues;
}

describe('Electronegativity', () => {
  it('finds nothing that docs/security.md does not explain', async () => {
    const main = await scan('electron');
    const page = await scan('renderer');
    // Global checks look for main-process code (navigation limits, permission handler); scanning the page alone
    // reports them missing. They count only when the scan of electron/, where that code lives, reports them too.
    const mainIds = new Set(main.map((issue) => issue.id));
    const pageOnly = page.filter((issue) => issue.file !== 'N/A' || mainIds.has(issue.id));
    const found = [...main.map((issue) => `${issue.id} electron/${issue.file}`), ...pageOnly.map((issue) => `${issue.id} renderer/${issue.file}`)].sort();

    const doc = await readFile(path.join(root, 'docs', 'security.md'), 'utf8');
    const explained = [...doc.matchAll(/^\| `([A-Z_]+)` \| `([^`]+)` \|/gm)].map(([, id, file]) => `${id} ${file}`).sort();
    expect(found).toEqual(explained);
    // Sanity: the tool really ran its checks on our files (it reports the window construction it cannot see into).
    expect(found).toContain('NODE_INTEGRATION_JS_CHECK electron/main/main-window.ts');
  });
});
