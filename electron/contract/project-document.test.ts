import { describe, expect, it } from 'vitest';
import { clipEndSec, createEmptyProjectDocument, projectDocumentSchema, type ProjectDocument } from './project-document';

function sampleDocument(): ProjectDocument {
  return {
    ...createEmptyProjectDocument(),
    stage: { faceId: 3, mediaKind: 'photo' },
    tracks: [
      {
        subject: 0,
        clips: [
          { id: 'a1', start: 0.5, kind: 'audio', voiceId: 7, trimStart: 1, trimEnd: 3.5, duration: 4 },
          { id: 's1', start: 4, kind: 'script', scriptId: 2, voice: 'en-us', duration: 2.2 },
        ],
      },
      { subject: 1, clips: [{ id: 's2', start: 0, kind: 'script', text: 'Hello there.', voice: 'en-gb' }] },
    ],
    subjects: { '0': { expressiveness: 1.4, headMotion: 0.5, blinkRate: 12 } },
    export: { preset: 'square', captions: { enabled: true, style: 'reel' } },
    selectedSubject: 1,
  };
}

describe('projectDocumentSchema', () => {
  it('accepts an empty project and a full one, unchanged', () => {
    expect(projectDocumentSchema.parse(createEmptyProjectDocument())).toEqual(createEmptyProjectDocument());
    const doc = sampleDocument();
    expect(projectDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it.each<[string, (doc: ProjectDocument) => unknown]>([
    ['another version', (doc) => ({ ...doc, version: 2 })],
    ['trimEnd before trimStart', (doc) => ((doc.tracks[0].clips[0] as { trimEnd: number }).trimEnd = 0.5, doc)],
    ['trim past the recording', (doc) => ((doc.tracks[0].clips[0] as { trimEnd: number }).trimEnd = 9, doc)],
    ['negative start', (doc) => ((doc.tracks[0].clips[0].start = -1), doc)],
    ['script without text or id', (doc) => ({ ...doc, tracks: [{ subject: 0, clips: [{ id: 'x', start: 0, kind: 'script', voice: 'en' }] }] })],
    ['unknown clip kind', (doc) => ({ ...doc, tracks: [{ subject: 0, clips: [{ id: 'x', start: 0, kind: 'video' }] }] })],
    ['two tracks for one subject', (doc) => ({ ...doc, tracks: [doc.tracks[0], { subject: 0, clips: [] }] })],
    ['duplicate clip ids', (doc) => ((doc.tracks[1].clips[0].id = 'a1'), doc)],
    ['expressiveness out of range', (doc) => ({ ...doc, subjects: { '0': { expressiveness: 3, headMotion: 1, blinkRate: 10 } } })],
    ['subject key not a number', (doc) => ({ ...doc, subjects: { first: { expressiveness: 1, headMotion: 1, blinkRate: 10 } } })],
    ['unknown preset', (doc) => ({ ...doc, export: { preset: '4k', captions: { enabled: false, style: 'clean' } } })],
    ['extra key', (doc) => ({ ...doc, name: 'sneaky' })],
    ['footage settings not yes/no', (doc) => ({ ...doc, export: { ...doc.export, footage: { keepClipLength: 'yes', keepOriginalAudio: false } } })],
    ['footage settings half given', (doc) => ({ ...doc, export: { ...doc.export, footage: { keepClipLength: true } } })],
    ['an unknown footage setting', (doc) => ({ ...doc, export: { ...doc.export, footage: { keepClipLength: true, keepOriginalAudio: false, loop: true } } })],
  ])('rejects %s', (_label, mutate) => {
    expect(projectDocumentSchema.safeParse(mutate(sampleDocument())).success).toBe(false);
  });

  it('keeps a video face\'s dub settings (clip length, original sound) through a round trip', () => {
    const doc = sampleDocument();
    const dub = { ...doc, stage: { faceId: 3, mediaKind: 'video' as const }, export: { ...doc.export, footage: { keepClipLength: true, keepOriginalAudio: true } } };
    expect(projectDocumentSchema.parse(JSON.parse(JSON.stringify(dub)))).toEqual(dub);
  });

  it('measures clip ends on the timeline', () => {
    const [audio, script] = sampleDocument().tracks[0].clips;
    expect(clipEndSec(audio)).toBeCloseTo(3);
    expect(clipEndSec(script)).toBeCloseTo(6.2);
  });
});
