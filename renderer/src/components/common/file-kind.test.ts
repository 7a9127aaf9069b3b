import { describe, expect, it } from 'vitest';
import { kindOfDroppedFile } from './file-kind';

describe('kindOfDroppedFile', () => {
  it('knows pictures, recordings and text by type or extension', () => {
    expect(kindOfDroppedFile({ name: 'a.png', type: 'image/png' })).toBe('picture');
    expect(kindOfDroppedFile({ name: 'clip.MOV', type: '' })).toBe('picture');
    expect(kindOfDroppedFile({ name: 'voice.wav', type: 'audio/wav' })).toBe('recording');
    expect(kindOfDroppedFile({ name: 'voice.OGG', type: '' })).toBe('recording');
    expect(kindOfDroppedFile({ name: 'line.txt', type: 'text/plain' })).toBe('text');
    expect(kindOfDroppedFile({ name: 'notes.pdf', type: 'application/pdf' })).toBe('other');
  });
});
