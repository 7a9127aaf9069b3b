import { describe, expect, it } from 'vitest';
import { createEmptyProjectDocument, projectDocumentSchema, type AudioClip, type ProjectDocument } from '../../../../electron/contract/project-document';
import { addClip, deleteClip, moveClip, splitClip, trimClip, updateScriptClip } from './clip-commands';
import { HISTORY_LIMIT, canRedo, canUndo, emptyHistory, executeCommand, redo, undo, type Edited } from './history';
import { setExportSettings, setSubjectSettings, stageOf } from './settings-commands';
import { findClip } from './track-edits';

const audio = (id: string, start: number, trimStart = 0, trimEnd = 2, duration = 4): AudioClip => ({ id, start, kind: 'audio', voiceId: 1, trimStart, trimEnd, duration });

function projectWith(...clips: [number, AudioClip][]): ProjectDocument {
  let doc = createEmptyProjectDocument();
  for (const [subject, clip] of clips) doc = addClip(subject, clip).apply(doc);
  return doc;
}

const start = (doc: ProjectDocument): Edited => ({ doc, history: emptyHistory });
const clipOf = (doc: ProjectDocument, id: string) => findClip(doc, id)?.clip;

describe('clip commands', () => {
  it('adds clips in start order, creating the track of a new subject, and undo removes it again', () => {
    const base = projectWith([0, audio('a', 3)]);
    const added = executeCommand(start(base), addClip(0, audio('b', 1)));
    expect(added.doc.tracks[0].clips.map((clip) => clip.id)).toEqual(['b', 'a']);
    const onSecond = executeCommand(added, addClip(1, audio('c', 0)));
    expect(onSecond.doc.tracks.map((track) => track.subject)).toEqual([0, 1]);
    expect(undo(undo(onSecond)).doc).toEqual(base);
    expect(projectDocumentSchema.safeParse(onSecond.doc).success).toBe(true);
  });

  it('moves a clip in time and across tracks, never before zero', () => {
    const base = projectWith([0, audio('a', 1)], [0, audio('b', 5)]);
    const moved = executeCommand(start(base), moveClip(base, 'a', { start: 7, subject: 0 }));
    expect(moved.doc.tracks[0].clips.map((clip) => [clip.id, clip.start])).toEqual([['b', 5], ['a', 7]]);
    const across = executeCommand(moved, moveClip(moved.doc, 'b', { start: -2, subject: 2 }));
    expect(findClip(across.doc, 'b')).toMatchObject({ subject: 2, clip: { start: 0 } });
    expect(undo(undo(across)).doc).toEqual(base);
  });

  it('trims the end within the recording and a minimum length', () => {
    const base = projectWith([0, audio('a', 10, 0.5, 2.5, 4)]);
    expect(clipOf(trimClip(base, 'a', 'end', 11)!.apply(base), 'a')).toMatchObject({ start: 10, trimStart: 0.5, trimEnd: 1.5 });
    expect(clipOf(trimClip(base, 'a', 'end', 99)!.apply(base), 'a')).toMatchObject({ trimEnd: 4 });
    expect(clipOf(trimClip(base, 'a', 'end', 0)!.apply(base), 'a')).toMatchObject({ trimEnd: 0.55 });
  });

  it('trims the start without moving the audio under it', () => {
    const base = projectWith([0, audio('a', 10, 0.5, 2.5, 4)]);
    // Recording time zero sits at 9.5 on the timeline; cutting at 10.5 keeps 1.0..2.5 of the recording.
    expect(clipOf(trimClip(base, 'a', 'start', 10.5)!.apply(base), 'a')).toMatchObject({ start: 10.5, trimStart: 1, trimEnd: 2.5 });
    // Extending past the recording's beginning stops at its first sample.
    expect(clipOf(trimClip(base, 'a', 'start', 3)!.apply(base), 'a')).toMatchObject({ start: 9.5, trimStart: 0 });
    const edited = executeCommand(start(base), trimClip(base, 'a', 'start', 10.5)!);
    expect(undo(edited).doc).toEqual(base);
  });

  it('splits an audio clip into two that play the same audio, and undo joins them', () => {
    const base = projectWith([0, audio('a', 10, 0.5, 2.5, 4)]);
    const split = executeCommand(start(base), splitClip(base, 'a', 11, 'a2')!);
    expect(split.doc.tracks[0].clips).toEqual([
      { ...audio('a', 10, 0.5, 1.5, 4) },
      { ...audio('a2', 11, 1.5, 2.5, 4) },
    ]);
    expect(undo(split).doc).toEqual(base);
    expect(splitClip(base, 'a', 10.01, 'x')).toBeNull();
    expect(splitClip(base, 'a', 13, 'x')).toBeNull();
  });

  it('deletes a clip and undo restores it at the same place', () => {
    const base = projectWith([0, audio('a', 1)], [0, audio('b', 5)], [1, audio('c', 0)]);
    const deleted = executeCommand(start(base), deleteClip(base, 'c'));
    expect(deleted.doc.tracks.map((track) => track.subject)).toEqual([0]);
    expect(undo(deleted).doc).toEqual(base);
  });
});

