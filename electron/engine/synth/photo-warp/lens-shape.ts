/**
 * A lens-shaped opening (mouth, eye) bounded by an upper and a lower polyline that share their end points, in
 * destination pixels. Measured once per frame into fixed bins across its width so per-pixel tests are two lookups.
 */
export interface Lens {
  originX: number;
  originY: number;
  axisX: number;
  axisY: number;
  halfWidth: number;
  /** Per bin across s = -1..1: distance of the upper and lower line below the axis, pixels. */
  top: Float64Array;
  bottom: Float64Array;
  /** Pixel bounding box (inclusive), unclipped. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export const LENS_BINS = 65;

export function createLens(): Lens {
  return {
    originX: 0,
    originY: 0,
    axisX: 1,
    axisY: 0,
    halfWidth: 1,
    top: new Float64Array(LENS_BINS),
    bottom: new Float64Array(LENS_BINS),
    minX: 0,
    minY: 0,
    maxX: -1,
    maxY: -1,
  };
}

/** `upper` and `lower` list vertex indices into `dest` (x, y pairs), each sorted from one shared corner to the other. */
export function measureLens(lens: Lens, dest: Float64Array, upper: number[], lower: number[]): void {
  const a = upper[0];
  const b = upper[upper.length - 1];
  const ex = dest[2 * b] - dest[2 * a];
  const ey = dest[2 * b + 1] - dest[2 * a + 1];
  const len = Math.hypot(ex, ey) || 1;
  lens.axisX = ex / len;
  lens.axisY = ey / len;
  lens.originX = (dest[2 * a] + dest[2 * b]) / 2;
  lens.originY = (dest[2 * a + 1] + dest[2 * b + 1]) / 2;
  lens.halfWidth = Math.max(0.5, len / 2);
  fillLine(lens, dest, upper, lens.top);
  fillLine(lens, dest, lower, lens.bottom);
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < upper.length + lower.length; i++) {
    const k = i < upper.length ? upper[i] : lower[i - upper.length];
    minX = Math.min(minX, dest[2 * k]);
    maxX = Math.max(maxX, dest[2 * k]);
    minY = Math.min(minY, dest[2 * k + 1]);
    maxY = Math.max(maxY, dest[2 * k + 1]);
  }
  [lens.minX, lens.minY, lens.maxX, lens.maxY] = [Math.floor(minX) - 1, Math.floor(minY) - 1, Math.ceil(maxX) + 1, Math.ceil(maxY) + 1];
}

function fillLine(lens: Lens, dest: Float64Array, line: number[], bins: Float64Array): void {
  const { originX, originY, axisX, axisY, halfWidth } = lens;
  bins.fill(0);
  let prevS = 0;
  let prevT = 0;
  for (let i = 0; i < line.length; i++) {
    const rx = dest[2 * line[i]] - originX;
    const ry = dest[2 * line[i] + 1] - originY;
    const s = (rx * axisX + ry * axisY) / halfWidth;
    const t = -rx * axisY + ry * axisX;
    if (i > 0 && s !== prevS) {
      const lo = Math.max(0, Math.ceil(binOf(Math.min(s, prevS))));
      const hi = Math.min(LENS_BINS - 1, Math.floor(binOf(Math.max(s, prevS))));
      for (let bin = lo; bin <= hi; bin++) {
        const sb = (bin / (LENS_BINS - 1)) * 2 - 1;
        bins[bin] = prevT + ((sb - prevS) / (s - prevS)) * (t - prevT);
      }
    }
    prevS = s;
    prevT = t;
  }
}

const binOf = (s: number) => ((s + 1) / 2) * (LENS_BINS - 1);

/** Upper and lower line at across-position s (-1..1), interpolated between bins; writes into `into[0..1]`. */
export function lensLinesAt(lens: Lens, s: number, into: Float64Array): void {
  const f = Math.min(LENS_BINS - 1.000001, Math.max(0, binOf(s)));
  const i = f | 0;
  const t = f - i;
  into[0] = lens.top[i] + (lens.top[i + 1] - lens.top[i]) * t;
  into[1] = lens.bottom[i] + (lens.bottom[i + 1] - lens.bottom[i]) * t;
}

/**
 * Refills a lens line's bins with a cubic through its landmarks (tangents from the neighbours on each side) instead of
 * straight segments, so the opening is a curve, not a polygon whose corners step at the output size.
 */
export function fillLensCurve(lens: Lens, dest: Float64Array, line: number[], bins: Float64Array, ss: Float64Array, ts: Float64Array): void {
  const n = line.length;
  for (let i = 0; i < n; i++) {
    const rx = dest[2 * line[i]] - lens.originX;
    const ry = dest[2 * line[i] + 1] - lens.originY;
    ss[i] = (rx * lens.axisX + ry * lens.axisY) / lens.halfWidth;
    ts[i] = -rx * lens.axisY + ry * lens.axisX;
  }
  const tangent = (i: number) => {
    const a = Math.max(0, i - 1);
    const b = Math.min(n - 1, i + 1);
    return ss[b] > ss[a] ? (ts[b] - ts[a]) / (ss[b] - ss[a]) : 0;
  };
  let k = 0;
  for (let bin = 0; bin < LENS_BINS; bin++) {
    const s = (bin / (LENS_BINS - 1)) * 2 - 1;
    while (k < n - 2 && s > ss[k + 1]) k++;
    const h = ss[k + 1] - ss[k];
    if (s < ss[0] || s > ss[n - 1] || h <= 1e-9) continue;
    const u = (s - ss[k]) / h;
    const u2 = u * u;
    const u3 = u2 * u;
    bins[bin] =
      (2 * u3 - 3 * u2 + 1) * ts[k] + (u3 - 2 * u2 + u) * h * tangent(k) + (-2 * u3 + 3 * u2) * ts[k + 1] + (u3 - u2) * h * tangent(k + 1);
  }
}
