import { createContext, useContext } from 'react';
import type { StudioApi } from '../../../electron/contract/studio-api';
import type { EditCommand } from '../timeline/commands';
import { createStore, useStoreSelector, type Store } from './create-store';
import { createEditorState, editorTransitions, MAX_PX_PER_SEC, MIN_PX_PER_SEC, nextShuttleRate, type EditorState } from './editor-state';

export type EditorStore = Store<EditorState>;

/** The editor's actions: every document edit goes through `execute` (a command) so it can be undone. */
export function createEditorActions(store: EditorStore) {
  const set = (update: (state: EditorState) => EditorState) => store.setState(update);
  return {
    execute: (command: EditCommand | null) => command && set((state) => editorTransitions.execute(state, command)),
    undo: () => set(editorTransitions.undo),
    redo: () => set(editorTransitions.redo),
    selectSubject: (subject: number) => set((state) => editorTransitions.selectSubject(state, subject)),
    selectClip: (clipId: string | null) => set((state) => (state.selectedClipId === clipId ? state : { ...state, selectedClipId: clipId })),
    setPlayhead: (seconds: number) => set((state) => ({ ...state, playheadSec: Math.max(0, seconds) })),
    setPlaying: (playing: boolean) => set((state) => (state.playing === playing && state.playRate === 1 ? state : { ...state, playing, playRate: 1 })),
    shuttle: (direction: 1 | -1) => set((state) => ({ ...state, playing: true, playRate: nextShuttleRate(state, direction) })),
    zoom: (factor: number) =>
      set((state) => ({ ...state, pxPerSec: Math.min(MAX_PX_PER_SEC, Math.max(MIN_PX_PER_SEC, state.pxPerSec * factor)) })),
    setProjectName: (projectName: string) => set((state) => ({ ...state, projectName, revision: state.revision + 1, saveStatus: 'pending' })),
    load: (project: Parameters<typeof editorTransitions.load>[1]) => set((state) => editorTransitions.load(state, project)),
    newProject: () => set((state) => ({ ...createEditorState(), pxPerSec: state.pxPerSec, revision: state.revision + 1, savedRevision: state.revision + 1 })),
  };
}

export type EditorActions = ReturnType<typeof createEditorActions>;

export interface StudioContextValue {
  studio: StudioApi;
  store: EditorStore;
  actions: EditorActions;
}

export function createStudioContextValue(studio: StudioApi): StudioContextValue {
  const store = createStore(createEditorState());
  return { studio, store, actions: createEditorActions(store) };
}

export const StudioContext = createContext<StudioContextValue | null>(null);

export function useStudioContext(): StudioContextValue {
  const value = useContext(StudioContext);
  if (!value) throw new Error('useStudioContext outside <StudioContext>');
  return value;
}

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStoreSelector(useStudioContext().store, selector);
}

export const useEditorActions = () => useStudioContext().actions;
export const useStudioApi = () => useStudioContext().studio;
