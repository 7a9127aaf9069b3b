import { describe, expect, expectTypeOf, it } from 'vitest';
import { channelOf, methodOfChannel, studioEventChannels, studioMethods } from './channels';
import { requestSchemas } from './schemas';
import type { StudioApi } from './studio-api';
import type { FaceSummary, LibraryListing, RenderJobView, StudioResult } from './types';
import { validateRequest } from './validate';
import { createEmptyProjectDocument, type ProjectDocument } from './project-document';

function validDocument(): ProjectDocument {
  return {
    ...createEmptyProjectDocument(),
    stage: { faceId: 1, mediaKind: 'photo' },
    tracks: [{ subject: 1, clips: [{ id: 'c1', kind: 'audio', start: 0.5, voiceId: 2, trimStart: 0, trimEnd: 3, duration: 4 }] }],
  };
}

function withClip(overrides: Record<string, unknown>): unknown {
  const document = validDocument();
  return { ...document, tracks: [{ subject: 1, clips: [{ ...document.tracks[0].clips[0], ...overrides }] }] };
}

const FACE_ID = 42;

describe('contract channels', () => {
  it('has exactly one schema per method', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...studioMethods].sort());
  });

  it('prefixes every request and event channel with studio:', () => {
    for (const method of studioMethods) expect(channelOf(method)).toBe(`studio:${method}`);
    for (const channel of Object.values(studioEventChannels)) expect(channel).toMatch(/^studio:event:[a-z-]+$/);
  });

  it('maps channels back to methods and nothing else', () => {
    expect(methodOfChannel('studio:library.list')).toBe('library.list');
    expect(methodOfChannel('studio:event:progress')).toBeUndefined();
    expect(methodOfChannel('studio:constructor')).toBeUndefined();
    expect(methodOfChannel('studio:__proto__')).toBeUndefined();
    expect(methodOfChannel('library.list')).toBeUndefined();
    expect(methodOfChannel(42)).toBeUndefined();
  });
});

describe('validateRequest accepts well-formed requests', () => {
  it.each([
    ['studio:app.getInfo', undefined],
    ['studio:library.list', undefined],
    ['studio:library.importFromDialog', undefined],
    ['studio:library.import', { paths: ['/home/ana/photo.jpg', 'C:\\Users\\ana\\voice.wav', 'D:/scripts/a.txt', '\\\\nas\\share\\clip.mp4'] }],
    ['studio:library.setConsent', { faceId: FACE_ID, consent: true }],
    ['studio:library.setConsent', { faceId: 1, consent: false }],
    ['studio:library.importSample', { kind: 'face' }],
    ['studio:library.importSample', { kind: 'voice' }],
    ['studio:face.getAnalysis', { faceId: FACE_ID }],
    ['studio:face.setSubjectName', { faceId: FACE_ID, subject: 2, name: 'Neil Armstrong' }],
    ['studio:face.setSubjectName', { faceId: FACE_ID, subject: 0, name: '' }],
    ['studio:face.setMouthClip', { faceId: FACE_ID, clipId: 7 }],
    ['studio:face.setMouthClip', { faceId: FACE_ID, clipId: null }],
    ['studio:app.getLastProject', undefined],
    ['studio:library.search', { query: 'apollo' }],
    ['studio:library.search', { query: 'é', kinds: ['voice', 'script'], limit: 20 }],
    ['studio:library.rename', { kind: 'face', id: FACE_ID, name: 'Crew photo' }],
    ['studio:library.delete', { kind: 'project', id: 3 }],
    ['studio:voices.list', undefined],
    ['studio:scripts.create', { name: 'Hello', text: 'Hello there.' }],
    ['studio:scripts.update', { scriptId: 2, text: 'Hello again.' }],
    ['studio:projects.list', undefined],
    ['studio:projects.create', { name: 'Launch day' }],
    ['studio:projects.create', { name: 'Launch day', document: createEmptyProjectDocument() }],
    ['studio:projects.get', { projectId: 1 }],
    ['studio:projects.save', { projectId: 1, document: validDocument() }],
    ['studio:render.enqueue', { projectId: 1 }],
    ['studio:render.enqueue', { projectId: 1, preset: 'square', outputPath: '/home/ana/Videos/launch.mp4' }],
    ['studio:render.list', undefined],
    ['studio:render.cancel', { renderId: 5 }],
    ['studio:render.retry', { renderId: 5 }],
    ['studio:render.chooseOutput', { suggestedName: 'Launch day' }],
    ['studio:render.openOutput', { renderId: 5 }],
    ['studio:render.reveal', { renderId: 5 }],
  ])('%s', (channel, payload) => {
    const result = validateRequest(channel, payload);
    expect(result).toMatchObject({ ok: true, method: channel.slice('studio:'.length), request: payload });
  });
});

