import { describe, expect, it } from 'vitest';
import { countCharacters, cutExcerpt, foldSearchText, quoteFtsTerm, splitSearchTerms } from './search-text.js';

describe('search text', () => {
  it('folds case and accents, keeps other scripts', () => {
    expect(foldSearchText('École ÉTÉ Ñandú')).toBe('ecole ete nandu');
    expect(foldSearchText('桥下垂直净空')).toBe('桥下垂直净空');
  });

  it('splits a query into distinct folded terms', () => {
    expect(splitSearchTerms('  Ask   NOT ask\tcafé ')).toEqual(['ask', 'not', 'cafe']);
    expect(splitSearchTerms(' \n ')).toEqual([]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(countCharacters('净空')).toBe(2);
    expect(countCharacters('😀😀')).toBe(2);
  });

  it('quotes FTS5 terms so no character acts as syntax', () => {
    expect(quoteFtsTerm('say "hi" OR *')).toBe('"say ""hi"" OR *"');
  });

  it('cuts an excerpt around the first match, on the original text', () => {
    const text = `${'x'.repeat(100)} And so my fellow Américains, ask not ${'y'.repeat(100)}`;
    const excerpt = cutExcerpt({ text, terms: ['americains'], radiusChars: 20 });
    expect(excerpt).toMatch(/^….*fellow Américains, ask not.*…$/);
    expect(cutExcerpt({ text: 'short text', terms: ['short'] })).toBe('short text');
    expect(cutExcerpt({ text: 'short text', terms: ['absent'] })).toBeNull();
  });
});
