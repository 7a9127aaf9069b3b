import { describe, expect, it } from 'vitest';
import { countWords, estimateSpeechSec } from './use-clip-factory';

describe('script line length estimate', () => {
  it('grows with the words, with a floor for a single word', () => {
    expect(countWords('  Hello   there,\nfriend ')).toBe(3);
    expect(estimateSpeechSec(0)).toBe(estimateSpeechSec(1));
    expect(estimateSpeechSec(26)).toBeCloseTo(10.4, 1);
    expect(estimateSpeechSec(52)).toBeGreaterThan(estimateSpeechSec(26));
  });
});

