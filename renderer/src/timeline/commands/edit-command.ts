import type { ProjectDocument } from '../../../../electron/contract/project-document';

/**
 * One undoable edit of the project document. Commands are immutable values holding exactly what they change (never a
 * snapshot of the whole document), so undoing one edit leaves later, unrelated state (like the selection) alone.
 */
export interface EditCommand {
  /** What the edit did, for the Undo/Redo tooltips: "Move clip". */
  readonly label: string;
  apply(doc: ProjectDocument): ProjectDocument;
  revert(doc: ProjectDocument): ProjectDocument;
  /** Steps of one continuous gesture (a drag) share a key and become one undo step. */
  readonly mergeKey?: string;
  /** The single command equivalent to this one followed by `next`, or null when they cannot merge. */
  mergeWith?(next: EditCommand): EditCommand | null;
  /** True when applying it changes nothing (a drag that came back to where it started): history does not keep it. */
  isNoop?(): boolean;
}
