import { describe, expect, it } from 'vitest';
import { describeSubject, describeSubjectRank, subjectName } from './subject-label';

describe('subject labels', () => {
  it('words the size rank of a subject numbered from 0', () => {
    expect([0, 1, 2, 3, 10, 11, 20].map((index) => describeSubjectRank(index))).toEqual(['largest face', '2nd largest', '3rd largest', '4th largest', '11th largest', '12th largest', '21st largest']);
  });

  it('says whether the subject speaks and is selected', () => {
    expect(describeSubject(0, { selected: true, speaking: true })).toBe('Subject 0 · largest face · speaker · selected');
    expect(describeSubject(2)).toBe('Subject 2 · 3rd largest · silent');
  });

  it('uses the name the user gave, keeping the number beside it where there is room', () => {
    const names = { 1: 'Anna' };
    expect(subjectName(1, names)).toBe('Anna');
    expect(subjectName(0, names)).toBe('Subject 0');
    expect(subjectName(2)).toBe('Subject 2');
    expect(describeSubject(1, { names, speaking: true })).toBe('Anna (Subject 1) · 2nd largest · speaker');
  });
});
