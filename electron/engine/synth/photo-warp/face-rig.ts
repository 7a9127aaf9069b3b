import { NEUTRAL_FRAME } from '../../animate/performance-types.js';
import type { FaceSubject, Point2 } from '../../face/face-types.js';
import { CHIN, FACE_OVAL } from '../../face/mesh-regions.js';
import type { RgbaImage } from '../../media/rgba-image.js';
import { deformRig } from './deform-mesh.js';
import { measureLipSeam, type LipSeam } from './lip-seam.js';
import { triangulate } from './delaunay.js';
import { measureFaceFrame, toLocal, type FaceFrame } from './face-frame.js';
import { measurePhotoMouth, type PhotoMouth } from './photo-mouth.js';
import { sampleRigColours, type RigColours } from './rig-colours.js';
import {
  jawHinge,
  measureBrows,
  measureEyes,
  measureMouth,
  type BrowGeometry,
  type EyeGeometry,
  type MouthGeometry,
} from './rig-geometry.js';
import { buildRigRings } from './rig-rings.js';
import { computeRigWeights, type RigWeights, type VertexKind } from './rig-weights.js';

export interface FaceRigOptions {
  /** The other faces of the same photo: the rig's region stays clear of them, so several subjects never interfere. */
  otherSubjects?: FaceSubject[];
}

/** Integer pixel rectangle, end exclusive. */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Everything about one subject the per-frame renderer needs, computed once: mesh vertices (468 landmarks, then an
 * inner and an outer ring), their triangulation, per-vertex motion weights, mouth/eye/brow geometry in the face's
 * frame, colours sampled from the photo, the region the rig may change, and per-frame scratch buffers.
 */
export interface FaceRig {
  subjectIndex: number;
  width: number;
  height: number;
  frame: FaceFrame;
  vertexCount: number;
  /** Source positions x, y, z per vertex (image pixels). */
  source: Float64Array;
  /** Depth per vertex for the head pose: the landmarks' z smoothed over the mesh (raw z folds the silhouette). */
  poseDepth: Float64Array;
  /** Source positions in the face frame, u, v per vertex. */
  local: Float64Array;
  /**
   * Vertex triples. The first `underlayCount` are drawn first, under everything else: those bridging the lips (the
   * mouth interior covers them) and those of the eye openings and lower lids (a closing upper lid slides over them).
   */
  triangles: Uint32Array;
  underlayCount: number;
  weights: RigWeights;
  mouth: MouthGeometry;
  /** Where the closed lips meet in the photo, for the inner lips' texture once parted. */
  lipSeam: LipSeam;
  /** The photo's own open mouth when it shows teeth, which move with the skull and the jaw, not the lips; else null. */
  photoMouth: PhotoMouth | null;
  eyes: [EyeGeometry, EyeGeometry];
  brows: [BrowGeometry, BrowGeometry];
  jaw: { hingeV: number; hingeZ: number; maxAngleRad: number; slidePx: number };
  /** Head-pose pivot below the chin (neck), in the face frame u, v and image z. */
  pivot: { u: number; v: number; z: number };
  colours: RigColours;
  /** Everything the rig may change lies inside this rectangle (clipped to the picture). */
  region: PixelRect;
  /** Outer ring, image pixels: the rig never changes anything outside this polygon. */
  outline: Point2[];
  scratch: {
    du: Float64Array;
    dv: Float64Array;
    dz: Float64Array;
    dest: Float64Array;
    /**
     * Where each vertex samples the photo this frame (x, y, z like `source`): the source position, except for lips
     * rolled in by a press, which show the red from deeper in the lip at the seam.
     */
    texture: Float64Array;
    /** Depth of each vertex after the pose (image z, negative = nearer). */
    destZ: Float64Array;
    moved: Uint8Array;
    field: Float64Array;
    /** Drawing order of the triangles after the underlay, far to near, and their depths. */
    order: Uint32Array;
    depth: Float64Array;
  };
}

