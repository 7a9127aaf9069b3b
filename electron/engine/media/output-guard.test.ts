import { linkSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { assertOutputAllowed } from './output-guard.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'output-guard-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => path.join(dir, name);
writeFileSync(at('face.jpg'), 'picture');
linkSync(at('face.jpg'), at('hard.mp4'));
symlinkSync(at('face.jpg'), at('soft.mp4'));
writeFileSync(at('old.mp4'), 'old');
mkdirSync(at('folder.mp4'));

const codeOf = (input: Parameters<typeof assertOutputAllowed>[0]) => {
  try {
    assertOutputAllowed(input);
    return 'allowed';
  } catch (error) {
    return (error as InputError).code;
  }
};

describe('assertOutputAllowed', () => {
  it.each([
    ['the input itself', at('face.jpg'), true, 'OUTPUT_IS_INPUT'],
    ['another spelling of it', path.join(dir, '.', '..', path.basename(dir), 'face.jpg'), true, 'OUTPUT_IS_INPUT'],
    ['a hard link to it', at('hard.mp4'), true, 'OUTPUT_IS_INPUT'],
    ['a symbolic link to it', at('soft.mp4'), true, 'OUTPUT_IS_INPUT'],
    ['an existing file without overwrite', at('old.mp4'), false, 'OUTPUT_EXISTS'],
    ['an existing file with overwrite', at('old.mp4'), true, 'allowed'],
    ['a folder', at('folder.mp4'), true, 'BAD_ARGUMENT'],
    ['a new file', at('new.mp4'), false, 'allowed'],
  ])('%s → %s', (_what, outPath, overwrite, expected) => {
    expect(codeOf({ outPath: outPath as string, inputs: [at('face.jpg'), undefined, at('missing.wav')], overwrite: overwrite as boolean })).toBe(expected);
  });
});
