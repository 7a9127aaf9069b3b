import type { FaceSummary, ImportFileResult } from '../../electron/contract/types';

/** What the analysis found, in words: "2 faces", "No face found", "Not analysed yet". */
export function describeSubjects(face: Pick<FaceSummary, 'subjectCount'>): string {
  if (face.subjectCount === null) return 'Not analysed yet';
  if (face.subjectCount === 0) return 'No face found';
  return face.subjectCount === 1 ? '1 face' : `${face.subjectCount} faces`;
}

/** `m:ss`, or `h:mm:ss` from an hour up; empty when unknown. */
export function formatDuration(durationSec: number | null): string {
  if (durationSec === null || !Number.isFinite(durationSec) || durationSec < 0) return '';
  const total = Math.round(durationSec);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** One line about an import: "2 added, 1 already in the library, 1 could not be imported." */
export function summarizeImport(results: ImportFileResult[]): string {
  if (results.length === 0) return 'Nothing was imported.';
  const added = results.filter((result) => result.ok && !result.duplicate).length;
  const duplicates = results.filter((result) => result.ok && result.duplicate).length;
  const failed = results.length - added - duplicates;
  const parts = [
    added > 0 ? `${added} added` : '',
    duplicates > 0 ? `${duplicates} already in the library` : '',
    failed > 0 ? `${failed} could not be imported` : '',
  ].filter(Boolean);
  return `${parts.join(', ')}.`.replace(/^./, (first) => first.toUpperCase());
}

/** The last part of a path, whichever separator the platform uses. */
export function baseName(filePath: string): string {
  return filePath.split(/[\\/]/).pop() ?? filePath;
}

/**
 * A long name split for a middle ellipsis: the head may be cut, the tail (the distinctive end: a take number, a
 * last word) always stays. Imported files are often named `group3_apollo11_crew_nasa` or `en_ljspeech_LJ001-0001`,
 * where the end tells entries apart. Short names are not split.
 */
export function splitNameForEllipsis(name: string, maxTailChars = 12): { head: string; tail: string } {
  if (name.length <= maxTailChars + 4) return { head: name, tail: '' };
  let tail = name.slice(-Math.min(maxTailChars, Math.ceil(name.length / 2)));
  // Start the tail at a word boundary when it holds one, so it reads as a whole word ("crew_nasa", not "11_crew_nasa").
  const boundary = tail.search(/[_\s.]/);
  if (boundary >= 0 && boundary < tail.length - 3) tail = tail.slice(boundary + 1);
  return { head: name.slice(0, name.length - tail.length), tail };
}

/** "Edited 14:05" today, "Edited 3 Mar" this year, "Edited 3 Mar 2024" before; empty for a bad date. */
export function formatEdited(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const sameDay = date.toDateString() === now.toDateString();
  if (sameDay) return `Edited ${date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })}`;
  const options: Intl.DateTimeFormatOptions = date.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' };
  return `Edited ${date.toLocaleDateString(undefined, options)}`;
}
