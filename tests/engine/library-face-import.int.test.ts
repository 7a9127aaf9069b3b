import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelPaths } from '../../electron/engine/install-layout.js';
import { createEngineContext, type EngineContext } from '../../electron/engine/engine-context.js';
import type { Library } from '../../electron/engine/library/index.js';
import { hasSharedMedia, media } from '../helpers/run-cli.js';
import { SAMPLE_VOICE } from '../helpers/shared-media.js';

let dir: string;
let engine: EngineContext;
let library: Library;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mouthpiece-engine-'));
  engine = await createEngineContext(defaultModelPaths());
  library = engine.openLibrary(join(dir, 'library'));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing faces into the library with the real analyser', () => {
  it.skipIf(!hasSharedMedia)('stores every subject of a group photo, largest first, with landmarks and masks', async () => {
    const result = await library.importFile({ filePath: media('images/group3_apollo11_crew_nasa.png') });
    if (result.kind !== 'face') throw new Error(`imported as ${result.kind}`);
    const face = library.getFace({ faceId: result.face.id })!;
    expect(face.analysisStatus).toBe('done');
    expect(face.subjects.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(face.subjects[0].area).toBeGreaterThanOrEqual(face.subjects[1].area);
    expect(face.subjects[0].landmarks).toHaveLength(468);
    expect(face.subjects[0].masks.innerMouth.length).toBeGreaterThan(10);
    expect(face.consent).toBe(false);
  });

  it('keeps a photo without a face, marked no_face, and says so', async () => {
    const file = join(dir, 'pattern.png');
    const { ffmpegPath } = engine.tools;
    execFileSync(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=1', '-frames:v', '1', file]);
    const result = await library.importFile({ filePath: file });
    if (result.kind !== 'face') throw new Error(`imported as ${result.kind}`);
    expect(result.notice?.code).toBe('NO_FACE');
    expect(library.getFace({ faceId: result.face.id })!.analysisStatus).toBe('no_face');
  });

  it('imports a voice with its sibling transcript and finds it by a word of it', async () => {
    const result = await library.importFile({ filePath: SAMPLE_VOICE });
    if (result.kind !== 'voice') throw new Error(`imported as ${result.kind}`);
    expect(result.voice.durationSec).toBeCloseTo(4.25, 1);
    const hits = library.search({ query: 'concerned' });
    expect(hits.some((h) => h.kind === 'voice' && h.id === result.voice.id)).toBe(true);
  });

  it('leaves a database that SQLite itself finds consistent', () => {
    const db = new Database(library.dbPath, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
