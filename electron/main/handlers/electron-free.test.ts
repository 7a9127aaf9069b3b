import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../tests/helpers/run-cli';

const eslint = new ESLint({ cwd: ROOT });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const VALUE_IMPORT = "import { dialog } from 'electron';\nexport const d = dialog;\n";

describe('the one set of studio handlers stays Electron-free (lint rule)', () => {
  it.each(['electron/main/handlers/example.ts', 'electron/main/studio-handlers.ts', 'electron/main/engine-facade.ts', 'electron/bridge/example.ts', 'electron/worker/example.ts'])(
    'rejects a value import of electron in %s',
    async (filePath) => {
      expect(await restrictedImportErrors(VALUE_IMPORT, filePath)).toEqual([expect.stringContaining('Electron-free')]);
    },
  );

  it('allows type-only imports there and Electron itself in the composition root', async () => {
    expect(await restrictedImportErrors("import type { Rectangle } from 'electron';\nexport type R = Rectangle;\n", 'electron/main/handlers/example.ts')).toEqual([]);
    expect(await restrictedImportErrors(VALUE_IMPORT, 'electron/main/index.ts')).toEqual([]);
  });

  it('holds for the files as they are', async () => {
    const results = await eslint.lintFiles(['electron/main/handlers', 'electron/bridge', 'electron/worker', 'electron/main/studio-handlers.ts', 'electron/main/engine-facade.ts']);
    expect(results.flatMap((result) => result.messages.filter((message) => message.ruleId === 'no-restricted-imports'))).toEqual([]);
    expect(results.length).toBeGreaterThan(10);
  });
});