const LANDMARKS = 468;
/** Lower-lip travel at jawOpen 1, in face heights (from the closed mouth; a wide "ah"). */
const JAW_OPEN_GAP = 0.13;
const JAW_MAX_ANGLE_RAD = (12 * Math.PI) / 180;
/** Rounds of neighbour averaging applied to the landmarks' depth before it drives the head pose. */
const POSE_DEPTH_SMOOTHING = 6;

export function createFaceRig(source: RgbaImage, subject: FaceSubject, options: FaceRigOptions = {}): FaceRig {
  const lm = subject.landmarks;
  if (lm.length < LANDMARKS) throw new Error(`Subject ${subject.index} has ${lm.length} landmarks, expected ${LANDMARKS}.`);
  const frame = measureFaceFrame(lm);
  const H = frame.heightPx;
  const others = (options.otherSubjects ?? []).filter((o) => o !== subject && o.index !== subject.index);
  const rings = buildRigRings(subject, frame, others);

  // the head turns about the back of the face outline: features shift more the nearer they are, nothing moves
  // against the turn, so the far side compresses instead of folding over
  const ovalZ = Math.max(...FACE_OVAL.map((i) => lm[i][2]));
  const kinds: VertexKind[] = [];
  const positions: number[] = [];
  for (let i = 0; i < LANDMARKS; i++) {
    positions.push(lm[i][0], lm[i][1], lm[i][2]);
    kinds.push('landmark');
  }
  // inner-ring points take the depth of the nearest outline point, so a nod or turn moves them with a share of the
  // same parallax instead of squeezing the strip of hair between them and the outline
  const nearestOvalZ = ([x, y]: Point2) =>
    lm[FACE_OVAL.reduce((best, i) => (Math.hypot(lm[i][0] - x, lm[i][1] - y) < Math.hypot(lm[best][0] - x, lm[best][1] - y) ? i : best))][2];
  for (const p of rings.inner) {
    positions.push(p[0], p[1], nearestOvalZ(p));
    kinds.push('innerRing');
  }
  for (const p of rings.outer) {
    positions.push(p[0], p[1], ovalZ);
    kinds.push('outerRing');
  }
  const n = kinds.length;
  const sourcePos = Float64Array.from(positions);
  const local = new Float64Array(2 * n);
  for (let k = 0; k < n; k++) [local[2 * k], local[2 * k + 1]] = toLocal(frame, sourcePos[3 * k], sourcePos[3 * k + 1]);
  const us = new Float64Array(n);
  const vs = new Float64Array(n);
  for (let k = 0; k < n; k++) [us[k], vs[k]] = [local[2 * k], local[2 * k + 1]];

  const mouth = measureMouth(lm, frame);
  const eyes = measureEyes(subject, frame);
  const brows = measureBrows(lm, frame, eyes);
  const ovalUs = FACE_OVAL.map((i) => us[i]);
  const faceHalfWidth = (Math.max(...ovalUs) - Math.min(...ovalUs)) / 2;
  const weights = computeRigWeights({ us, vs, kinds, heightPx: H, faceHalfWidth, mouth, eyes, brows });

  const triangles = orderUnderlayFirst(triangulateDistinct(sourcePos, n), weights);
  const poseDepth = smoothDepth(sourcePos, triangles.list, LANDMARKS, POSE_DEPTH_SMOOTHING);
  const hinge = jawHinge(lm, frame);
  const extraGap = Math.max(JAW_OPEN_GAP * H - mouth.gapPx, 0.04 * H);
  const angle = JAW_MAX_ANGLE_RAD * Math.min(1, extraGap / (JAW_OPEN_GAP * H));
  // the part of the opening the hinge rotation does not give is a downward slide of the jaw
  const lip = 14;
  const rotDrop = (vs[lip] - hinge.v) * (Math.cos(angle) - 1) - (sourcePos[3 * lip + 2] - hinge.z) * Math.sin(angle);
  const chinV = vs[CHIN];

  const region = boundingRect(rings.outer, source.width, source.height);
  const colours = sampleRigColours(source, subject, H, mouth.gapPx);
  const rig: FaceRig = {
    subjectIndex: subject.index,
    width: source.width,
    height: source.height,
    frame,
    vertexCount: n,
    source: sourcePos,
    poseDepth,
    local,
    triangles: triangles.list,
    underlayCount: triangles.underlay,
    weights,
    mouth,
    lipSeam: measureLipSeam(source, frame, local, mouth),
    eyes,
    brows,
    jaw: { hingeV: hinge.v, hingeZ: hinge.z, maxAngleRad: angle, slidePx: Math.max(0, extraGap - rotDrop) },
    pivot: { u: mouth.centreU, v: chinV + 0.3 * H, z: ovalZ },
    colours,
    // an open mouth without teeth is a dark opening that may stretch like the lips around it
    photoMouth: colours.photoTeeth ? measurePhotoMouth(source, sourcePos, mouth, H) : null,
    region,
    outline: rings.outer,
    scratch: {
      du: new Float64Array(n),
      dv: new Float64Array(n),
      dz: new Float64Array(n),
      dest: new Float64Array(2 * n),
      texture: Float64Array.from(sourcePos),
      destZ: new Float64Array(n),
      moved: new Uint8Array(n),
      field: new Float64Array(32),
      order: Uint32Array.from({ length: triangles.list.length / 3 }, (_, i) => i),
      depth: new Float64Array(triangles.list.length / 3),
    },
  };
  triangulateOpen(rig, LANDMARKS);
  return rig;
}

