import { useEffect } from 'react';
import { clipEndSec, type ProjectDocument } from '../../../electron/contract/project-document';
import { timelineEndSec } from '../audio/playback-schedule';
import { deleteClip, splitClip, trimClip } from '../timeline/commands';
import { findClip } from '../timeline/commands/track-edits';
import { useEditorActions, useStudioContext } from '../store/editor-store';
import { newClipId } from '../timeline/clip-ids';

const STEP_SEC = 1;
const FRAME_SEC = 1 / 25;

/** Q/W trim only inside the clip: extending a clip could run it into its neighbour. */
function playheadInside(doc: ProjectDocument, clipId: string, atSec: number): boolean {
  const clip = findClip(doc, clipId)?.clip;
  return clip !== undefined && clip.start < atSec && atSec < clipEndSec(clip);
}

function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'range'].includes(target.type);
}

/**
 * Editor shortcuts: Space play/pause, J/K/L shuttle (backward, stop, forward; J or L again goes faster), ←/→ a frame,
 * PageUp/PageDown a second, Home start, Delete the selected clip,
 * S split it at the playhead, Q/W trim its start/end to the playhead, Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, +/− zoom. Text fields keep their keys.
 */
export function useShortcuts(): void {
  const { store } = useStudioContext();
  const actions = useEditorActions();

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target) || event.altKey) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const seek = (seconds: number) => {
        actions.setPlayhead(Math.min(Math.max(0, seconds), Math.max(timelineEndSec(state.doc), 0)));
      };
      let handled = true;
      if (mod && key === 'z') {
        if (event.shiftKey) actions.redo();
        else actions.undo();
      } else if (mod && key === 'y') actions.redo();
      else if (mod) handled = false;
      else if (key === ' ') actions.setPlaying(!state.playing);
      else if (key === 'k') actions.setPlaying(false);
      else if (key === 'l') actions.shuttle(1);
      else if (key === 'j') actions.shuttle(-1);
      else if (key === 'pageup') seek(state.playheadSec - STEP_SEC);
      else if (key === 'pagedown') seek(state.playheadSec + STEP_SEC);
      else if (key === 'home') seek(0);
      else if (key === 'end') seek(timelineEndSec(state.doc));
      else if (key === 'arrowleft' && !(event.target instanceof HTMLInputElement)) seek(state.playheadSec - FRAME_SEC);
      else if (key === 'arrowright' && !(event.target instanceof HTMLInputElement)) seek(state.playheadSec + FRAME_SEC);
      else if ((key === 'delete' || key === 'backspace') && state.selectedClipId && findClip(state.doc, state.selectedClipId)) {
        actions.execute(deleteClip(state.doc, state.selectedClipId));
        actions.selectClip(null);
      } else if (key === 's' && state.selectedClipId && findClip(state.doc, state.selectedClipId)) {
        actions.execute(splitClip(state.doc, state.selectedClipId, state.playheadSec, newClipId()));
      } else if ((key === 'q' || key === 'w') && state.selectedClipId && playheadInside(state.doc, state.selectedClipId, state.playheadSec)) {
        actions.execute(trimClip(state.doc, state.selectedClipId, key === 'q' ? 'start' : 'end', state.playheadSec));
      } else if (key === '+' || key === '=') actions.zoom(1.25);
      else if (key === '-') actions.zoom(0.8);
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, actions]);
}
