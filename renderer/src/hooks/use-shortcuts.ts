import { useEffect } from 'react';
import { clipEndSec, type ProjectDocument } from '../../../electron/contract/project-document';
import { timelineEndSec } from '../audio/playback-schedule';
import { useEditorActions, useStudioContext } from '../store/editor-store';
import { newClipId } from '../timeline/clip-ids';
import { deleteClip, splitClip, trimClip } from '../timeline/commands';
import { findClip } from '../timeline/commands/track-edits';
import { keyTargetOf, shortcutFor, type ShortcutAction } from './shortcut-keys';

/** Q/W trim only inside the clip: extending a clip could run it into its neighbour. */
function playheadInside(doc: ProjectDocument, clipId: string, atSec: number): boolean {
  const clip = findClip(doc, clipId)?.clip;
  return clip !== undefined && clip.start < atSec && atSec < clipEndSec(clip);
}

/** Runs the editor's keyboard shortcuts (`shortcutFor` says which key does what). */
export function useShortcuts(): void {
  const { store } = useStudioContext();
  const actions = useEditorActions();

  useEffect(() => {
    const run = (action: ShortcutAction): boolean => {
      const state = store.getState();
      const endSec = timelineEndSec(state.doc);
      const seek = (seconds: number) => actions.setPlayhead(Math.min(Math.max(0, seconds), endSec));
      const clipId = state.selectedClipId && findClip(state.doc, state.selectedClipId) ? state.selectedClipId : null;
      switch (action.type) {
        case 'undo':
          return (actions.undo(), true);
        case 'redo':
          return (actions.redo(), true);
        case 'toggle-play':
          return (actions.setPlaying(!state.playing), true);
        case 'stop':
          return (actions.setPlaying(false), true);
        case 'shuttle':
          return (actions.shuttle(action.direction), true);
        case 'seek-by':
          return (seek(state.playheadSec + action.seconds), true);
        case 'seek-to':
          return (seek(action.where === 'start' ? 0 : endSec), true);
        case 'zoom':
          return (actions.zoom(action.factor), true);
        case 'delete-clip':
          if (!clipId) return false;
          actions.execute(deleteClip(state.doc, clipId));
          actions.selectClip(null);
          return true;
        case 'split-clip':
          return clipId !== null && (actions.execute(splitClip(state.doc, clipId, state.playheadSec, newClipId())), true);
        case 'trim-clip':
          if (!clipId || !playheadInside(state.doc, clipId, state.playheadSec)) return false;
          return (actions.execute(trimClip(state.doc, clipId, action.edge, state.playheadSec)), true);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = shortcutFor({ key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, shiftKey: event.shiftKey, altKey: event.altKey, target: keyTargetOf(event.target) });
      if (action && run(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, actions]);
}