/** The jaw opening at which the mesh is triangulated: enough to part any closed mouth by several pixels. */
const TRIANGULATE_AT_JAW = 0.5;

/**
 * Re-triangulates the rig as its mesh stands with the jaw open. Triangulated as the photo stands, a closed or nearly
 * closed mouth's inner lip lines are a sliver (or cross each other: the landmarks are noisy), and its triangles zigzag
 * between the upper and the lower lip instead of having the inner lip lines as edges; pressing or parting the lips then
 * shears each of them differently, a sawtooth seam. With the jaw open the opening is a wide lens whose triangles are
 * either lip or bridge, and the warp stays continuous along each lip.
 */
function triangulateOpen(rig: FaceRig, landmarks: number): void {
  deformRig(rig, { ...NEUTRAL_FRAME, jawOpen: TRIANGULATE_AT_JAW });
  const n = rig.vertexCount;
  const open = Float64Array.from(rig.source);
  for (let k = 0; k < n; k++) [open[3 * k], open[3 * k + 1]] = [rig.scratch.dest[2 * k], rig.scratch.dest[2 * k + 1]];
  // the inner lip lines as edges: no triangle of the opening reaches into a lip
  const lines = [rig.mouth.upper.indices, rig.mouth.lower.indices];
  const lipLines = lines.flatMap((line) => line.slice(1).map((k, i): [number, number] => [line[i], k]));
  const triangles = orderUnderlayFirst(triangulateDistinct(open, n, lipLines), rig.weights);
  rig.triangles = triangles.list;
  rig.underlayCount = triangles.underlay;
  rig.poseDepth = smoothDepth(rig.source, triangles.list, landmarks, POSE_DEPTH_SMOOTHING);
  rig.scratch.order = Uint32Array.from({ length: triangles.list.length / 3 }, (_, i) => i);
  rig.scratch.depth = new Float64Array(triangles.list.length / 3);
}

/** One rig per subject of a scene, each kept clear of the others (createFaceRig leaves the subject itself out). */
/**
 * Each triangle in drawing order (the underlay — lip bridges, eye openings, lower lids — first, then `scratch.order`)
 * that has a moved corner: one none of whose corners moved is the identity, which the restored photo already shows.
 */
export function forEachMovedTriangle(rig: FaceRig, visit: (a: number, b: number, c: number) => void): void {
  const { triangles, underlayCount } = rig;
  const { moved, order } = rig.scratch;
  for (let i = 0; i < order.length; i++) {
    const t = 3 * (i < underlayCount ? i : order[i]);
    const a = triangles[t];
    const b = triangles[t + 1];
    const c = triangles[t + 2];
    if (moved[a] || moved[b] || moved[c]) visit(a, b, c);
  }
}