describe('history', () => {
  it('undoes and redoes a sequence of edits in order', () => {
    const base = projectWith([0, audio('a', 0)]);
    let edited = start(base);
    const states = [base];
    edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: 2, subject: 0 }));
    states.push(edited.doc);
    edited = executeCommand(edited, splitClip(edited.doc, 'a', 3, 'b')!);
    states.push(edited.doc);
    edited = executeCommand(edited, deleteClip(edited.doc, 'b'));
    states.push(edited.doc);
    edited = executeCommand(edited, trimClip(edited.doc, 'a', 'end', 2.5)!);
    states.push(edited.doc);

    for (let index = states.length - 2; index >= 0; index--) {
      edited = undo(edited);
      expect(edited.doc).toEqual(states[index]);
    }
    expect(canUndo(edited.history)).toBe(false);
    expect(undo(edited)).toBe(edited);
    for (let index = 1; index < states.length; index++) {
      edited = redo(edited);
      expect(edited.doc).toEqual(states[index]);
    }
    expect(canRedo(edited.history)).toBe(false);
  });

  it('clears the redo stack on a new edit', () => {
    const base = projectWith([0, audio('a', 0)]);
    let edited = executeCommand(start(base), moveClip(base, 'a', { start: 1, subject: 0 }));
    edited = undo(edited);
    expect(canRedo(edited.history)).toBe(true);
    edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: 4, subject: 0 }));
    expect(canRedo(edited.history)).toBe(false);
  });

  it('merges the steps of one drag into a single undo step, but not two drags', () => {
    const base = projectWith([0, audio('a', 0)]);
    let edited = start(base);
    for (const [index, position] of [0.5, 1, 1.5, 2].entries()) {
      edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: position, subject: index === 3 ? 1 : 0 }, 'drag-1'));
    }
    expect(edited.history.past).toHaveLength(1);
    expect(findClip(edited.doc, 'a')).toMatchObject({ subject: 1, clip: { start: 2 } });
    edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: 3, subject: 1 }, 'drag-2'));
    edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: 4, subject: 1 }, 'drag-2'));
    expect(edited.history.past).toHaveLength(2);
    expect(undo(edited).doc).toEqual(moveClip(base, 'a', { start: 2, subject: 1 }).apply(base));
    expect(undo(undo(edited)).doc).toEqual(base);
  });

  it('merges a trim drag and a slider drag, each into one step', () => {
    const base = projectWith([0, audio('a', 0, 0, 3, 4)]);
    let edited = start(base);
    for (const edge of [2.5, 2, 1.5]) edited = executeCommand(edited, trimClip(edited.doc, 'a', 'end', edge, 'trim-1')!);
    for (const value of [1.2, 1.5, 1.8]) edited = executeCommand(edited, setSubjectSettings(edited.doc, 0, { expressiveness: value }, 'slider-1'));
    expect(edited.history.past).toHaveLength(2);
    expect(edited.doc.subjects['0']).toMatchObject({ expressiveness: 1.8, headMotion: 1 });
    edited = undo(edited);
    expect(edited.doc.subjects).toEqual({});
    expect(clipOf(edited.doc, 'a')).toMatchObject({ trimEnd: 1.5 });
    expect(undo(edited).doc).toEqual(base);
  });

  it('keeps no step for a drag that ends where it started', () => {
    const base = projectWith([0, audio('a', 1)]);
    let edited = executeCommand(start(base), moveClip(base, 'a', { start: 3, subject: 0 }));
    for (const position of [2, 3.5, 2]) edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: position, subject: 0 }, 'drag-back'));
    expect(edited.history.past).toHaveLength(2);
    edited = executeCommand(edited, moveClip(edited.doc, 'a', { start: 3, subject: 0 }, 'drag-back'));
    expect(edited.history.past).toHaveLength(1);
    expect(undo(edited).doc).toEqual(base);
    expect(executeCommand(edited, moveClip(edited.doc, 'a', { start: 3, subject: 0 })).history.past).toHaveLength(1);
  });

  it('does not merge commands of different kinds that share a key', () => {
    const base = projectWith([0, audio('a', 0, 0, 3, 4)]);
    let edited = executeCommand(start(base), moveClip(base, 'a', { start: 1, subject: 0 }, 'k'));
    edited = executeCommand(edited, trimClip(edited.doc, 'a', 'end', 2, 'k')!);
    expect(edited.history.past).toHaveLength(2);
  });

  it('undoes export settings and keeps at most the history limit', () => {
    const base = createEmptyProjectDocument();
    let edited = executeCommand(start(base), setExportSettings(base, { preset: 'square' }));
    expect(undo(edited).doc.export.preset).toBe('reel');
    for (let index = 0; index < HISTORY_LIMIT + 5; index++) edited = executeCommand(edited, setExportSettings(edited.doc, { captions: { enabled: index % 2 === 0, style: 'clean' } }));
    expect(edited.history.past).toHaveLength(HISTORY_LIMIT);
  });
});

