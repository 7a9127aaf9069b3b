import { describe, expect, it } from 'vitest';
import { countWords, estimateSpeechSec, pickDefaultVoice } from './use-clip-factory';

describe('script line length estimate', () => {
  it('grows with the words, with a floor for a single word', () => {
    expect(countWords('  Hello   there,\nfriend ')).toBe(3);
    expect(estimateSpeechSec(0)).toBe(estimateSpeechSec(1));
    expect(estimateSpeechSec(26)).toBeCloseTo(10.4, 1);
    expect(estimateSpeechSec(52)).toBeGreaterThan(estimateSpeechSec(26));
  });
});

describe('the voice of a new script line', () => {
  it('is en-us when the build has it, else the first voice, else en-us', () => {
    expect(pickDefaultVoice(['af', 'de', 'en-gb', 'en-us', 'fr'])).toBe('en-us');
    expect(pickDefaultVoice(['af', 'de'])).toBe('af');
    expect(pickDefaultVoice([])).toBe('en-us');
  });
});
