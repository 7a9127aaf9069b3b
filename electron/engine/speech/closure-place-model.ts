import { CLOSURE_PLACE_WEIGHTS } from './closure-place-weights.js';

/**
 * How likely a detected closure is a b/p/m, from its evidence (closure-evidence.ts): a logistic regression over the
 * standardised evidence and its pairwise products, fitted on the tuning part of the corpus by
 * scripts/fit-closure-place.ts. A closure at or over LABIAL_PROBABILITY is labial.
 */
export const LABIAL_PROBABILITY = 0.6;

export function standardise(values: number[], { mean, sd }: { mean: number[]; sd: number[] }): number[] {
  return values.map((v, j) => (v - mean[j]) / sd[j]);
}

/** The standardised evidence, then every product of two of its values (squares included). */
export function expandEvidence(z: number[]): number[] {
  const out = z.slice();
  for (let a = 0; a < z.length; a++) for (let b = a; b < z.length; b++) out.push(z[a] * z[b]);
  return out;
}

export function labialProbability(evidence: number[]): number {
  const { evidence: norm, products, weights, bias } = CLOSURE_PLACE_WEIGHTS;
  const q = standardise(expandEvidence(standardise(evidence, norm)), products);
  let z = bias;
  for (let j = 0; j < weights.length; j++) z += weights[j] * q[j];
  return 1 / (1 + Math.exp(-z));
}
