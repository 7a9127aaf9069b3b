import { describe, expect, it } from 'vitest';
import { createEmptyProjectDocument, type ProjectDocument } from '../../../electron/contract/project-document';
import { addClip, moveClip } from '../timeline/commands';
import { createStore } from './create-store';
import { createEditorState, editorTransitions } from './editor-state';

const clip = { id: 'a', start: 1, kind: 'audio' as const, voiceId: 3, trimStart: 0, trimEnd: 2, duration: 2 };

describe('editor state', () => {
  it('marks every edit, undo and redo as unsaved, and undo leaves the selection alone', () => {
    let state = editorTransitions.execute(createEditorState(), addClip(0, clip));
    expect(state).toMatchObject({ revision: 1, saveStatus: 'pending' });
    state = editorTransitions.selectSubject(state, 2);
    expect(state.history.past).toHaveLength(1);
    state = editorTransitions.undo(state);
    expect(state.doc.tracks).toEqual([]);
    expect(state.doc.selectedSubject).toBe(2);
    expect(state.revision).toBe(3);
    state = editorTransitions.redo(state);
    expect(state.doc.tracks[0].clips).toEqual([clip]);
    expect(editorTransitions.redo(state)).toBe(state);
  });

  it('loads a project as saved, with an empty history and tidy tracks', () => {
    let state = editorTransitions.execute(createEditorState(), addClip(0, clip));
    state = editorTransitions.execute(state, moveClip(state.doc, 'a', { start: 3, subject: 0 }));
    const document: ProjectDocument = { ...createEmptyProjectDocument(), tracks: [{ subject: 1, clips: [] }, { subject: 0, clips: [{ ...clip, id: 'b' }, clip] }] };
    const loaded = editorTransitions.load(state, { id: 9, name: 'Saved', document });
    expect(loaded.history.past).toEqual([]);
    expect(loaded.revision).toBe(loaded.savedRevision);
    expect(loaded.revision).toBeGreaterThan(state.revision);
    expect(loaded.doc.tracks.map((track) => [track.subject, track.clips.map((item) => item.id)])).toEqual([[0, ['a', 'b']]]);
  });
});

describe('createStore', () => {
  it('notifies subscribers of changes only', () => {
    const store = createStore({ count: 0 });
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    store.setState((state) => ({ count: state.count + 1 }));
    store.setState((state) => state);
    unsubscribe();
    store.setState((state) => ({ count: state.count + 1 }));
    expect(calls).toBe(1);
    expect(store.getState().count).toBe(2);
  });
});

describe('J/K/L shuttle', () => {
  it('speeds up in one direction and starts over when it turns', async () => {
    const { nextShuttleRate } = await import('./editor-state');
    expect(nextShuttleRate({ playing: false, playRate: 1 }, 1)).toBe(1);
    expect(nextShuttleRate({ playing: true, playRate: 1 }, 1)).toBe(2);
    expect(nextShuttleRate({ playing: true, playRate: 2 }, 1)).toBe(4);
    expect(nextShuttleRate({ playing: true, playRate: 4 }, 1)).toBe(4);
    expect(nextShuttleRate({ playing: true, playRate: 4 }, -1)).toBe(-1);
    expect(nextShuttleRate({ playing: true, playRate: -1 }, -1)).toBe(-2);
    expect(nextShuttleRate({ playing: false, playRate: -2 }, -1)).toBe(-1);
  });
});
