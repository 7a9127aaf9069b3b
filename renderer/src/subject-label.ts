/**
 * Subjects are numbered from 0 by size (0 = the largest face), as the CLI and the project file number them; these
 * words make that numbering readable in the studio. A name the user gave a subject (kept on the library face, so
 * every view of the picture says it) takes the place of "Subject N".
 */

/** Names keyed by subject index, as `FaceSummary.subjectNames` holds them. */
export type SubjectNames = Readonly<Record<string, string>> | undefined;

/** "largest face", "2nd largest", "3rd largest", … */
export function describeSubjectRank(index: number): string {
  if (index === 0) return 'largest face';
  const place = index + 1;
  const suffix = place % 10 === 2 && place % 100 !== 12 ? 'nd' : place % 10 === 3 && place % 100 !== 13 ? 'rd' : place % 10 === 1 && place % 100 !== 11 ? 'st' : 'th';
  return `${place}${suffix} largest`;
}

/** The name the user gave the subject, else "Subject N". */
export function subjectName(index: number, names?: SubjectNames): string {
  return names?.[String(index)] ?? `Subject ${index}`;
}

/** "Anna (Subject 0) · largest face · speaker · selected": a tooltip or screen-reader label. */
export function describeSubject(index: number, state: { selected?: boolean; speaking?: boolean; names?: SubjectNames } = {}): string {
  const named = state.names?.[String(index)];
  const title = named ? `${named} (Subject ${index})` : `Subject ${index}`;
  return [title, describeSubjectRank(index), state.speaking ? 'speaker' : 'silent', state.selected ? 'selected' : ''].filter(Boolean).join(' · ');
}