describe('script clip edits', () => {
  it('merges typing into one step and undo restores the old line', () => {
    let edited = start(createEmptyProjectDocument());
    edited = executeCommand(edited, addClip(0, { id: 's', start: 0, kind: 'script', text: 'Hello', voice: 'en-us', duration: 1 }));
    const before = edited.doc;
    for (const text of ['Hello t', 'Hello th', 'Hello there']) edited = executeCommand(edited, updateScriptClip(edited.doc, 's', { text }, 'typing-s')!);
    edited = executeCommand(edited, updateScriptClip(edited.doc, 's', { voice: 'en-gb' })!);
    expect(edited.history.past).toHaveLength(3);
    expect(findClip(edited.doc, 's')?.clip).toMatchObject({ text: 'Hello there', voice: 'en-gb' });
    expect(undo(undo(edited)).doc).toEqual(before);
    expect(updateScriptClip(projectWith([0, audio('a', 0)]), 'a', { text: 'x' })).toBeNull();
  });
});

describe('stageOf', () => {
  it('keeps a video face\'s length on the stage (a valid document), and none for a photo', () => {
    const video = stageOf({ id: 4, kind: 'video', durationSec: 3.04 });
    expect(video).toEqual({ faceId: 4, mediaKind: 'video', durationSec: 3.04 });
    expect(projectDocumentSchema.safeParse({ ...createEmptyProjectDocument(), stage: video }).success).toBe(true);
    expect(stageOf({ id: 5, kind: 'photo', durationSec: null })).toEqual({ faceId: 5, mediaKind: 'photo' });
  });
});
