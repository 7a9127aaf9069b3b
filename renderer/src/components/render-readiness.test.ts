import { describe, expect, it } from 'vitest';
import { createEmptyProjectDocument, type ProjectDocument } from '../../../electron/contract/project-document';
import type { FaceSummary, LibraryListing } from '../../../electron/contract/types';
import { renderBlockerFor } from './render-readiness';

const face = (change: Partial<FaceSummary> = {}): FaceSummary => ({
  id: 1, name: 'Crew', kind: 'photo', mediaUrl: null, thumbnailUrl: null, width: 600, height: 400, durationSec: null, consent: true, subjectCount: 3, subjectNames: {}, mouthClipId: null, addedAt: '', ...change,
});
const listing = (faceChange: Partial<FaceSummary> = {}): LibraryListing => ({
  faces: [face(faceChange)],
  voices: [{ id: 5, name: 'Take 1', mediaUrl: '/a.wav', builtin: false, durationSec: 4, transcript: null, addedAt: '' }],
  scripts: [{ id: 8, name: 'Hello', preview: 'Hello', wordCount: 1, addedAt: '' }],
});
const ready: ProjectDocument = {
  ...createEmptyProjectDocument(),
  stage: { faceId: 1, mediaKind: 'photo' },
  tracks: [
    { subject: 0, clips: [{ id: 'a', start: 0, kind: 'audio', voiceId: 5, trimStart: 0, trimEnd: 2, duration: 4 }] },
    { subject: 2, clips: [{ id: 's', start: 3, kind: 'script', scriptId: 8, voice: 'en-us', duration: 1 }] },
  ],
};

describe('renderBlockerFor', () => {
  it('lets a complete project through', () => {
    expect(renderBlockerFor(ready, listing())).toBeNull();
  });

  it('names the next step, in the order the user meets them', () => {
    expect(renderBlockerFor(createEmptyProjectDocument(), listing())).toMatch(/face on the stage/);
    expect(renderBlockerFor(ready, { ...listing(), faces: [] })).toMatch(/face on the stage/);
    expect(renderBlockerFor(ready, listing({ subjectCount: 0 }))).toMatch(/No face found/);
    expect(renderBlockerFor(ready, listing({ consent: false }))).toMatch(/consent/);
    expect(renderBlockerFor({ ...ready, tracks: [] }, listing())).toMatch(/Add a recording or a script line/);
    expect(renderBlockerFor(ready, listing({ subjectCount: 2 }))).toBe('Subject 2 is not in this picture: move or delete its clips');
    expect(renderBlockerFor(ready, listing({ subjectCount: 2, subjectNames: { 2: 'Bea' } }))).toBe('Bea is not in this picture: move or delete its clips');
  });

  it('dubs a clip for one speaker only, and says "clip" for a video without a face', () => {
    const clip = { ...ready, stage: { faceId: 1, mediaKind: 'video' as const } };
    expect(renderBlockerFor(clip, listing({ kind: 'video' }))).toBe('A clip is dubbed for one speaker: Subject 0 and Subject 2 both have lines; keep one');
    expect(renderBlockerFor({ ...clip, tracks: [clip.tracks[1]] }, listing({ kind: 'video' }))).toBeNull();
    expect(renderBlockerFor(clip, listing({ kind: 'video', subjectCount: 0 }))).toBe('No face found in this clip');
  });

  it('notices clips whose recording or script was deleted', () => {
    expect(renderBlockerFor(ready, { ...listing(), voices: [] })).toMatch(/Subject 0's track uses a recording that was deleted/);
    expect(renderBlockerFor(ready, { ...listing(), scripts: [] })).toMatch(/Subject 2's track uses a script that was deleted/);
  });
});
