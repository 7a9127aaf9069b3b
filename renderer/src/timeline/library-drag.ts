/** The drag payload of a library entry dropped on the timeline (voices, scripts) or the stage (faces). */
export const LIBRARY_ENTRY_MIME = 'application/x-mouthpiece-entry';

export interface LibraryDragEntry {
  kind: 'voice' | 'script' | 'face';
  id: number;
}

/** What a track takes: a recording or a script. */
export type TimelineDragEntry = LibraryDragEntry & { kind: 'voice' | 'script' };

export function writeLibraryDrag(dataTransfer: DataTransfer, entry: LibraryDragEntry): void {
  dataTransfer.setData(LIBRARY_ENTRY_MIME, JSON.stringify(entry));
  dataTransfer.setData('text/plain', `${entry.kind} ${entry.id}`);
  dataTransfer.effectAllowed = 'copy';
}

export function carriesLibraryEntry(dataTransfer: DataTransfer): boolean {
  return Array.from(dataTransfer.types).includes(LIBRARY_ENTRY_MIME);
}

export function readLibraryDrag(dataTransfer: DataTransfer): LibraryDragEntry | null {
  try {
    const value = JSON.parse(dataTransfer.getData(LIBRARY_ENTRY_MIME)) as Partial<LibraryDragEntry>;
    if ((value.kind === 'voice' || value.kind === 'script' || value.kind === 'face') && typeof value.id === 'number') return { kind: value.kind, id: value.id };
  } catch {
    // Not one of ours.
  }
  return null;
}
