import type { AudioClip, Clip, ProjectDocument, ScriptClip } from '../../../../electron/contract/project-document';
import type { EditCommand } from './edit-command';
import { insertClip, removeClip, replaceClip, requireClip } from './track-edits';

/** Puts a new clip on a subject's track. */
export class AddClipCommand implements EditCommand {
  readonly label = 'Add clip';
  constructor(
    readonly subject: number,
    readonly clip: Clip,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return insertClip(doc, this.subject, this.clip);
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return removeClip(doc, this.clip.id);
  }
}

export function addClip(subject: number, clip: Clip): AddClipCommand {
  return new AddClipCommand(subject, { ...clip, start: Math.max(0, clip.start) });
}

interface Placement {
  start: number;
  subject: number;
}

/** Moves a clip in time and/or to another subject's track. */
export class MoveClipCommand implements EditCommand {
  readonly label = 'Move clip';
  constructor(
    readonly clipId: string,
    readonly from: Placement,
    readonly to: Placement,
    readonly mergeKey?: string,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return place(doc, this.clipId, this.to);
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return place(doc, this.clipId, this.from);
  }
  mergeWith(next: EditCommand): EditCommand | null {
    if (!(next instanceof MoveClipCommand) || next.clipId !== this.clipId || !this.mergeKey || next.mergeKey !== this.mergeKey) return null;
    return new MoveClipCommand(this.clipId, this.from, next.to, this.mergeKey);
  }
  isNoop(): boolean {
    return this.from.start === this.to.start && this.from.subject === this.to.subject;
  }
}

function place(doc: ProjectDocument, clipId: string, to: Placement): ProjectDocument {
  const location = requireClip(doc, clipId);
  const moved = { ...location.clip, start: to.start };
  if (location.subject === to.subject) return replaceClip(doc, moved);
  return insertClip(removeClip(doc, clipId), to.subject, moved);
}

export function moveClip(doc: ProjectDocument, clipId: string, to: Placement, mergeKey?: string): MoveClipCommand {
  const { clip, subject } = requireClip(doc, clipId);
  return new MoveClipCommand(clipId, { start: clip.start, subject }, { start: Math.max(0, to.start), subject: to.subject }, mergeKey);
}

type TrimState = Pick<AudioClip, 'start' | 'trimStart' | 'trimEnd'>;

/** Changes which part of a recording an audio clip plays (either edge). */
export class TrimClipCommand implements EditCommand {
  readonly label = 'Trim clip';
  constructor(
    readonly clipId: string,
    readonly before: TrimState,
    readonly after: TrimState,
    readonly mergeKey?: string,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return setTrim(doc, this.clipId, this.after);
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return setTrim(doc, this.clipId, this.before);
  }
  mergeWith(next: EditCommand): EditCommand | null {
    if (!(next instanceof TrimClipCommand) || next.clipId !== this.clipId || !this.mergeKey || next.mergeKey !== this.mergeKey) return null;
    return new TrimClipCommand(this.clipId, this.before, next.after, this.mergeKey);
  }
  isNoop(): boolean {
    return this.before.start === this.after.start && this.before.trimStart === this.after.trimStart && this.before.trimEnd === this.after.trimEnd;
  }
}

function setTrim(doc: ProjectDocument, clipId: string, state: TrimState): ProjectDocument {
  const { clip } = requireClip(doc, clipId);
  if (clip.kind !== 'audio') throw new Error(`Clip ${clipId} is not an audio clip.`);
  return replaceClip(doc, { ...clip, ...state });
}

/** Shortest clip a trim or split may leave, in seconds. */
export const MIN_CLIP_SEC = 0.05;

/**
 * Trims an audio clip so that the given edge lands at `edgeSec` on the timeline, clamped to the recording and to a
 * minimum length. Trimming the start moves the clip's start with it, so the audio stays where it was.
 */
