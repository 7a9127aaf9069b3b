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
