import type { FaceSubject, Point2 } from '../../face/face-types.js';
import { FACE_OVAL } from '../../face/mesh-regions.js';
import { pointInPolygon } from '../../face/subject-masks.js';
import { toImage, toLocal, type FaceFrame } from './face-frame.js';

/** Directions around the face at which ring points are placed. */
const RING_DIRECTIONS = 32;
/** Ring radii in face-oval radii: the inner ring moves partly with the head, the outer ring never moves. */
const INNER_RING = 1.2;
const OUTER_RING = { side: 1.55, top: 1.7, bottom: 1.55 };
/** Other faces are kept clear by this margin, in their face-oval sizes. */
const NEIGHBOUR_MARGIN = 0.12;

export interface RigRings {
  /** Image positions, inner ring first then outer ring, RING_DIRECTIONS points each. */
  inner: Point2[];
  outer: Point2[];
  /** Centre of the face oval, image pixels. */
  centre: Point2;
}

function grownOval(subject: FaceSubject, margin: number): Point2[] {
  const oval = FACE_OVAL.map((i) => subject.landmarks[i]);
  const cx = oval.reduce((s, p) => s + p[0], 0) / oval.length;
  const cy = oval.reduce((s, p) => s + p[1], 0) / oval.length;
  return oval.map((p) => [cx + (p[0] - cx) * (1 + margin), cy + (p[1] - cy) * (1 + margin)] as Point2);
}

/** Largest t on the ray centre + t·dir that crosses the polygon (the polygon's extent in that direction). */
function rayExtent(poly: [number, number][], cu: number, cv: number, du: number, dv: number): number {
  let best = 0;
  for (let i = 0; i < poly.length; i++) {
    const [au, av] = poly[i];
    const [bu, bv] = poly[(i + 1) % poly.length];
    const eu = bu - au;
    const ev = bv - av;
    const den = du * ev - dv * eu;
    if (Math.abs(den) < 1e-12) continue;
    const t = ((au - cu) * ev - (av - cv) * eu) / den;
    const s = ((au - cu) * dv - (av - cv) * du) / den;
    if (t > best && s >= 0 && s <= 1) best = t;
  }
  return best;
}

/**
 * Two rings of points around the face oval, laid out in the face's frame. The outer ring bounds everything the
 * rig may change; it is pulled in wherever it would reach into another subject's face.
 */
export function buildRigRings(subject: FaceSubject, frame: FaceFrame, others: FaceSubject[]): RigRings {
  const oval = FACE_OVAL.map((i) => toLocal(frame, subject.landmarks[i][0], subject.landmarks[i][1]));
  const cu = oval.reduce((s, p) => s + p[0], 0) / oval.length;
  const cv = oval.reduce((s, p) => s + p[1], 0) / oval.length;
  const keepOut = others.map((o) => grownOval(o, NEIGHBOUR_MARGIN));
  const inner: Point2[] = [];
  const outer: Point2[] = [];
  for (let k = 0; k < RING_DIRECTIONS; k++) {
    const angle = (2 * Math.PI * k) / RING_DIRECTIONS;
    const du = Math.cos(angle);
    const dv = Math.sin(angle);
    const radius = rayExtent(oval, cu, cv, du, dv) || 1;
    let outerScale = dv < 0 ? OUTER_RING.side + (OUTER_RING.top - OUTER_RING.side) * -dv : OUTER_RING.side + (OUTER_RING.bottom - OUTER_RING.side) * dv;
    // walk out from the oval; stop short of the first neighbouring face
    for (let s = 1.02; s <= outerScale; s += 0.02) {
      const point = toImage(frame, cu + du * radius * s, cv + dv * radius * s);
      if (keepOut.some((poly) => pointInPolygon(point, poly))) {
        outerScale = Math.max(1.06, s - 0.06);
        break;
      }
    }
    const innerScale = Math.min(INNER_RING, 1 + (outerScale - 1) * 0.45);
    inner.push(toImage(frame, cu + du * radius * innerScale, cv + dv * radius * innerScale));
    outer.push(toImage(frame, cu + du * radius * outerScale, cv + dv * radius * outerScale));
  }
  return { inner, outer, centre: toImage(frame, cu, cv) };
}
