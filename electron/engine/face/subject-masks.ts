import { lumaAt, type RgbaImage } from '../media/rgba-image.js';
import type { Point2, Point3, Polygon, SubjectMasks } from './face-types.js';
import { FACE_OVAL, LEFT_EYE, LEFT_EYE_CORNERS, LIPS_INNER, LIPS_OUTER, RIGHT_EYE, RIGHT_EYE_CORNERS } from './mesh-regions.js';

function outline(landmarks: Point3[], indices: number[]): Polygon {
  return indices.map((i) => [landmarks[i][0], landmarks[i][1]] as Point2);
}

/** How far the head region reaches beyond the face oval, in face-oval sizes (hair above, neck below). */
const HEAD_GROW = { sides: 0.3, above: 0.45, below: 0.15, neck: 0.55, neckHalfWidth: 0.32 };

/**
 * The head-and-neck region: the face oval grown outwards in the face's own frame (so a tilted head gets
 * a tilted region), further above for hair, with a neck extension below the chin. It bounds what a
 * render may change; the photo outside it stays untouched.
 */
export function headRegion(landmarks: Point3[], width: number, height: number): Polygon {
  const right = landmarks[RIGHT_EYE_CORNERS[0]];
  const left = landmarks[LEFT_EYE_CORNERS[0]];
  const angle = Math.atan2(left[1] - right[1], left[0] - right[0]);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const oval = outline(landmarks, FACE_OVAL);
  const local = oval.map(([x, y]) => [x * cos + y * sin, -x * sin + y * cos]);
  const us = local.map((p) => p[0]);
  const vs = local.map((p) => p[1]);
  const [minU, maxU, minV, maxV] = [Math.min(...us), Math.max(...us), Math.min(...vs), Math.max(...vs)];
  const cu = (minU + maxU) / 2;
  const cv = (minV + maxV) / 2;
  const halfW = (maxU - minU) / 2;
  const halfH = (maxV - minV) / 2;
  const grown = local.map(([u, v]) => {
    const du = u - cu;
    const dv = v - cv;
    const sideGrow = 1 + HEAD_GROW.sides;
    const vertGrow = dv < 0 ? 1 + HEAD_GROW.above : 1 + HEAD_GROW.below;
    // a neck hangs below the chin: the lower points near the middle are pulled further down
    const neckWidth = HEAD_GROW.neckHalfWidth * 2 * halfW;
    const neck = dv > 0 ? HEAD_GROW.neck * halfH * 2 * (1 - smoothstep(0.5 * neckWidth, neckWidth, Math.abs(du))) : 0;
    return [cu + du * sideGrow, cv + dv * vertGrow + neck];
  });
  return grown.map(([u, v]) => [clamp(u * cos - v * sin, 0, width), clamp(u * sin + v * cos, 0, height)] as Point2);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = clamp((x - edge0) / (edge1 - edge0), 0, 1);
  return t * t * (3 - 2 * t);
}

export function deriveSubjectMasks(landmarks: Point3[], width: number, height: number): SubjectMasks {
  return {
    faceOval: outline(landmarks, FACE_OVAL),
    lips: outline(landmarks, LIPS_OUTER),
    innerMouth: outline(landmarks, LIPS_INNER),
    rightEye: outline(landmarks, RIGHT_EYE),
    leftEye: outline(landmarks, LEFT_EYE),
    head: headRegion(landmarks, width, height),
  };
}

/** Shoelace area of a polygon, square pixels. */
export function polygonArea(polygon: Polygon): number {
  let twice = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x0, y0] = polygon[i];
    const [x1, y1] = polygon[(i + 1) % polygon.length];
    twice += x0 * y1 - x1 * y0;
  }
  return Math.abs(twice) / 2;
}

/** Even-odd point-in-polygon test. */
export function pointInPolygon([x, y]: Point2, polygon: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Lumas of the pixels inside `polygon`, pulled in by `insetPx` from its outline (so the anti-aliased rim is left out). */
export function lumasInside(image: RgbaImage, polygon: Point2[], insetPx = 0): number[] {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const cx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const cy = ys.reduce((a, b) => a + b, 0) / ys.length;
  const shrunk = insetPx > 0 ? polygon.map(([x, y]): Point2 => pullTowards([x, y], [cx, cy], insetPx)) : polygon;
  const out: number[] = [];
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const x1 = Math.min(image.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(image.height - 1, Math.ceil(Math.max(...ys)));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) if (pointInPolygon([x, y], shrunk)) out.push(lumaAt(image.data, (y * image.width + x) * 4));
  }
  return out;
}

/** `p` moved `by` pixels towards `centre` (to `centre` itself when closer). */
export function pullTowards(p: Point2, centre: Point2, by: number): Point2 {
  const dx = centre[0] - p[0];
  const dy = centre[1] - p[1];
  const d = Math.hypot(dx, dy);
  if (d <= by) return centre;
  return [p[0] + (dx / d) * by, p[1] + (dy / d) * by];
}
