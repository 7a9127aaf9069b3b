import type { ProjectDocument } from '../../../../electron/contract/project-document';
import type { EditCommand } from './edit-command';

export interface History {
  readonly past: readonly EditCommand[];
  readonly future: readonly EditCommand[];
}

export interface Edited {
  history: History;
  doc: ProjectDocument;
}

/** How many steps undo reaches back. */
export const HISTORY_LIMIT = 200;

export const emptyHistory: History = { past: [], future: [] };

/**
 * Applies a command and records it. A command continuing the gesture of the previous one (same `mergeKey`) replaces
 * it with their merge, so a whole drag is one undo step. Any new edit clears the redo stack.
 */
export function executeCommand({ history, doc }: Edited, command: EditCommand): Edited {
  const next = command.apply(doc);
  const last = history.past.at(-1);
  const merged = last && command.mergeKey !== undefined && last.mergeKey === command.mergeKey ? (last.mergeWith?.(command) ?? null) : null;
  const before = merged ? history.past.slice(0, -1) : history.past;
  const recorded = merged ?? command;
  const past = recorded.isNoop?.() ? before : [...before, recorded].slice(-HISTORY_LIMIT);
  return { doc: next, history: { past, future: [] } };
}

export function undo(edited: Edited): Edited {
  const command = edited.history.past.at(-1);
  if (!command) return edited;
  return {
    doc: command.revert(edited.doc),
    history: { past: edited.history.past.slice(0, -1), future: [command, ...edited.history.future] },
  };
}

export function redo(edited: Edited): Edited {
  const [command, ...future] = edited.history.future;
  if (!command) return edited;
  return { doc: command.apply(edited.doc), history: { past: [...edited.history.past, command], future } };
}

export const canUndo = (history: History) => history.past.length > 0;
export const canRedo = (history: History) => history.future.length > 0;
