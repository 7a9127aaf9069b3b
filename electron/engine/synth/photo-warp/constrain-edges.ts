/**
 * Makes given segments edges of a triangulation by flipping the edges that cross them (Sloan's edge insertion). A plain
 * Delaunay mesh need not have a lip's inner line as edges: where the lip is thin next to a wide opening, a triangle
 * spanning the opening reaches past the line into the lip, and that strip of lip is then drawn with the opening's
 * stretched texture, a pale second edge along the lip.
 */

/** Flips edges of `triangles` (vertex index triples into `points`, [x0, y0, …]) until every segment a–b is an edge. */
export function constrainEdges(points: ArrayLike<number>, triangles: Uint32Array, segments: [number, number][]): Uint32Array {
  const tris = Array.from(triangles);
  for (const [a, b] of segments) insertSegment(points, tris, a, b);
  return Uint32Array.from(tris);
}

function insertSegment(p: ArrayLike<number>, tris: number[], a: number, b: number): void {
  // each flip removes a crossing edge or moves it; bounded so that a degenerate input cannot spin
  for (let guard = 0; guard < 200; guard++) {
    if (hasEdge(tris, a, b)) return;
    let flipped = false;
    for (let t = 0; t < tris.length && !flipped; t += 3) {
      for (let e = 0; e < 3 && !flipped; e++) {
        const c = tris[t + e];
        const d = tris[t + ((e + 1) % 3)];
        if (c === a || c === b || d === a || d === b || !crosses(p, a, b, c, d)) continue;
        flipped = flip(p, tris, t, e);
      }
    }
    if (!flipped) return;
  }
}

function hasEdge(tris: number[], a: number, b: number): boolean {
  for (let t = 0; t < tris.length; t += 3) {
    const [x, y, z] = [tris[t], tris[t + 1], tris[t + 2]];
    if ((x === a || y === a || z === a) && (x === b || y === b || z === b)) return true;
  }
  return false;
}

const orient = (p: ArrayLike<number>, a: number, b: number, c: number) =>
  (p[2 * b] - p[2 * a]) * (p[2 * c + 1] - p[2 * a + 1]) - (p[2 * b + 1] - p[2 * a + 1]) * (p[2 * c] - p[2 * a]);

/** Segments a–b and c–d cross at a point inside both. */
function crosses(p: ArrayLike<number>, a: number, b: number, c: number, d: number): boolean {
  return orient(p, a, b, c) * orient(p, a, b, d) < 0 && orient(p, c, d, a) * orient(p, c, d, b) < 0;
}

/** Replaces edge c→d (the e-th of the triangle at t) and its twin by the other diagonal, if the quad is convex. */
function flip(p: ArrayLike<number>, tris: number[], t: number, e: number): boolean {
  const c = tris[t + e];
  const d = tris[t + ((e + 1) % 3)];
  const x = tris[t + ((e + 2) % 3)];
  for (let u = 0; u < tris.length; u += 3) {
    for (let f = 0; f < 3; f++) {
      if (tris[u + f] !== d || tris[u + ((f + 1) % 3)] !== c) continue;
      const y = tris[u + ((f + 2) % 3)];
      if (!crosses(p, x, y, c, d)) return false;
      // c→d→x and d→c→y become x→c→y and y→d→x: same winding
      tris[t] = x;
      tris[t + 1] = c;
      tris[t + 2] = y;
      tris[u] = y;
      tris[u + 1] = d;
      tris[u + 2] = x;
      return true;
    }
  }
  return false;
}
