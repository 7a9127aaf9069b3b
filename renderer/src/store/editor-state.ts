import { createEmptyProjectDocument, type ProjectDocument } from '../../../electron/contract/project-document';
import { canRedo, canUndo, emptyHistory, executeCommand, redo, undo, type EditCommand, type History } from '../timeline/commands';
import { normalizeTracks } from '../timeline/commands/track-edits';

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error';

/** Everything the editor edits. The document changes only through commands (or `selectSubject`, which is not an edit). */
export interface EditorState {
  projectId: number | null;
  projectName: string;
  doc: ProjectDocument;
  history: History;
  /** Bumped on every document change; the autosave watches it. */
  revision: number;
  /** The revision the library holds. */
  savedRevision: number;
  saveStatus: SaveStatus;
  saveError: string | null;
  selectedClipId: string | null;
  playheadSec: number;
  playing: boolean;
  /** Shuttle speed while playing: 1, 2, 4 forward (L), −1, −2, −4 backward (J, silent). */
  playRate: number;
  /** Timeline zoom. */
  pxPerSec: number;
}

export const MIN_PX_PER_SEC = 10;
export const MAX_PX_PER_SEC = 600;

export function createEditorState(): EditorState {
  return {
    projectId: null,
    projectName: 'Untitled project',
    doc: createEmptyProjectDocument(),
    history: emptyHistory,
    revision: 0,
    savedRevision: 0,
    saveStatus: 'saved',
    saveError: null,
    selectedClipId: null,
    playheadSec: 0,
    playing: false,
    playRate: 1,
    pxPerSec: 80,
  };
}

export const MAX_SHUTTLE_RATE = 4;

/**
 * J/K/L shuttle: L plays forward and, pressed again, twice as fast (up to 4×); J does the same backwards; a press in
 * the other direction starts over at 1×.
 */
export function nextShuttleRate(state: Pick<EditorState, 'playing' | 'playRate'>, direction: 1 | -1): number {
  if (!state.playing || Math.sign(state.playRate) !== direction) return direction;
  return direction * Math.min(MAX_SHUTTLE_RATE, Math.abs(state.playRate) * 2);
}

/** Pure transitions of the editor state; the store applies them. */
export const editorTransitions = {
  execute(state: EditorState, command: EditCommand): EditorState {
    const edited = executeCommand({ doc: state.doc, history: state.history }, command);
    return { ...state, ...edited, revision: state.revision + 1, saveStatus: 'pending' };
  },
  undo(state: EditorState): EditorState {
    if (!canUndo(state.history)) return state;
    return { ...state, ...undo({ doc: state.doc, history: state.history }), revision: state.revision + 1, saveStatus: 'pending' };
  },
  redo(state: EditorState): EditorState {
    if (!canRedo(state.history)) return state;
    return { ...state, ...redo({ doc: state.doc, history: state.history }), revision: state.revision + 1, saveStatus: 'pending' };
  },
  selectSubject(state: EditorState, subject: number): EditorState {
    if (state.doc.selectedSubject === subject) return state;
    return { ...state, doc: { ...state.doc, selectedSubject: subject }, revision: state.revision + 1, saveStatus: 'pending' };
  },
  /** A project from the library replaces the editor's content; its history starts empty. */
  load(state: EditorState, project: { id: number; name: string; document: ProjectDocument }): EditorState {
    return {
      ...createEditorState(),
      pxPerSec: state.pxPerSec,
      projectId: project.id,
      projectName: project.name,
      doc: normalizeTracks(project.document),
      revision: state.revision + 1,
      savedRevision: state.revision + 1,
    };
  },
};
