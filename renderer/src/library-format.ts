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
