import { describe, expect, it } from 'vitest';
import { triangulate } from './delaunay.js';

function randomPoints(count: number, seed: number): number[] {
  let s = seed;
  const next = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const points: number[] = [];
  for (let i = 0; i < count; i++) points.push(next() * 500, next() * 300);
  return points;
}

function convexHullArea(points: number[]): number {
  const p = Array.from({ length: points.length / 2 }, (_, i) => [points[2 * i], points[2 * i + 1]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: number[], a: number[], b: number[]) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const half = (list: number[][]) => {
    const h: number[][] = [];
    for (const q of list) {
      while (h.length >= 2 && cross(h[h.length - 2], h[h.length - 1], q) <= 0) h.pop();
      h.push(q);
    }
    return h.slice(0, -1);
  };
  const hull = [...half(p), ...half([...p].reverse())];
  let twice = 0;
  for (let i = 0; i < hull.length; i++) twice += hull[i][0] * hull[(i + 1) % hull.length][1] - hull[(i + 1) % hull.length][0] * hull[i][1];
  return Math.abs(twice) / 2;
}

describe('triangulate', () => {
  it.each([[3, 1], [50, 2], [600, 3]])('leaves every circumcircle empty for %i random points', (count, seed) => {
    const points = randomPoints(count, seed);
    const triangles = triangulate(points);
    expect(triangles.length % 3).toBe(0);
    expect(triangles.length).toBeGreaterThan(0);
    const n = count;
    let violations = 0;
    for (let t = 0; t < triangles.length; t += 3) {
      const [a, b, c] = [triangles[t], triangles[t + 1], triangles[t + 2]];
      const [ax, ay, bx, by, cx, cy] = [points[2 * a], points[2 * a + 1], points[2 * b], points[2 * b + 1], points[2 * c], points[2 * c + 1]];
      const d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
      const ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d;
      const uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d;
      const r2 = (ax - ux) ** 2 + (ay - uy) ** 2;
      for (let p = 0; p < n; p++) {
        if (p === a || p === b || p === c) continue;
        if ((points[2 * p] - ux) ** 2 + (points[2 * p + 1] - uy) ** 2 < r2 * (1 - 1e-9)) violations++;
      }
    }
    expect(violations).toBe(0);
  });

  it('tiles the convex hull exactly: triangle areas add up to the hull area, none inverted', () => {
    const points = randomPoints(400, 7);
    const triangles = triangulate(points);
    let total = 0;
    for (let t = 0; t < triangles.length; t += 3) {
      const [a, b, c] = [triangles[t], triangles[t + 1], triangles[t + 2]];
      const signed = ((points[2 * b] - points[2 * a]) * (points[2 * c + 1] - points[2 * a + 1]) - (points[2 * b + 1] - points[2 * a + 1]) * (points[2 * c] - points[2 * a])) / 2;
      expect(signed).toBeGreaterThan(0);
      total += signed;
    }
    expect(total).toBeCloseTo(convexHullArea(points), 6);
  });

  it('gives nothing for fewer than three points', () => {
    expect(triangulate([0, 0, 1, 1])).toHaveLength(0);
  });
});

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

describe('triangulate with forced edges', () => {
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
    const fixed = triangulate(points, segments);
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

describe('triangulate with an edge that cannot be forced', () => {
  it('leaves out an edge through another point and still tiles the hull', () => {
    const points = [0, 0, 10, 0, 20, 0, 10, 10, 10, -10];
    const plain = triangulate(points);
    const withEdge = triangulate(points, [[0, 2]]);
    expect(withEdge.length).toBe(plain.length);
    let [before, after] = [0, 0];
    for (let t = 0; t < plain.length; t += 3) before += signedArea(points, plain, t);
    for (let t = 0; t < withEdge.length; t += 3) after += signedArea(points, withEdge, t);
    expect(after).toBeCloseTo(before, 6);
  });
});
