import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeStudio } from '../../bridge/node-studio';
import { createEmptyProjectDocument } from '../../contract/project-document';
import type { StudioEventName } from '../../contract/channels';
import { toTalkingVideoRequest } from '../../engine/jobs/index.js';
import { getTools, makeWithFfmpeg } from '../../engine/media/test-support/media-fixtures.js';
import { SAMPLE_FACE, SAMPLE_VOICE } from '../../../tests/helpers/shared-media.js';
import { toStudioError } from '../studio-errors';
import { planBatch } from './batch-plan';
import { buildRenderSpec } from './render-spec';
import { openTestStudio } from './test-support/test-studio';

/* A photo face's personal mouth over the real engine: real SQLite, real face analysis, clips made by ffmpeg. */

let dir: string;
let studio: NodeStudio;
const events: { event: StudioEventName; payload: unknown }[] = [];
const ids: Record<'photo' | 'talking' | 'silent' | 'noFace', number> = { photo: 0, talking: 0, silent: 0, noFace: 0 };

const failureOf = async (promise: Promise<unknown>) => promise.then(() => null, toStudioError);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'mouthpiece-mouth-clip-'));
  const tools = await getTools();
  const clip = (name: string) => path.join(dir, name);
  const still = ['-loop', '1', '-framerate', '12', '-i', SAMPLE_FACE];
  const encode = ['-t', '2', '-vf', 'scale=360:-2', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
  await makeWithFfmpeg(tools, [...still, '-i', SAMPLE_VOICE, ...encode, '-c:a', 'aac', '-shortest', clip('talking.mp4')]);
  await makeWithFfmpeg(tools, [...still, ...encode, clip('silent.mp4')]);
  await makeWithFfmpeg(tools, ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=12', '-i', SAMPLE_VOICE, ...encode, '-c:a', 'aac', '-shortest', clip('no-face.mp4')]);
  studio = openTestStudio(dir, events);
  const { results } = await studio.handlers['library.import']({ paths: [SAMPLE_FACE, clip('talking.mp4'), clip('silent.mp4'), clip('no-face.mp4')] });
  const [photo, talking, silent, noFace] = results.map((result) => (result.ok ? result.id : 0));
  Object.assign(ids, { photo, talking, silent, noFace });
  await studio.handlers['library.setConsent']({ faceId: photo, consent: true });
}, 120_000);

afterAll(async () => {
  await studio?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a photo face takes its mouth from a clip in the library', () => {
  it('attaches a talking clip, and every export, batch row and preview of the photo carries it', async () => {
    expect(Object.values(ids).every((id) => id > 0)).toBe(true);
    events.length = 0;
    const face = await studio.handlers['face.setMouthClip']({ faceId: ids.photo, clipId: ids.talking });
    expect(face.mouthClipId).toBe(ids.talking);
    expect(events.map((e) => e.payload)).toEqual([{ reason: 'mouth-clip' }]);
    expect((await studio.handlers['library.list'](undefined)).faces.find((f) => f.id === ids.photo)?.mouthClipId).toBe(ids.talking);

    const library = await studio.engine.library();
    const clipPath = library.getFace({ faceId: ids.talking })?.mediaPath;
    const document = { ...createEmptyProjectDocument(), stage: { faceId: ids.photo, mediaKind: 'photo' as const } };
    const spec = buildRenderSpec(library, { document, title: 'Hi', preset: 'square', outputPath: path.join(dir, 'out.mp4'), allowSilence: true });
    expect(spec.mouthFrom).toBe(clipPath);
    expect(toTalkingVideoRequest(spec).mouthFrom).toBe(clipPath);

    const script = library.createScript({ name: 'Hello', text: 'Hello there.' });
    const batch = planBatch(
      library,
      { name: 'B', faces: [{ faceId: ids.photo, subject: 0 }], scriptIds: [script.id], voice: 'en-us', preset: 'square', captions: 'none', label: false, nameTemplate: '{n}', outDir: dir },
      { rendersDir: dir, fileExists: () => false },
    );
    expect(batch.problems).toEqual([]);
    expect(batch.specs[0].mouthFrom).toBe(clipPath);
    expect(toTalkingVideoRequest(batch.specs[0]).mouthFrom).toBe(clipPath);

    expect((await studio.handlers['face.setMouthClip']({ faceId: ids.photo, clipId: null })).mouthClipId).toBeNull();
    expect(buildRenderSpec(library, { document, title: 'Hi', preset: 'square', outputPath: path.join(dir, 'out.mp4'), allowSilence: true }).mouthFrom).toBeUndefined();
  });

  it('refuses in one line a clip that cannot give a mouth: silent, faceless, a photo, or for a video face', async () => {
    const refusal = async (faceId: number, clipId: number) => {
      const error = await failureOf(studio.handlers['face.setMouthClip']({ faceId, clipId }));
      expect(error?.message).not.toContain('\n');
      return error;
    };
    expect(await refusal(ids.photo, ids.silent)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/"silent" has no sound/) });
    expect(await refusal(ids.photo, ids.noFace)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/"no-face" shows no face/) });
    expect(await refusal(ids.photo, ids.photo)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('is a photo') });
    expect(await refusal(ids.talking, ids.talking)).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('only a photo takes its mouth from a clip') });
    expect(await refusal(ids.photo, 9999)).toMatchObject({ code: 'NOT_FOUND' });
    expect((await studio.engine.library()).getFace({ faceId: ids.photo })?.mouthClipId).toBeNull();
  });

  it('forgets the mouth clip when that clip is deleted from the library', async () => {
    await studio.handlers['face.setMouthClip']({ faceId: ids.photo, clipId: ids.talking });
    await studio.handlers['library.delete']({ kind: 'face', id: ids.talking });
    expect((await studio.engine.library()).getFace({ faceId: ids.photo })?.mouthClipId).toBeNull();
  });
});