describe('validateRequest rejects malformed messages', () => {
  it.each([
    ['no prefix', 'library.list'],
    ['unknown method', 'studio:library.destroy'],
    ['an event channel', 'studio:event:progress'],
    ['prototype key', 'studio:toString'],
    ['not a string', { channel: 'studio:library.list' }],
    ['empty', ''],
  ])('unknown channel: %s', (_label, channel) => {
    const result = validateRequest(channel, undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it.each([
    ['argument to a no-argument method', 'studio:library.list', { sneaky: true }],
    ['null to a no-argument method', 'studio:app.getInfo', null],
    ['missing payload', 'studio:library.import', undefined],
    ['paths not an array', 'studio:library.import', { paths: '/etc/passwd' }],
    ['empty paths', 'studio:library.import', { paths: [] }],
    ['relative path', 'studio:library.import', { paths: ['photo.jpg'] }],
    ['dot-relative path', 'studio:library.import', { paths: ['../../etc/passwd'] }],
    ['NUL in path', 'studio:library.import', { paths: ['/tmp/a.jpg\0.txt'] }],
    ['non-string path', 'studio:library.import', { paths: [42] }],
    ['too many paths', 'studio:library.import', { paths: Array.from({ length: 1001 }, (_, i) => `/tmp/${i}.jpg`) }],
    ['extra key', 'studio:library.import', { paths: ['/tmp/a.jpg'], overwrite: true }],
    ['consent as string', 'studio:library.setConsent', { faceId: FACE_ID, consent: 'yes' }],
    ['missing consent', 'studio:library.setConsent', { faceId: FACE_ID }],
    ['subject name too long', 'studio:face.setSubjectName', { faceId: FACE_ID, subject: 0, name: 'a'.repeat(41) }],
    ['subject name with a line break', 'studio:face.setSubjectName', { faceId: FACE_ID, subject: 0, name: 'Anna\nBob' }],
    ['subject index out of range', 'studio:face.setSubjectName', { faceId: FACE_ID, subject: 32, name: 'Anna' }],
    ['subject name missing', 'studio:face.setSubjectName', { faceId: FACE_ID, subject: 0 }],
    ['mouth clip missing (null clears it)', 'studio:face.setMouthClip', { faceId: FACE_ID }],
    ['mouth clip as a file path', 'studio:face.setMouthClip', { faceId: FACE_ID, clipId: '/home/ana/clip.mp4' }],
    ['mouth clip id not an integer', 'studio:face.setMouthClip', { faceId: FACE_ID, clipId: 1.5 }],
    ['mouth clip with an extra key', 'studio:face.setMouthClip', { faceId: FACE_ID, clipId: 7, path: '/etc/passwd' }],
    ['unknown sample', 'studio:library.importSample', { kind: 'video' }],
    ['a path as the sample', 'studio:library.importSample', { kind: 'face', path: '/etc/passwd' }],
    ['SQL in id', 'studio:library.setConsent', { faceId: "1' OR '1'='1", consent: true }],
    ['id as string', 'studio:face.getAnalysis', { faceId: '42' }],
    ['zero id', 'studio:face.getAnalysis', { faceId: 0 }],
    ['negative id', 'studio:face.getAnalysis', { faceId: -3 }],
    ['fractional id', 'studio:face.getAnalysis', { faceId: 1.5 }],
    ['unsafe integer id', 'studio:face.getAnalysis', { faceId: 2 ** 60 }],
    ['NaN id', 'studio:face.getAnalysis', { faceId: Number.NaN }],
    ['array payload', 'studio:face.getAnalysis', [FACE_ID]],
    ['prototype pollution', 'studio:face.getAnalysis', JSON.parse(`{"faceId":"${FACE_ID}","__proto__":{"admin":true}}`)],
    ['search query too long', 'studio:library.search', { query: 'a'.repeat(201) }],
    ['search unknown kind', 'studio:library.search', { query: 'a', kinds: ['render'] }],
    ['rename to blank', 'studio:library.rename', { kind: 'face', id: 1, name: '   ' }],
    ['rename unknown kind', 'studio:library.rename', { kind: 'media', id: 1, name: 'x' }],
    ['delete without id', 'studio:library.delete', { kind: 'voice' }],
    ['empty script', 'studio:scripts.create', { name: 'Empty', text: ' \n ' }],
    ['huge script', 'studio:scripts.create', { name: 'Huge', text: 'a'.repeat(100_001) }],
    ['project without name', 'studio:projects.create', {}],
    ['save without document', 'studio:projects.save', { projectId: 1 }],
    ['save with a future document version', 'studio:projects.save', { projectId: 1, document: { ...validDocument(), version: 2 } }],
    ['save with negative clip start', 'studio:projects.save', { projectId: 1, document: withClip({ start: -1 }) }],
    ['save with trim past the recording', 'studio:projects.save', { projectId: 1, document: withClip({ trimEnd: 9 }) }],
    ['save with an unknown key in the document', 'studio:projects.save', { projectId: 1, document: { ...validDocument(), script: 'rm -rf /' } }],
    ['save with duplicate tracks', 'studio:projects.save', { projectId: 1, document: { ...validDocument(), tracks: [...validDocument().tracks, ...validDocument().tracks] } }],
    ['render with unknown preset', 'studio:render.enqueue', { projectId: 1, preset: '8k' }],
    ['render output not mp4', 'studio:render.enqueue', { projectId: 1, outputPath: '/home/ana/.bashrc' }],
    ['render output relative', 'studio:render.enqueue', { projectId: 1, outputPath: 'out.mp4' }],
    ['cancel with string id', 'studio:render.cancel', { renderId: 'all' }],
    ['retry without id', 'studio:render.retry', undefined],
    ['payload to render.list', 'studio:render.list', { status: 'running' }],
  ])('bad payload: %s', (_label, channel, payload) => {
    const result = validateRequest(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('names the field but does not echo the value', () => {
    const result = validateRequest('studio:library.setConsent', { faceId: 'secret value!', consent: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('faceId');
    expect(result.error.message).not.toContain('secret value!');
  });
});

describe('StudioApi type', () => {
  it('is derived from the contract', () => {
    expectTypeOf<StudioApi['library']['list']>().toEqualTypeOf<() => Promise<StudioResult<LibraryListing>>>();
    expectTypeOf<StudioApi['library']['setConsent']>().parameters.toEqualTypeOf<[{ faceId: number; consent: boolean }]>();
    expectTypeOf<StudioApi['library']['setConsent']>().returns.toEqualTypeOf<Promise<StudioResult<FaceSummary>>>();
    expectTypeOf<keyof StudioApi>().toEqualTypeOf<
      'app' | 'library' | 'face' | 'voices' | 'scripts' | 'projects' | 'render' | 'presets' | 'batch' | 'preview' | 'video' | 'on' | 'getPathForFile' | 'importFiles' | 'verifyFile'
    >();
    expectTypeOf<StudioApi['render']['enqueue']>().returns.toEqualTypeOf<Promise<StudioResult<RenderJobView>>>();
    expectTypeOf<StudioApi['projects']['save']>().parameters.toEqualTypeOf<[{ projectId: number; document: ProjectDocument; name?: string }]>();
  });
});
