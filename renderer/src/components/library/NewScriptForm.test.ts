import { describe, expect, it } from 'vitest';
import { firstWords } from './NewScriptForm';

describe('script names from text', () => {
  it('takes the first words, without trailing punctuation', () => {
    expect(firstWords('Hello there, friend.')).toBe('Hello there, friend');
    expect(firstWords('one two three four five six seven')).toBe('one two three four five…');
    expect(firstWords('   ')).toBe('Untitled script');
  });
});
