import { useCallback, useEffect, useRef } from 'react';
import { useLibraryData } from '../library/library-context';
import { useEditor, useStudioContext } from '../store/editor-store';
import type { EditorState } from '../store/editor-state';

export const AUTOSAVE_DELAY_MS = 600;

/**
 * Saves the project shortly after each change (the first save of a new project creates it). Returns `flush`, which
 * saves now and resolves with the project id, for actions that need the library to hold the latest document (render).
 */
export function useAutosave(): () => Promise<number | null> {
  const { studio, store } = useStudioContext();
  const { refreshProjects } = useLibraryData();
  const revision = useEditor((state) => state.revision);
  const inFlight = useRef<Promise<number | null> | null>(null);

  const saveNow = useCallback(async (): Promise<number | null> => {
    // One save at a time; a change made meanwhile is saved by the next round.
    while (inFlight.current) await inFlight.current;
    const state = store.getState();
    if (state.revision === state.savedRevision && state.projectId !== null) return state.projectId;
    const attempt = persist(studio, state, store.setState, refreshProjects);
    inFlight.current = attempt;
    try {
      return await attempt;
    } finally {
      inFlight.current = null;
    }
  }, [studio, store, refreshProjects]);

  useEffect(() => {
    const state = store.getState();
    if (state.revision === state.savedRevision) return;
    const timer = setTimeout(() => void saveNow(), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [revision, store, saveNow]);

  // Closing the window inside the debounce delay must not lose the last edit.
  useEffect(() => {
    const onHide = () => void saveNow();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [saveNow]);

  return saveNow;
}

type SetState = (update: (state: EditorState) => EditorState) => void;

async function persist(studio: ReturnType<typeof useStudioContext>['studio'], state: EditorState, setState: SetState, refreshProjects: () => void): Promise<number | null> {
  const { revision, doc } = state;
  const projectName = state.projectName.trim() || 'Untitled project';
  // Nothing worth keeping yet: an untouched new project is not written to the library.
  if (state.projectId === null && doc.stage.faceId === null && doc.tracks.length === 0) return null;
  setState((current) => ({ ...current, saveStatus: 'saving' }));
  const result =
    state.projectId === null
      ? await studio.projects.create({ name: projectName, document: doc })
      : await studio.projects.save({ projectId: state.projectId, document: doc, name: projectName });
  if (!result.ok) {
    setState((current) => ({ ...current, saveStatus: 'error', saveError: result.error.message }));
    return state.projectId;
  }
  const projectId = result.value.id;
  setState((current) => ({
    ...current,
    projectId,
    savedRevision: revision,
    saveStatus: current.revision === revision ? 'saved' : 'pending',
    saveError: null,
  }));
  if (state.projectId === null) refreshProjects();
  return projectId;
}
