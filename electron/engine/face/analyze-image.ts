import type { RgbaImage } from '../media/rgba-image.js';
import type { SessionPool } from '../models/session-pool.js';
import { throwIfAborted } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { intersectionOverUnion, type RawDetection } from './blazeface-decoder.js';
import { detectFaces } from './face-detector.js';
import { landmarkFaces, regionFromDetection, regionFromLandmarks, type MeshResult } from './face-landmarker.js';
import type { Box, FaceAnalysis, FaceSubject, Point3 } from './face-types.js';
import { refineEyes } from './iris-landmarker.js';
import { deriveSubjectMasks } from './subject-masks.js';

export interface AnalyzeOptions extends RunOptions {
  /** Minimum detector confidence (default 0.5). */
  minDetectionScore?: number;
  /** Minimum FaceMesh face confidence for a subject to count (default 0.5). */
  minMeshScore?: number;
}

/** Smallest and largest x and y of the points: [x0, y0, x1, y1]. */
function landmarkExtent(landmarks: Point3[]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of landmarks) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/** The bounding box of the landmarks as they are, reaching outside the picture if they do. */
export function landmarkBounds(landmarks: Point3[]): Box {
  const [x0, y0, x1, y1] = landmarkExtent(landmarks);
  return [x0, y0, x1 - x0, y1 - y0];
}

/** The bounding box of the landmarks, clipped to the picture. */
function landmarkBox(landmarks: Point3[], width: number, height: number): Box {
  const [x0, y0, x1, y1] = landmarkExtent(landmarks);
  const [cx0, cy0, cx1, cy1] = [Math.max(0, x0), Math.max(0, y0), Math.min(width, x1), Math.min(height, y1)];
  return [cx0, cy0, Math.max(0, cx1 - cx0), Math.max(0, cy1 - cy0)];
}

/**
 * The faces the detector finds in one square window of the picture (source pixels; outside the picture is black),
 * meshed as `analyzeImage` meshes them but without the eyes' refinement or masks: what following a face through
 * footage needs to find it again near where it was, at about a third of a whole-picture analysis (one detector
 * window instead of a tiled scan: 35 against 110 ms on a 720p frame).
 */
export async function meshFacesInWindow(pool: SessionPool, image: RgbaImage, window: { center: [number, number]; sizePx: number }): Promise<MeshResult[]> {
  return meshDetections(pool, image, await detectFaces(pool, image, { windows: [window] }));
}

/** FaceMesh on each detection, then again on the region its landmarks give; the better pass of each. */
async function meshDetections(pool: SessionPool, image: RgbaImage, detections: RawDetection[]): Promise<MeshResult[]> {
  const firstPass = await landmarkFaces(
    pool,
    image,
    detections.map((d) => regionFromDetection(d.box, d.keypoints[0], d.keypoints[1])),
  );
  const secondPass = await landmarkFaces(pool, image, firstPass.map((m) => regionFromLandmarks(m.landmarks)));
  return firstPass.map((first, i) => betterMesh(first, secondPass[i]));
}

/** The better of two mesh passes: the refined one unless it lost confidence. */
function betterMesh(first: MeshResult, second: MeshResult): MeshResult {
  return second.score >= first.score - 0.05 ? second : first;
}

/**
 * Finds every face in a decoded picture and describes each: box, 468 landmarks, irises, roll and
 * masks. Subjects are ordered by face area, largest first (index 0).
 */
export async function analyzeImage(pool: SessionPool, image: RgbaImage, options: AnalyzeOptions = {}): Promise<FaceAnalysis> {
  const { signal, onProgress } = options;
  const minMeshScore = options.minMeshScore ?? 0.5;
  onProgress?.({ phase: 'detect', ratio: 0 });
  const detections = await detectFaces(pool, image, { minScore: options.minDetectionScore ?? 0.5 });
  throwIfAborted(signal);
  onProgress?.({ phase: 'landmarks', ratio: 0.4 });
  const meshes = await meshDetections(pool, image, detections);
  throwIfAborted(signal);
  onProgress?.({ phase: 'eyes', ratio: 0.7 });

  const candidates: Omit<FaceSubject, 'index'>[] = [];
  for (let i = 0; i < detections.length; i++) {
    const mesh = meshes[i];
    if (mesh.score < minMeshScore) continue;
    const { landmarks, irises } = await refineEyes(pool, image, mesh.landmarks);
    const box = landmarkBox(landmarks, image.width, image.height);
    candidates.push({
      box,
      score: detections[i].score,
      area: box[2] * box[3],
      landmarks,
      irises,
      rollRad: mesh.region.angleRad,
      meshScore: mesh.score,
      masks: deriveSubjectMasks(landmarks, image.width, image.height),
    });
  }
  throwIfAborted(signal);
  const subjects = dropDuplicateFaces(candidates)
    .sort((a, b) => b.area - a.area)
    .map((s, index) => ({ index, ...s }));
  onProgress?.({ phase: 'done', ratio: 1 });
  return { width: image.width, height: image.height, subjects };
}

/**
 * Two detections that landed on the same face (overlapping tiles, or a tile that saw only part of a
 * large face) keep only the more confident mesh. A face mostly inside another one is the same face.
 */
export function dropDuplicateFaces<T extends { box: Box; meshScore: number; area: number }>(faces: T[]): T[] {
  const sorted = [...faces].sort((a, b) => b.meshScore - a.meshScore || b.area - a.area);
  const kept: T[] = [];
  const corners = (b: Box): [number, number, number, number] => [b[0], b[1], b[0] + b[2], b[1] + b[3]];
  const overlapOfSmaller = (a: Box, b: Box) => {
    const ix = Math.max(0, Math.min(a[0] + a[2], b[0] + b[2]) - Math.max(a[0], b[0]));
    const iy = Math.max(0, Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]));
    return (ix * iy) / Math.max(1, Math.min(a[2] * a[3], b[2] * b[3]));
  };
  for (const face of sorted) {
    const duplicate = kept.some(
      (k) => intersectionOverUnion(corners(k.box), corners(face.box)) > 0.4 || overlapOfSmaller(k.box, face.box) > 0.6,
    );
    if (!duplicate) kept.push(face);
  }
  return kept;
}
