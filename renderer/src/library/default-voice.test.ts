import { describe, expect, it } from 'vitest';
import { pickDefaultVoice } from './default-voice';

const voices = ['af', 'de', 'en', 'en-gb', 'en-us', 'es', 'fr-be', 'fr-fr', 'cmn', 'pt', 'pt-br'].map((name) => ({ name }));

describe('pickDefaultVoice', () => {
  it('follows the system language, region first', () => {
    expect(pickDefaultVoice(voices, 'en-GB', null)).toBe('en-gb');
    expect(pickDefaultVoice(voices, 'en-US', null)).toBe('en-us');
    expect(pickDefaultVoice(voices, 'en', null)).toBe('en-us');
    expect(pickDefaultVoice(voices, 'fr-CA', null)).toBe('fr-fr');
    expect(pickDefaultVoice(voices, 'de-AT', null)).toBe('de');
    expect(pickDefaultVoice(voices, 'zh-CN', null)).toBe('cmn');
  });

  it('falls back to American English for an unknown or missing language, never to the first in the alphabet', () => {
    expect(pickDefaultVoice(voices, 'xx-YY', null)).toBe('en-us');
    expect(pickDefaultVoice(voices, undefined, null)).toBe('en-us');
    expect(pickDefaultVoice([], 'de', null)).toBe('en-us');
  });

  it('remembers the last choice while that voice exists', () => {
    expect(pickDefaultVoice(voices, 'en-US', 'es')).toBe('es');
    expect(pickDefaultVoice(voices, 'en-US', 'qya')).toBe('en-us');
  });
});