export function trimClip(doc: ProjectDocument, clipId: string, edge: 'start' | 'end', edgeSec: number, mergeKey?: string): TrimClipCommand | null {
  const { clip } = requireClip(doc, clipId);
  if (clip.kind !== 'audio') return null;
  const before = { start: clip.start, trimStart: clip.trimStart, trimEnd: clip.trimEnd };
  let after: TrimState;
  if (edge === 'end') {
    const trimEnd = clamp(clip.trimStart + (edgeSec - clip.start), clip.trimStart + MIN_CLIP_SEC, clip.duration);
    after = { ...before, trimEnd };
  } else {
    // The recording's own time zero sits at start - trimStart on the timeline; it must not move.
    const origin = clip.start - clip.trimStart;
    const trimStart = clamp(edgeSec - origin, Math.max(0, -origin), clip.trimEnd - MIN_CLIP_SEC);
    after = { start: origin + trimStart, trimStart, trimEnd: clip.trimEnd };
  }
  return new TrimClipCommand(clipId, before, after, mergeKey);
}

/** Cuts an audio clip in two at a timeline time; the right part gets `newClipId`. */
export class SplitClipCommand implements EditCommand {
  readonly label = 'Split clip';
  constructor(
    readonly subject: number,
    readonly original: AudioClip,
    readonly left: AudioClip,
    readonly right: AudioClip,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return insertClip(replaceClip(doc, this.left), this.subject, this.right);
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return replaceClip(removeClip(doc, this.right.id), this.original);
  }
}

/** Null when the time is not inside an audio clip with room on both sides. */
export function splitClip(doc: ProjectDocument, clipId: string, atSec: number, newClipId: string): SplitClipCommand | null {
  const { clip, subject } = requireClip(doc, clipId);
  if (clip.kind !== 'audio') return null;
  const cut = clip.trimStart + (atSec - clip.start);
  if (cut - clip.trimStart < MIN_CLIP_SEC || clip.trimEnd - cut < MIN_CLIP_SEC) return null;
  const left: AudioClip = { ...clip, trimEnd: cut };
  const right: AudioClip = { ...clip, id: newClipId, start: atSec, trimStart: cut };
  return new SplitClipCommand(subject, clip, left, right);
}

/** Removes a clip; undo puts it back on the same track. */
export class DeleteClipCommand implements EditCommand {
  readonly label = 'Delete clip';
  constructor(
    readonly subject: number,
    readonly clip: Clip,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return removeClip(doc, this.clip.id);
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return insertClip(doc, this.subject, this.clip);
  }
}

export function deleteClip(doc: ProjectDocument, clipId: string): DeleteClipCommand {
  const { clip, subject } = requireClip(doc, clipId);
  return new DeleteClipCommand(subject, clip);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Changes what a script clip says or which voice says it (typing merges into one step per field). */
export class UpdateScriptClipCommand implements EditCommand {
  readonly label = 'Edit line';
  constructor(
    readonly before: ScriptClip,
    readonly after: ScriptClip,
    readonly mergeKey?: string,
  ) {}
  apply(doc: ProjectDocument): ProjectDocument {
    return replaceClip(doc, this.after);
  }
  revert(doc: ProjectDocument): ProjectDocument {
    return replaceClip(doc, this.before);
  }
  mergeWith(next: EditCommand): EditCommand | null {
    if (!(next instanceof UpdateScriptClipCommand) || next.before.id !== this.before.id || !this.mergeKey || next.mergeKey !== this.mergeKey) return null;
    return new UpdateScriptClipCommand(this.before, next.after, this.mergeKey);
  }
}

export function updateScriptClip(doc: ProjectDocument, clipId: string, change: Partial<Pick<ScriptClip, 'text' | 'voice' | 'duration'>>, mergeKey?: string): UpdateScriptClipCommand | null {
  const { clip } = requireClip(doc, clipId);
  if (clip.kind !== 'script') return null;
  return new UpdateScriptClipCommand(clip, { ...clip, ...change }, mergeKey);
}
