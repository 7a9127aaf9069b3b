import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/run-cli.js';

const eslint = new ESLint({ cwd: ROOT });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the engine stays free of Electron and React (lint rule)', () => {
  it.each([
    ["import { app } from 'electron';\nexport const name = app.name;\n", 'electron'],
    ["import { useState } from 'react';\nexport const hook = useState;\n", 'React'],
    ["import { ipcMain } from 'electron/main';\nexport const ipc = ipcMain;\n", 'Electron'],
    ["import { createWindow } from '../../main/main-window.js';\nexport const w = createWindow;\n", 'app shell'],
  ])('rejects %j inside electron/engine', async (code, mentions) => {
    const errors = await restrictedImportErrors(code, 'electron/engine/media/example.ts');
    expect(errors.length).toBe(1);
    expect(errors[0]).toContain(mentions);
  });

  it('allows the same import in the Electron main process', async () => {
    expect(await restrictedImportErrors("import { app } from 'electron';\nexport const name = app.name;\n", 'electron/main/example.ts')).toEqual([]);
  });
});
