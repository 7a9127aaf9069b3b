import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SAMPLE_FACE } from '../../../tests/helpers/shared-media.js';
import { getTools, makeWithFfmpeg } from '../media/test-support/media-fixtures.js';
import type { Library } from './library.js';
import { libraryMigrations, readSchemaVersion } from './migrations.js';
import BetterSqlite3 from 'better-sqlite3';
import { openTestLibrary } from './test-support/open-test-library.js';
import { createTempDir } from './test-support/temp-library.js';

describe('a photo face’s mouth clip in the library (schema 6)', () => {
  let temp: ReturnType<typeof createTempDir>;
  let library: Library;
  beforeEach(async () => {
    temp = createTempDir();
    ({ library } = await openTestLibrary({ dir: temp.dir }));
  });
  afterEach(() => {
    library.close();
    temp.remove();
  });

  it('keeps which video is the photo’s mouth through a reopen, refuses the wrong kinds, and clears it', async () => {
    const clipPath = path.join(temp.dir, 'clip.mp4');
    await makeWithFfmpeg(await getTools(), ['-loop', '1', '-framerate', '10', '-i', SAMPLE_FACE, '-t', '1', '-vf', 'scale=240:-2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', clipPath]);
    const photo = await library.importFile({ filePath: SAMPLE_FACE });
    const clip = await library.importFile({ filePath: clipPath });
    if (photo.kind !== 'face' || clip.kind !== 'face') throw new Error('imports did not become faces');
    const [photoId, clipId] = [photo.face.id, clip.face.id];
    expect(library.getFace({ faceId: photoId })?.mouthClipId).toBeNull();
    expect(library.setMouthClip({ faceId: photoId, clipId }).mouthClipId).toBe(clipId);

    library.close();
    ({ library } = await openTestLibrary({ dir: temp.dir }));
    expect(library.listFaces().find((face) => face.id === photoId)?.mouthClipId).toBe(clipId);
    const db = new BetterSqlite3(library.dbPath, { readonly: true });
    expect(readSchemaVersion(db)).toBe(libraryMigrations.length);
    db.close();
    expect(libraryMigrations.at(-1)).toMatchObject({ version: 6, name: 'mouth clips' });

    expect(() => library.setMouthClip({ faceId: photoId, clipId: photoId })).toThrow(/is a photo/);
    expect(() => library.setMouthClip({ faceId: clipId, clipId })).toThrow(/only a photo takes its mouth/);
    expect(() => library.setMouthClip({ faceId: photoId, clipId: 4242 })).toThrow(/no face with id 4242/);
    expect(() => library.setMouthClip({ faceId: 4242, clipId: null })).toThrow(/no face with id 4242/);
    expect(library.getFace({ faceId: photoId })?.mouthClipId).toBe(clipId);
    expect(library.setMouthClip({ faceId: photoId, clipId: null }).mouthClipId).toBeNull();
  });
});