export function createFaceRigs(source: RgbaImage, subjects: FaceSubject[]): FaceRig[] {
  return subjects.map((s) => createFaceRig(source, s, { otherSubjects: subjects }));
}

/** Delaunay on the 2-D positions; points closer than 0.01 px (a closed mouth's inner lips) are nudged apart first. */
function triangulateDistinct(positions: Float64Array, n: number, edges: [number, number][] = []): Uint32Array {
  const xy = new Float64Array(2 * n);
  const seen = new Set<string>();
  for (let k = 0; k < n; k++) {
    const x = positions[3 * k];
    let y = positions[3 * k + 1];
    while (seen.has(`${Math.round(x * 100)},${Math.round(y * 100)}`)) y += 0.02;
    seen.add(`${Math.round(x * 100)},${Math.round(y * 100)}`);
    xy[2 * k] = x;
    xy[2 * k + 1] = y;
  }
  return triangulate(xy, edges);
}

/**
 * Triangles joining the upper lip to the lower lip fill the mouth opening; they go first so the lips and the mouth
 * interior cover them. Eye-opening and lower-lid triangles follow, so a closing upper lid is drawn over them.
 */
function orderUnderlayFirst(triangles: Uint32Array, weights: RigWeights): { list: Uint32Array; underlay: number } {
  const spanning: number[] = [];
  const eyes: number[] = [];
  const rest: number[] = [];
  for (let t = 0; t < triangles.length; t += 3) {
    const tri = [triangles[t], triangles[t + 1], triangles[t + 2]];
    const jaws = tri.map((k) => weights.jaw[k]);
    const inLips = tri.every((k) => weights.lips[k] > 0.3);
    const bridges = Math.min(...jaws) < 0.3 && Math.max(...jaws) > 0.7;
    const eyeOpening = tri.every((k) => weights.eye[k] >= 0 && weights.eyeFalloff[k] === 1);
    const lowerLid = tri.every((k) => weights.eye[k] >= 0 && weights.eyeSide[k] > 0);
    (inLips && bridges ? spanning : eyeOpening || lowerLid ? eyes : rest).push(...tri);
  }
  return { list: Uint32Array.from([...spanning, ...eyes, ...rest]), underlay: (spanning.length + eyes.length) / 3 };
}

/**
 * FaceMesh depth is noisy near the silhouette: a point can sit outside its neighbour on screen yet in front of it, and
 * a turn then carries it across. Averaging each landmark's depth with its mesh neighbours (rings keep theirs) removes
 * those local inversions while keeping the head's overall shape.
 */
function smoothDepth(positions: Float64Array, triangles: Uint32Array, landmarks: number, rounds: number): Float64Array {
  const n = positions.length / 3;
  let depth = Float64Array.from({ length: n }, (_, k) => positions[3 * k + 2]);
  const neighbours: Set<number>[] = Array.from({ length: n }, () => new Set());
  for (let t = 0; t < triangles.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = triangles[t + e];
      const b = triangles[t + ((e + 1) % 3)];
      if (a < landmarks && b < landmarks) {
        neighbours[a].add(b);
        neighbours[b].add(a);
      }
    }
  }
  for (let r = 0; r < rounds; r++) {
    const next = Float64Array.from(depth);
    for (let k = 0; k < landmarks; k++) {
      let sum = depth[k];
      for (const j of neighbours[k]) sum += depth[j];
      next[k] = sum / (neighbours[k].size + 1);
    }
    depth = next;
  }
  return depth;
}

function boundingRect(points: Point2[], width: number, height: number): PixelRect {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    x0: Math.max(0, Math.floor(Math.min(...xs)) - 1),
    y0: Math.max(0, Math.floor(Math.min(...ys)) - 1),
    x1: Math.min(width, Math.ceil(Math.max(...xs)) + 2),
    y1: Math.min(height, Math.ceil(Math.max(...ys)) + 2),
  };
}
