import { describe, expect, it } from 'vitest';
import { constrainEdges } from './constrain-edges.js';
import { triangulate } from './delaunay.js';

const hasEdge = (tris: Uint32Array, a: number, b: number) => {
  for (let t = 0; t < tris.length; t += 3) {
    const tri = [tris[t], tris[t + 1], tris[t + 2]];
    if (tri.includes(a) && tri.includes(b)) return true;
  }
  return false;
};
const signedArea = (p: number[], tris: Uint32Array, t: number) => {
  const [a, b, c] = [tris[t], tris[t + 1], tris[t + 2]];
  return (p[2 * b] - p[2 * a]) * (p[2 * c + 1] - p[2 * a + 1]) - (p[2 * b + 1] - p[2 * a + 1]) * (p[2 * c] - p[2 * a]);
};

describe('constrainEdges', () => {
  // a lip line 0–1–2 with points just off it on either side (3, 4 and 5): Delaunay joins them across the line
  // instead of running along it
  const points = [0, 0, 10, 0, 20, 0, 5, -1, 15, -1, 10, 1, -20, 20, 40, 20, 10, -30];
  const segments: [number, number][] = [
    [0, 1],
    [1, 2],
  ];

  it('makes every segment an edge, keeping the winding and the covered area', () => {
    const plain = triangulate(points);
    expect(hasEdge(plain, 0, 1) && hasEdge(plain, 1, 2)).toBe(false);
    const fixed = constrainEdges(points, plain, segments);
    expect(hasEdge(fixed, 0, 1)).toBe(true);
    expect(hasEdge(fixed, 1, 2)).toBe(true);
    expect(fixed.length).toBe(plain.length);
    let [before, after] = [0, 0];
    for (let t = 0; t < plain.length; t += 3) before += signedArea(points, plain, t);
    for (let t = 0; t < fixed.length; t += 3) after += signedArea(points, fixed, t);
    expect(after).toBeCloseTo(before, 6);
    const sign = Math.sign(signedArea(points, plain, 0));
    for (let t = 0; t < fixed.length; t += 3) expect(Math.sign(signedArea(points, fixed, t))).toBe(sign);
  });
});
