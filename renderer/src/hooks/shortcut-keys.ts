/** What a key press asks the editor to do. */
export type ShortcutAction =
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'toggle-play' }
  | { type: 'stop' }
  | { type: 'shuttle'; direction: 1 | -1 }
  | { type: 'seek-by'; seconds: number }
  | { type: 'seek-to'; where: 'start' | 'end' }
  | { type: 'delete-clip' }
  | { type: 'split-clip' }
  | { type: 'trim-clip'; edge: 'start' | 'end' }
  | { type: 'zoom'; factor: number };

/**
 * Where the key was pressed: typing in a text field (the field keeps every key), on another control such as a
 * button or checkbox (it keeps Space, Enter and Delete), or in the editing area (body, stage, timeline, a clip).
 */
export type KeyTarget = 'text' | 'control' | 'editor';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target: KeyTarget;
}

export const FRAME_SEC = 1 / 25;
export const STEP_SEC = 1;

/**
 * Editor shortcuts: Space play/pause; J/K/L shuttle (backward, stop, forward; J or L again goes faster); ←/→ a frame;
 * PageUp/PageDown a second; Home/End; Delete the selected clip; S split it at the playhead; Q/W trim its start/end to
 * the playhead; Ctrl/⌘+Z undo; Ctrl/⌘+Shift+Z or Ctrl+Y redo; +/− zoom.
 */
export function shortcutFor(press: KeyPress): ShortcutAction | null {
  if (press.target === 'text' || press.altKey) return null;
  const key = press.key.toLowerCase();
  if (press.ctrlKey || press.metaKey) {
    if (key === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' };
    if (key === 'y') return { type: 'redo' };
    return null;
  }
  switch (key) {
    case 'k':
      return { type: 'stop' };
    case 'l':
      return { type: 'shuttle', direction: 1 };
    case 'j':
      return { type: 'shuttle', direction: -1 };
    case 'pageup':
      return { type: 'seek-by', seconds: -STEP_SEC };
    case 'pagedown':
      return { type: 'seek-by', seconds: STEP_SEC };
    case 'home':
      return { type: 'seek-to', where: 'start' };
    case 'end':
      return { type: 'seek-to', where: 'end' };
    case '+':
    case '=':
      return { type: 'zoom', factor: 1.25 };
    case '-':
      return { type: 'zoom', factor: 0.8 };
  }
  // A focused button, checkbox or list keeps its own Space, arrows and Delete.
  if (press.target !== 'editor') return null;
  switch (key) {
    case ' ':
      return { type: 'toggle-play' };
    case 'arrowleft':
      return { type: 'seek-by', seconds: -FRAME_SEC };
    case 'arrowright':
      return { type: 'seek-by', seconds: FRAME_SEC };
    case 'delete':
    case 'backspace':
      return { type: 'delete-clip' };
    case 's':
      return { type: 'split-clip' };
    case 'q':
      return { type: 'trim-clip', edge: 'start' };
    case 'w':
      return { type: 'trim-clip', edge: 'end' };
  }
  return null;
}

/** Classifies the element a key was pressed on (see `KeyTarget`). */
export function keyTargetOf(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement) || target === document.body) return 'editor';
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return 'text';
  if (target instanceof HTMLInputElement) return ['checkbox', 'radio', 'button', 'range'].includes(target.type) ? 'control' : 'text';
  if (target.closest('.clip, .subject')) return 'editor';
  if (target.closest('button, a, input, [role="button"], [role="tab"], [role="radio"]')) return 'control';
  return 'editor';
}
