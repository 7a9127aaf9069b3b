import { describe, expect, it } from 'vitest';
import { baseName, describeSubjects, formatDuration, summarizeImport } from './library-format';

describe('library formatting', () => {
  it('describes what the analysis found', () => {
    expect(describeSubjects({ subjectCount: null })).toBe('Not analysed yet');
    expect(describeSubjects({ subjectCount: 0 })).toBe('No face found');
    expect(describeSubjects({ subjectCount: 1 })).toBe('1 face');
    expect(describeSubjects({ subjectCount: 3 })).toBe('3 faces');
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('');
    expect(formatDuration(4.4)).toBe('0:04');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
    expect(formatDuration(Number.NaN)).toBe('');
  });

  it('summarises an import', () => {
    const ok = (duplicate: boolean) => ({ path: '/a.jpg', ok: true as const, kind: 'face' as const, id: 1, duplicate, notice: null });
    const failed = { path: '/b.xyz', ok: false as const, error: { code: 'BAD_INPUT' as const, message: 'nope' } };
    expect(summarizeImport([])).toBe('Nothing was imported.');
    expect(summarizeImport([ok(false), ok(false), ok(true), failed])).toBe('2 added, 1 already in the library, 1 could not be imported.');
    expect(summarizeImport([failed])).toBe('1 could not be imported.');
  });

  it('takes the file name from POSIX and Windows paths', () => {
    expect(baseName('/home/ana/photo.jpg')).toBe('photo.jpg');
    expect(baseName('C:\\Users\\ana\\voice.wav')).toBe('voice.wav');
  });
});
