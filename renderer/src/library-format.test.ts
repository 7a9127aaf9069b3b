import { describe, expect, it } from 'vitest';
import { baseName, describeSubjects, formatDuration, formatEdited, splitNameForEllipsis, summarizeImport } from './library-format';

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

  it('keeps the distinctive end of a long name for a middle ellipsis', () => {
    expect(splitNameForEllipsis('group3_apollo11_crew_nasa')).toEqual({ head: 'group3_apollo11_', tail: 'crew_nasa' });
    expect(splitNameForEllipsis('en_ljspeech_LJ001-0001')).toEqual({ head: 'en_ljspeech_', tail: 'LJ001-0001' });
    expect(splitNameForEllipsis('Greeting')).toEqual({ head: 'Greeting', tail: '' });
    const split = splitNameForEllipsis('a very long project name that goes on');
    expect(split.head + split.tail).toBe('a very long project name that goes on');
    expect(split.tail).toBe('goes on');
  });

  it('says when a project was edited, shortly', () => {
    const now = new Date(2026, 10, 22, 15, 0);
    expect(formatEdited(new Date(2026, 10, 22, 9, 5).toISOString(), now)).toMatch(/^Edited \d{1,2}[:.]05/);
    expect(formatEdited(new Date(2026, 2, 3).toISOString(), now)).toMatch(/^Edited .*3/);
    expect(formatEdited(new Date(2024, 2, 3).toISOString(), now)).toContain('2024');
    expect(formatEdited('not a date', now)).toBe('');
  });
});
