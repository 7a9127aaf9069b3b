import Delaunator from 'delaunator';

/**
 * Triangulates `points` ([x0, y0, x1, y1, …]) and returns vertex index triples, counter-clockwise in a y-up frame
 * (clockwise on screen), the winding the warp's rasteriser expects. Every triangle's circumcircle holds no other
 * input point. Delaunator winds the other way, so each triple's last two corners are swapped.
 */
export function triangulate(points: ArrayLike<number>): Uint32Array {
  if (points.length < 6) return new Uint32Array(0);
  const triangles = new Delaunator(Float64Array.from(points)).triangles;
  const out = new Uint32Array(triangles.length);
  for (let k = 0; k < triangles.length; k += 3) {
    out[k] = triangles[k];
    out[k + 1] = triangles[k + 2];
    out[k + 2] = triangles[k + 1];
  }
  return out;
}
