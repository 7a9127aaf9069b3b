/**
 * The mesh a dub warps: the lower face's landmarks plus a ring outside the jaw (so a jaw that drops or rises carries
 * the neck edge with it), triangulated once on a reference face from the mouth bank. Each vertex has a follow weight:
 * 1 on lips, jaw and chin (they take the banked mouth's shape), 0 at the top (they stay where the current frame has
 * them), so the warped lower face joins the frame's own cheeks and nose.
 */
import { FACE_OVAL } from '../../face/mesh-regions.js';
import { triangulate } from '../photo-warp/delaunay.js';
import { measureFaceFrame, toFaceFrame, type FlatLandmarks } from '../mouth-bank/mouth-shape.js';
import { LOWER_FACE_FROM_V } from '../mouth-bank/mouth-bank.js';

/** How far the ring lies outside the jaw, as a share of the jaw point's distance from the mouth centre. */
export const RING_OUT = 0.3;
/** Follow weight ramps from 0 to 1 between these heights below the eye line (eye-distance units). */
const FOLLOW_FROM_V = 0.55;
const FOLLOW_TO_V = 0.9;

export interface DubMesh {
  /** Landmark index of each landmark vertex (the first `landmarkIndices.length` vertices). */
  landmarkIndices: number[];
  /** For each ring vertex (after the landmark vertices): the landmark vertex (position in `landmarkIndices`) it extends. */
  ringOf: number[];
  /** Jaw outline vertices (positions in `landmarkIndices`), in FACE_OVAL order: where the mask's lower edge runs. */
  jaw: number[];
  /** 0..1 per landmark vertex. */
  follow: Float64Array;
  triangles: Uint32Array;
  vertexCount: number;
}

const smoothstep = (a: number, b: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
};

export function createDubMesh(reference: FlatLandmarks): DubMesh {
  const frame = measureFaceFrame(reference);
  const local = (i: number) => toFaceFrame(frame, reference, i);
  const landmarkIndices: number[] = [];
  for (let i = 0; i < reference.length / 3; i++) if (local(i)[1] >= LOWER_FACE_FROM_V) landmarkIndices.push(i);
  const position = new Map(landmarkIndices.map((index, k) => [index, k]));
  const jaw = FACE_OVAL.filter((i) => position.has(i) && local(i)[1] >= FOLLOW_FROM_V).map((i) => position.get(i) as number);
  const ringOf = [...jaw];
  const follow = Float64Array.from(landmarkIndices, (i) => smoothstep(FOLLOW_FROM_V, FOLLOW_TO_V, local(i)[1]));
  const vertexCount = landmarkIndices.length + ringOf.length;
  const points = new Float64Array(vertexCount * 2);
  landmarkIndices.forEach((i, k) => points.set(local(i), 2 * k));
  const centre = mouthCentre(reference);
  const centreLocal = toFaceFrame(frame, [centre[0], centre[1], 0], 0);
  ringOf.forEach((k, r) => {
    const [u, v] = [points[2 * k], points[2 * k + 1]];
    points.set([u + (u - centreLocal[0]) * RING_OUT, v + (v - centreLocal[1]) * RING_OUT], 2 * (landmarkIndices.length + r));
  });
  return { landmarkIndices, ringOf, jaw, follow, triangles: triangulate(points), vertexCount };
}

/** Midpoint of the mouth corners (61, 291), video pixels. */
export function mouthCentre(landmarks: FlatLandmarks): [number, number] {
  return [(landmarks[3 * 61] + landmarks[3 * 291]) / 2, (landmarks[3 * 61 + 1] + landmarks[3 * 291 + 1]) / 2];
}
