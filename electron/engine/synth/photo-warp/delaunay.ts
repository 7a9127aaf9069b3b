import Constrainautor from '@kninnug/constrainautor';
import Delaunator from 'delaunator';

/**
 * Triangulates `points` ([x0, y0, x1, y1, …]) and returns vertex index triples, counter-clockwise in a y-up frame
 * (clockwise on screen), the winding the warp's rasteriser expects. Every triangle's circumcircle holds no other
 * input point, except where `edges` (pairs of point indices) are forced in as triangle edges: a lip's inner line,
 * which a plain Delaunay mesh may cross where the lip is thin beside a wide opening.
 */
export function triangulate(points: ArrayLike<number>, edges: readonly [number, number][] = []): Uint32Array {
  if (points.length < 6) return new Uint32Array(0);
  const delaunay = new Delaunator(Float64Array.from(points));
  if (edges.length > 0) {
    const constrained = new Constrainautor(delaunay);
    for (const [a, b] of edges) {
      try {
        constrained.constrainOne(a, b);
      } catch {
        // an edge through another point or across a forced one stays out; its flips so far leave a valid mesh
      }
    }
  }
  const triangles = delaunay.triangles;
  // Delaunator winds the other way: swap each triple's last two corners
  const out = new Uint32Array(triangles.length);
  for (let k = 0; k < triangles.length; k += 3) {
    out[k] = triangles[k];
    out[k + 1] = triangles[k + 2];
    out[k + 2] = triangles[k + 1];
  }
  return out;
}
