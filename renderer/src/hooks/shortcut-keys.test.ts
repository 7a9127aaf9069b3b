import { describe, expect, it } from 'vitest';
import { FRAME_SEC, shortcutFor, type KeyPress, type KeyTarget } from './shortcut-keys';

const press = (key: string, target: KeyTarget = 'editor', mods: Partial<KeyPress> = {}): KeyPress => ({ key, target, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcutFor', () => {
  it('maps the editing keys in the editor', () => {
    expect(shortcutFor(press(' '))).toEqual({ type: 'toggle-play' });
    expect(shortcutFor(press('J'))).toEqual({ type: 'shuttle', direction: -1 });
    expect(shortcutFor(press('k'))).toEqual({ type: 'stop' });
    expect(shortcutFor(press('l'))).toEqual({ type: 'shuttle', direction: 1 });
    expect(shortcutFor(press('ArrowLeft'))).toEqual({ type: 'seek-by', seconds: -FRAME_SEC });
    expect(shortcutFor(press('Delete'))).toEqual({ type: 'delete-clip' });
    expect(shortcutFor(press('Backspace'))).toEqual({ type: 'delete-clip' });
    expect(shortcutFor(press('s'))).toEqual({ type: 'split-clip' });
    expect(shortcutFor(press('w'))).toEqual({ type: 'trim-clip', edge: 'end' });
  });

  it('undoes with Ctrl or ⌘ and redoes with Shift or Y', () => {
    expect(shortcutFor(press('z', 'editor', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(press('Z', 'control', { metaKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(press('y', 'editor', { ctrlKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(press('s', 'editor', { ctrlKey: true }))).toBeNull();
  });

  it('leaves text fields every key, and focused controls their own Space and Delete', () => {
    for (const key of [' ', 'j', 'Delete', 'z']) expect(shortcutFor(press(key, 'text', { ctrlKey: key === 'z' }))).toBeNull();
    expect(shortcutFor(press(' ', 'control'))).toBeNull();
    expect(shortcutFor(press('Delete', 'control'))).toBeNull();
    expect(shortcutFor(press('ArrowRight', 'control'))).toBeNull();
    expect(shortcutFor(press('l', 'control'))).toEqual({ type: 'shuttle', direction: 1 });
    expect(shortcutFor(press('l', 'editor', { altKey: true }))).toBeNull();
  });
});
