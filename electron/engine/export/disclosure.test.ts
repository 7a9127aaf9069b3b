import { describe, expect, it } from 'vitest';
import { AI_DISCLOSURE_LABEL, disclosureTags, disclosureVoiceOf } from './disclosure.js';

describe('disclosure tag text', () => {
  it('names Mouthpiece and its version and says AI-generated whatever the voice', () => {
    for (const voice of [undefined, 'synthesised', 'recorded', 'mixed'] as const) {
      const tags = disclosureTags({ toolVersion: '1.2.3', voice });
      for (const key of ['comment', 'description']) {
        expect(tags[key]).toContain(AI_DISCLOSURE_LABEL);
        expect(tags[key]).toContain('Mouthpiece 1.2.3');
      }
    }
  });

  it('points to the credentials and watermark that outlast the tags', () => {
    expect(disclosureTags({ toolVersion: '1.0.0' }).description).toMatch(/signed content credentials and an invisible watermark .*mouthpiece verify/);
  });

  it('claims a generated voice only when the voice was synthesised', () => {
    const synthesised = disclosureTags({ toolVersion: '1.0.0', voice: 'synthesised' }).comment;
    expect(synthesised).toMatch(/face animation .* and the voice .* were generated/);
    const recorded = disclosureTags({ toolVersion: '1.0.0', voice: 'recorded' }).comment;
    expect(recorded).toMatch(/face animation in this video was generated/);
    expect(recorded).toMatch(/voice is a recording, not synthesised/);
    expect(recorded).not.toMatch(/voice (in this video )?(was|were) (generated|synthesised)/);
    const unknown = Object.values(disclosureTags({ toolVersion: '1.0.0' })).join(' ');
    expect(unknown).not.toMatch(/voice/);
    expect(disclosureTags({ toolVersion: '1.0.0', voice: 'mixed' }).comment).toMatch(/some of the voices .*generated.*other voices are recordings/);
  });

  it('says footage was re-voiced and its mouth re-synthesised, not that a photo was animated', () => {
    const tags = disclosureTags({ toolVersion: '1.2.3', voice: 'recorded', face: 'footage' });
    expect(tags.comment).toMatch(/^AI-generated: this footage was re-voiced and the mouth re-synthesised/);
    expect(tags.comment).not.toMatch(/still photo/);
    expect(tags.description).toMatch(/re-voiced footage/);
    expect(disclosureTags({ toolVersion: '1.2.3', voice: 'synthesised', face: 'footage' }).comment).toMatch(/generated voice/);
  });

  it('reads the voice off the clips: scripts are synthesised, recordings are not', () => {
    expect(disclosureVoiceOf(['say', 'say'])).toBe('synthesised');
    expect(disclosureVoiceOf(['audio'])).toBe('recorded');
    expect(disclosureVoiceOf(['audio', 'say'])).toBe('mixed');
    expect(disclosureVoiceOf([])).toBeUndefined();
  });
});
