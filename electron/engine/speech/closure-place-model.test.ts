import { describe, expect, it } from 'vitest';
import { CLOSURE_EVIDENCE_NAMES } from './closure-evidence.js';
import { expandEvidence, labialProbability } from './closure-place-model.js';
import { CLOSURE_PLACE_WEIGHTS } from './closure-place-weights.js';

describe('closure place model', () => {
  it('has a weight for every evidence value and every product of two', () => {
    const n = CLOSURE_EVIDENCE_NAMES.length;
    expect(CLOSURE_PLACE_WEIGHTS.evidence.mean).toHaveLength(n);
    expect(CLOSURE_PLACE_WEIGHTS.weights).toHaveLength(n + (n * (n + 1)) / 2);
    expect(expandEvidence(new Array<number>(n).fill(1))).toHaveLength(CLOSURE_PLACE_WEIGHTS.weights.length);
  });

  it('takes a diffuse, falling burst after a deep silence for the lips more readily than a high hiss', () => {
    // releaseRatioDb, releaseRatio0Db, burstMid, burstHigh, burstTop, f2 before/after, f2 missing, duration, depth, release level, nasal, channel shift
    const labial = [0, 0, 3, 0, -10, 1.3, 1.3, 0, 0.08, 45, -12, 0, 0];
    const alveolar = [-28, -28, 5, 12, 10, 1.8, 1.8, 0, 0.05, 25, -15, 0, 0];
    const p = labialProbability(labial);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(p).toBeGreaterThan(labialProbability(alveolar));
  });
});
