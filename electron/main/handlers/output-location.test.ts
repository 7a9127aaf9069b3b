import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toStudioError } from '../studio-errors';
import { checkOutputFolder } from './output-location';

let dir: string;
let libraryDir: string;
let rendersDir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-output-location-'));
  libraryDir = path.join(dir, 'library');
  rendersDir = path.join(libraryDir, 'renders');
  await mkdir(path.join(libraryDir, 'media', 'ab'), { recursive: true });
  await symlink(path.join(libraryDir, 'media'), path.join(dir, 'innocent'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const refusal = (folder: string) => checkOutputFolder(folder, { libraryDir, rendersDir }).then(() => null, (error) => toStudioError(error));

describe('checkOutputFolder', () => {
  it('accepts a folder outside the library, made or not yet, and returns it normalised', async () => {
    await expect(checkOutputFolder(path.join(dir, 'week 1', '..', 'week 2'), { libraryDir, rendersDir })).resolves.toBe(path.join(dir, 'week 2'));
    await expect(checkOutputFolder('/', { libraryDir, rendersDir })).resolves.toBe('/');
  });

  it('accepts the renders folder and folders below it even where it lies inside the library', async () => {
    await expect(checkOutputFolder(rendersDir, { libraryDir, rendersDir })).resolves.toBe(rendersDir);
    await expect(checkOutputFolder(path.join(rendersDir, 'week 3'), { libraryDir, rendersDir })).resolves.toBe(path.join(rendersDir, 'week 3'));
  });

  it('refuses the library, its media store, a way back into it with "..", and a symlink that leads into it', async () => {
    for (const folder of [libraryDir, path.join(libraryDir, 'media', 'ab'), path.join(rendersDir, '..', 'media'), path.join(dir, 'innocent', 'ab'), path.join(dir, 'innocent', 'new')]) {
      const error = await refusal(folder);
      expect(error, folder).toMatchObject({ code: 'BAD_INPUT' });
      expect(error?.message).toContain(`${folder}: is inside the Mouthpiece library`);
    }
  });
});
