import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FaceSubjectView } from '../../../../electron/contract/types';
import { SubjectOverlay } from './SubjectOverlay';

const subject = (index: number, x: number): FaceSubjectView => ({
  index,
  box: [x, 50, 40, 50],
  score: 0.9,
  area: 2000,
  landmarks: [],
  masks: { faceOval: [[x, 50], [x + 40, 50], [x + 20, 100]], lips: [], innerMouth: [], leftEye: [], rightEye: [], head: [] },
});

describe('SubjectOverlay', () => {
  it('outlines and numbers every subject, marks the selected speaker and the one talking now', () => {
    const html = renderToStaticMarkup(
      createElement(SubjectOverlay, {
        width: 600,
        height: 400,
        displayWidth: 300,
        subjects: [subject(0, 100), subject(1, 300), subject(2, 450)],
        selected: 1,
        speaking: new Set([1]),
        talking: new Set([1]),
        names: { 2: 'Anna' },
        onSelect: () => {},
      }),
    );
    for (const index of [0, 1, 2]) expect(html).toContain(`data-testid="subject-outline-${index}"`);
    expect(html).toContain('viewBox="0 0 600 400"');
    expect(html.match(/class="subject selected speaker talking"/g)).toHaveLength(1);
    expect(html).toContain('>1 · Speaker<');
    expect(html).toContain('>0<');
    // A subject the user named says its name beside its number.
    expect(html).toContain('>2 Anna<');
    expect(html).toContain('aria-label="Anna (Subject 2) · 3rd largest · silent"');
    expect(html).toContain('aria-label="Subject 1 · 2nd largest · speaker · selected"');
    expect(html).toContain('aria-label="Subject 0 · largest face · silent"');
    expect(html).toContain('points="100,50 140,50 120,100"');
    // Two picture pixels per screen pixel: a 12 px label is drawn at 24 picture pixels.
    expect(html).toContain('font-size="24"');
  });
});
