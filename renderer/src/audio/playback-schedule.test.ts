import { describe, expect, it } from 'vitest';
import { createEmptyProjectDocument, type ProjectDocument } from '../../../electron/contract/project-document';
import { scheduleAudio, subjectsSpeakingAt, timelineEndSec } from './playback-schedule';

const doc: ProjectDocument = {
  ...createEmptyProjectDocument(),
  tracks: [
    { subject: 0, clips: [{ id: 'a', start: 1, kind: 'audio', voiceId: 5, trimStart: 0.5, trimEnd: 2.5, duration: 3 }] },
    {
      subject: 1,
      clips: [
        { id: 'b', start: 4, kind: 'audio', voiceId: 6, trimStart: 0, trimEnd: 1, duration: 1 },
        { id: 's', start: 6, kind: 'script', text: 'Hi', voice: 'en', duration: 1.5 },
      ],
    },
  ],
};

describe('playback schedule', () => {
  it('starts every clip after its delay from the beginning, typed lines voiced by their built-in voice', () => {
    expect(scheduleAudio(doc, 0)).toEqual([
      { clipId: 'a', source: { kind: 'recording', voiceId: 5 }, delaySec: 1, offsetSec: 0.5, durationSec: 2 },
      { clipId: 'b', source: { kind: 'recording', voiceId: 6 }, delaySec: 4, offsetSec: 0, durationSec: 1 },
      { clipId: 's', source: { kind: 'speech', voice: 'en', text: 'Hi' }, delaySec: 6, offsetSec: 0, durationSec: 1.5 },
    ]);
  });

  it('plays the rest of a clip the playhead is inside, and skips clips behind it', () => {
    expect(scheduleAudio(doc, 2)).toEqual([
      { clipId: 'a', source: { kind: 'recording', voiceId: 5 }, delaySec: 0, offsetSec: 1.5, durationSec: 1 },
      { clipId: 'b', source: { kind: 'recording', voiceId: 6 }, delaySec: 2, offsetSec: 0, durationSec: 1 },
      { clipId: 's', source: { kind: 'speech', voice: 'en', text: 'Hi' }, delaySec: 4, offsetSec: 0, durationSec: 1.5 },
    ]);
    expect(scheduleAudio(doc, 4.5).map((item) => item.clipId)).toEqual(['b', 's']);
    expect(scheduleAudio(doc, 6.5)).toEqual([{ clipId: 's', source: { kind: 'speech', voice: 'en', text: 'Hi' }, delaySec: 0, offsetSec: 0.5, durationSec: 1 }]);
    expect(scheduleAudio(doc, 7.5)).toEqual([]);
  });

  it('knows who speaks at each moment', () => {
    expect(subjectsSpeakingAt(doc, 0.5)).toEqual([]);
    expect(subjectsSpeakingAt(doc, 1)).toEqual([0]);
    expect(subjectsSpeakingAt(doc, 2.99)).toEqual([0]);
    expect(subjectsSpeakingAt(doc, 3)).toEqual([]);
    expect(subjectsSpeakingAt(doc, 6.5)).toEqual([1]);
  });

  it('ends where the last clip ends, script clips included', () => {
    expect(timelineEndSec(doc)).toBe(7.5);
    expect(timelineEndSec(createEmptyProjectDocument())).toBe(0);
  });

  it('runs to a video face\'s end when its dub keeps the clip\'s full length, and only then', () => {
    const clip = { ...doc, stage: { faceId: 1, mediaKind: 'video' as const, durationSec: 12 } };
    const keep = { keepClipLength: true, keepOriginalAudio: false };
    expect(timelineEndSec(clip)).toBe(7.5);
    expect(timelineEndSec({ ...clip, export: { ...clip.export, footage: keep } })).toBe(12);
    // A voice longer than the clip still sets the end; a photo has no length of its own; nothing said, nothing to play.
    expect(timelineEndSec({ ...clip, stage: { ...clip.stage, durationSec: 3 }, export: { ...clip.export, footage: keep } })).toBe(7.5);
    expect(timelineEndSec({ ...clip, stage: { ...clip.stage, mediaKind: 'photo' }, export: { ...clip.export, footage: keep } })).toBe(7.5);
    expect(timelineEndSec({ ...clip, tracks: [], export: { ...clip.export, footage: keep } })).toBe(0);
  });
});
