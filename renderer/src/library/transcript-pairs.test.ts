import { describe, expect, it } from 'vitest';
import { pairTranscripts, transcriptFor } from './transcript-pairs';

describe('pairTranscripts', () => {
  it('takes a .txt named like a dropped recording as its transcript, and imports the rest', () => {
    const files = [{ name: 'Take1.wav' }, { name: 'take1.txt' }, { name: 'notes.txt' }, { name: 'face.png' }];
    const { imports, transcripts } = pairTranscripts(files);
    expect(imports.map((file) => file.name)).toEqual(['Take1.wav', 'notes.txt', 'face.png']);
    expect(transcriptFor(transcripts, 'Take1.wav')?.name).toBe('take1.txt');
    expect(transcriptFor(transcripts, 'face.png')).toBeUndefined();
  });
});
