import { describe, expect, it } from 'vitest';
import type { Progress } from '../progress.js';
import { createPhaseProgress, FOOTAGE_PHASES } from './phase-progress.js';

describe('createPhaseProgress', () => {
  it('maps each phase onto its share of the whole render and never goes backwards', () => {
    const seen: Progress[] = [];
    const report = createPhaseProgress((p) => seen.push(p));
    report('analyse', 0);
    report('analyse', 1);
    report('speech', 0.5);
    report('loudness', 0.5);
    report('render', 0);
    report('render', 0.5, 4000);
    report('render', 0.4, 5000); // a late event from a slower counter
    report('render', 1, 0);
    const expected = [0, 0.05, 0.11, 0.185, 0.2, 0.6, 0.6, 1];
    seen.forEach((p, i) => expect(p.ratio).toBeCloseTo(expected[i], 9));
    expect(seen.map((p) => p.phase)).toEqual(['analyse', 'analyse', 'speech', 'loudness', 'render', 'render', 'render', 'render']);
    expect(seen[5].etaMs).toBe(4000);
    expect('etaMs' in seen[2]).toBe(false);
  });

  it('gives a dub’s tracking pass its own share, between the speech and the loudness', () => {
    const seen: Progress[] = [];
    const report = createPhaseProgress((p) => seen.push(p), FOOTAGE_PHASES);
    report('speech', 1);
    report('track', 0.5);
    report('loudness', 0);
    expect(seen.map((p) => p.ratio)).toEqual([0.08, 0.24, 0.4]);
    expect(seen[1].phase).toBe('track');
  });
});
