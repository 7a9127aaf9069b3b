/**
 * Subjects are numbered from 0 by size (0 = the largest face), as the CLI and the project file number them; these
 * words make that numbering readable in the studio.
 */

/** "largest face", "2nd largest", "3rd largest", … */
export function describeSubjectRank(index: number): string {
  if (index === 0) return 'largest face';
  const place = index + 1;
  const suffix = place % 10 === 2 && place % 100 !== 12 ? 'nd' : place % 10 === 3 && place % 100 !== 13 ? 'rd' : place % 10 === 1 && place % 100 !== 11 ? 'st' : 'th';
  return `${place}${suffix} largest`;
}

/** "Subject 0 · largest face · speaker · selected": a tooltip or screen-reader label. */
export function describeSubject(index: number, state: { selected?: boolean; speaking?: boolean } = {}): string {
  return [`Subject ${index}`, describeSubjectRank(index), state.speaking ? 'speaker' : 'silent', state.selected ? 'selected' : ''].filter(Boolean).join(' · ');
}
