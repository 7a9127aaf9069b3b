/**
 * Delaunay triangulation of 2-D points by Bowyer–Watson insertion. Quadratic in the worst case, which is fine for
 * the few hundred points of a face rig (it runs once per subject). Points must be distinct.
 */

interface Triangle {
  a: number;
  b: number;
  c: number;
  /** Circumcircle centre and squared radius. */
  cx: number;
  cy: number;
  r2: number;
}

function circumcircle(xs: Float64Array, ys: Float64Array, a: number, b: number, c: number): Triangle {
  const ax = xs[a];
  const ay = ys[a];
  const bx = xs[b] - ax;
  const by = ys[b] - ay;
  const cx = xs[c] - ax;
  const cy = ys[c] - ay;
  const d = 2 * (bx * cy - by * cx);
  const b2 = bx * bx + by * by;
  const c2 = cx * cx + cy * cy;
  const ux = (cy * b2 - by * c2) / d;
  const uy = (bx * c2 - cx * b2) / d;
  return { a, b, c, cx: ax + ux, cy: ay + uy, r2: ux * ux + uy * uy };
}

/**
 * Triangulates `points` ([x0, y0, x1, y1, …]) and returns vertex index triples, counter-clockwise in a y-up frame
 * (clockwise on screen). Every triangle's circumcircle holds no other input point.
 */
export function triangulate(points: ArrayLike<number>): Uint32Array {
  const n = points.length >> 1;
  if (n < 3) return new Uint32Array(0);
  const xs = new Float64Array(n + 3);
  const ys = new Float64Array(n + 3);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < n; i++) {
    xs[i] = points[2 * i];
    ys[i] = points[2 * i + 1];
    minX = Math.min(minX, xs[i]);
    maxX = Math.max(maxX, xs[i]);
    minY = Math.min(minY, ys[i]);
    maxY = Math.max(maxY, ys[i]);
  }
  // a super-triangle far outside every point; its corners are removed at the end
  const span = Math.max(maxX - minX, maxY - minY, 1) * 1e5;
  const midX = (minX + maxX) / 2;
  const midY = (minY + maxY) / 2;
  xs[n] = midX - span;
  ys[n] = midY - span;
  xs[n + 1] = midX + span;
  ys[n + 1] = midY - span;
  xs[n + 2] = midX;
  ys[n + 2] = midY + span;

  let triangles: Triangle[] = [circumcircle(xs, ys, n, n + 1, n + 2)];
  const edgeCount = new Map<number, number>();
  const key = (i: number, j: number) => (i < j ? i * (n + 3) + j : j * (n + 3) + i);

  for (let p = 0; p < n; p++) {
    const px = xs[p];
    const py = ys[p];
    const kept: Triangle[] = [];
    edgeCount.clear();
    for (const t of triangles) {
      const dx = px - t.cx;
      const dy = py - t.cy;
      if (dx * dx + dy * dy < t.r2 * (1 + 1e-12)) {
        for (const [i, j] of [[t.a, t.b], [t.b, t.c], [t.c, t.a]]) edgeCount.set(key(i, j), (edgeCount.get(key(i, j)) ?? 0) + 1);
      } else kept.push(t);
    }
    // the hole's boundary is every edge used by exactly one removed triangle; fan it to the new point
    for (const [k, count] of edgeCount) {
      if (count !== 1) continue;
      const i = Math.floor(k / (n + 3));
      const j = k % (n + 3);
      const cross = (xs[j] - xs[i]) * (py - ys[i]) - (ys[j] - ys[i]) * (px - xs[i]);
      kept.push(cross > 0 ? circumcircle(xs, ys, i, j, p) : circumcircle(xs, ys, j, i, p));
    }
    triangles = kept;
  }

  const out: number[] = [];
  for (const t of triangles) if (t.a < n && t.b < n && t.c < n) out.push(t.a, t.b, t.c);
  return Uint32Array.from(out);
}
