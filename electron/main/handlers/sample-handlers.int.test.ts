import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeStudio, type NodeStudio } from '../../bridge/node-studio';
import { defaultModelPaths, defaultSamplesDir } from '../../engine/install-layout';
import type { StudioEventName } from '../../contract/channels';
import { toStudioError } from '../studio-errors';

/** The studio's sample face and voice over the real engine and a real library. */
let dir: string;
let studio: NodeStudio;
const events: { event: StudioEventName; payload: unknown }[] = [];
const open = (samplesDir?: string) =>
  createNodeStudio({
    libraryDir: path.join(dir, samplesDir ? 'library' : 'library-without-samples'),
    ...defaultModelPaths(),
    samplesDir,
    version: 'test',
    mediaUrl: () => null,
    thumbnailUrl: () => null,
    renderUrl: () => null,
    emit: (event, payload) => events.push({ event, payload }),
  });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-sample-handlers-'));
  studio = open(defaultSamplesDir());
});
afterAll(async () => {
  await studio?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('library.importSample', () => {
  it('adds the sample face once, named as the sample, marked public domain and cleared to animate', async () => {
    const first = await studio.handlers['library.importSample']({ kind: 'face' });
    expect(first).toMatchObject({ ok: true, kind: 'face', duplicate: false });
    const again = await studio.handlers['library.importSample']({ kind: 'face' });
    expect(again).toMatchObject({ ok: true, kind: 'face', duplicate: true, id: first.ok ? first.id : -1 });
    expect(events.map((e) => e.event)).toContain('library-changed');

    const { faces } = await studio.handlers['library.list'](undefined);
    expect(faces).toEqual([expect.objectContaining({ name: expect.stringMatching(/^Sample face: .*public domain/), consent: true, publicDomain: true, subjectCount: 1, width: 512 })]);
  });

  it('adds the sample voice with its transcript; a renamed sample is still the sample', async () => {
    const result = await studio.handlers['library.importSample']({ kind: 'voice' });
    if (!result.ok) throw new Error(result.error.message);
    await studio.handlers['library.rename']({ kind: 'voice', id: result.id, name: 'My first voice' });
    const { voices } = await studio.handlers['library.list'](undefined);
    expect(voices.find((voice) => voice.id === result.id)).toMatchObject({ name: 'My first voice', publicDomain: true, builtin: false });
    const hits = await studio.handlers['library.search']({ query: 'concerned' });
    expect(hits).toEqual([expect.objectContaining({ kind: 'voice', id: result.id })]);
  });

  it('a face the user imports is not taken for the sample, and a studio without samples says it has none', async () => {
    const other = open();
    try {
      const error = await other.handlers['library.importSample']({ kind: 'face' }).then(() => null, toStudioError);
      expect(error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/without the bundled samples/) });
      const { faces } = await other.handlers['library.list'](undefined);
      expect(faces).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
