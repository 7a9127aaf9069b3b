/** Case- and accent-insensitive form of a text for matching: "École" and "ecole" fold to the same string. */
export function foldSearchText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Splits what the user typed into terms (whitespace-separated), folded, without duplicates. */
export function splitSearchTerms(query: string): string[] {
  const terms = foldSearchText(query).split(/\s+/u).filter((term) => term.length > 0);
  return [...new Set(terms)];
}

/** Number of Unicode characters (code points), which is what the trigram tokenizer counts. */
export function countCharacters(text: string): number {
  return [...text].length;
}

/** An FTS5 string literal: the term in double quotes, inner quotes doubled, so no character acts as syntax. */
export function quoteFtsTerm(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/**
 * A window of `text` around the first occurrence of any term, for showing why an entry matched.
 * Returns null when none of the terms occurs. Folding may change lengths (ligatures), so positions are found on a
 * per-character folded copy.
 */
export function cutExcerpt({ text, terms, radiusChars = 40 }: { text: string; terms: string[]; radiusChars?: number }): string | null {
  const chars = [...text];
  const folded = chars.map((char) => foldSearchText(char));
  const foldedText = folded.join('');
  let bestOffset = -1;
  for (const term of terms) {
    const offset = foldedText.indexOf(term);
    if (offset >= 0 && (bestOffset < 0 || offset < bestOffset)) bestOffset = offset;
  }
  if (bestOffset < 0) return null;
  let charIndex = 0;
  for (let consumed = 0; charIndex < chars.length && consumed + folded[charIndex].length <= bestOffset; charIndex++) {
    consumed += folded[charIndex].length;
  }
  const start = Math.max(0, charIndex - radiusChars);
  const end = Math.min(chars.length, charIndex + radiusChars);
  const body = chars.slice(start, end).join('').replace(/\s+/gu, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < chars.length ? '…' : ''}`;
}
