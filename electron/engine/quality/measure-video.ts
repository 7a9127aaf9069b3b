/**
 * Measures a talking-face video frame by frame with our own face analysis: mouth opening, eye opening, head
 * pose and whether the face is there at all. This is what the quality suite judges a render by: the pixels
 * that came out, not the parameters that went in.
 */
import { analyzeImage, landmarkBounds } from '../face/analyze-image.js';
import { landmarkFaces, regionFromLandmarks } from '../face/face-landmarker.js';
import type { Box, Point3 } from '../face/face-types.js';
import { refineEyes } from '../face/iris-landmarker.js';
import { probeMedia, readVideoFrames, type FfmpegTools, type VideoFrame } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import { throwIfAborted } from '../errors.js';
import type { RunOptions } from '../progress.js';
import { estimateHeadPose, eyeApertures, faceHeightPx, innerLipAreaRatio, lipGapRatio } from './face-geometry.js';

export interface FrameMeasure {
  index: number;
  timeSec: number;
  /** The chosen subject's face was found (FaceMesh confidence ≥ the threshold) in this frame. */
  detected: boolean;
  meshScore: number;
  box: Box | null;
  /** Inner-lip gap at the middle (13/14) over face height. */
  lipGap: number | null;
  /** Inner-lip polygon area over face height squared. */
  innerLipArea: number | null;
  eyeLeft: number | null;
  eyeRight: number | null;
  yawRad: number | null;
  pitchRad: number | null;
  rollRad: number | null;
}

export interface VideoMeasurement {
  path: string;
  fps: number;
  width: number;
  height: number;
  subjectIndex: number;
  frames: FrameMeasure[];
}

/** Sees every decoded frame with its measure (landmarks null when the face was not found). */
export type FrameVisitor = (frame: VideoFrame, measure: FrameMeasure, landmarks: Point3[] | null) => void | Promise<void>;

export interface MeasureVideoOptions extends RunOptions {
  /** Which subject (0 = largest face in the first frame where faces are found). */
  subject?: number;
  /** Measure at this rate instead of every frame of the file. */
  fps?: number;
  /** Downscale frames so neither side exceeds this before analysis. */
  maxSide?: number;
  /** Run the full detector again every this many frames, so a track that drifted off the face is caught. */
  redetectEveryFrames?: number;
  minMeshScore?: number;
  visitors?: FrameVisitor[];
}

interface Track {
  landmarks: Point3[];
  center: [number, number];
  heightPx: number;
  /**
   * Crop size from the last full detection. Re-deriving it from each tracked mesh compounds: on a turned
   * face the mesh comes out a little small, the next crop is tighter, and within 15 frames the crop had
   * shrunk by a fifth and lost the chin (Vermeer render: the mouth read shut while it opened).
   */
  regionSizePx: number;
}

const DEFAULT_MIN_MESH_SCORE = 0.5;

/** Measures the chosen subject in every frame; the face crop of one frame is where the next frame is looked at. */
export async function measureVideo(
  deps: { tools: FfmpegTools; pool: SessionPool },
  videoPath: string,
  options: MeasureVideoOptions = {},
): Promise<VideoMeasurement> {
  const info = await probeMedia(deps.tools, videoPath, { signal: options.signal });
  const fps = options.fps ?? info.fps ?? 25;
  const expectedFrames = Math.max(1, Math.round((info.durationSec ?? 1) * fps));
  const subjectIndex = options.subject ?? 0;
  const minMeshScore = options.minMeshScore ?? DEFAULT_MIN_MESH_SCORE;
  const redetectEvery = options.redetectEveryFrames ?? Math.round(fps);
  const frames: FrameMeasure[] = [];
  let track: Track | null = null;
  let width = info.width ?? 0;
  let height = info.height ?? 0;

  for await (const frame of readVideoFrames(deps.tools, videoPath, { fps: options.fps, maxSide: options.maxSide, signal: options.signal })) {
    throwIfAborted(options.signal);
    width = frame.width;
    height = frame.height;
    const previous: Track | null = track;
    const found: Found | null =
      previous === null || frame.index % redetectEvery === 0
        ? await detectSubject(deps.pool, frame, previous, subjectIndex, minMeshScore)
        : await followSubject(deps.pool, frame, previous, minMeshScore);
    if (found) {
      const fresh = previous === null || found.fromDetection;
      track = trackOf(found.trackLandmarks ?? found.landmarks, fresh ? null : (previous as Track).regionSizePx);
    }
    const measure = describeFrame(frame, found);
    frames.push(measure);
    for (const visit of options.visitors ?? []) await visit(frame, measure, found?.landmarks ?? null);
    options.onProgress?.({ phase: 'measure', ratio: Math.min(1, frames.length / expectedFrames) });
  }
  return { path: videoPath, fps, width, height, subjectIndex, frames };
}

interface Found {
  landmarks: Point3[];
  /**
   * The mesh before the iris pass refitted the eye contours (corners included): the next frame's crop is
   * placed from these, as analyzeImage places its second pass, or the crop drifts on turned faces.
   */
  trackLandmarks?: Point3[];
  fromDetection: boolean;
  meshScore: number;
  box: Box;
}

/** Full detection; picks the subject by index at first, then the face nearest to where the track was. */
async function detectSubject(pool: SessionPool, frame: VideoFrame, track: Track | null, subjectIndex: number, minMeshScore: number): Promise<Found | null> {
  const analysis = await analyzeImage(pool, frame, { minMeshScore });
  if (track === null) {
    const subject = analysis.subjects[subjectIndex];
    return subject ? { landmarks: subject.landmarks, fromDetection: true, meshScore: subject.meshScore, box: subject.box } : null;
  }
  let best: Found | null = null;
  let bestDistance = track.heightPx * 0.5;
  for (const subject of analysis.subjects) {
    const center = boxCenter(subject.box);
    const distance = Math.hypot(center[0] - track.center[0], center[1] - track.center[1]);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = { landmarks: subject.landmarks, fromDetection: true, meshScore: subject.meshScore, box: subject.box };
    }
  }
  return best;
}

/** FaceMesh on the previous frame's face region, then the iris pass for the lids: no detector run. */
async function followSubject(pool: SessionPool, frame: VideoFrame, track: Track, minMeshScore: number): Promise<Found | null> {
  const [mesh] = await landmarkFaces(pool, frame, [{ ...regionFromLandmarks(track.landmarks), sizePx: track.regionSizePx }]);
  if (mesh.score < minMeshScore) return detectSubject(pool, frame, track, 0, minMeshScore);
  const { landmarks } = await refineEyes(pool, frame, mesh.landmarks);
  return { landmarks, trackLandmarks: mesh.landmarks, fromDetection: false, meshScore: mesh.score, box: landmarkBounds(landmarks) };
}

function describeFrame(frame: VideoFrame, found: Found | null): FrameMeasure {
  if (!found) {
    return {
      index: frame.index,
      timeSec: frame.timeSec,
      detected: false,
      meshScore: 0,
      box: null,
      lipGap: null,
      innerLipArea: null,
      eyeLeft: null,
      eyeRight: null,
      yawRad: null,
      pitchRad: null,
      rollRad: null,
    };
  }
  const eyes = eyeApertures(found.landmarks);
  const pose = estimateHeadPose(found.landmarks);
  return {
    index: frame.index,
    timeSec: frame.timeSec,
    detected: true,
    meshScore: found.meshScore,
    box: found.box,
    lipGap: lipGapRatio(found.landmarks),
    innerLipArea: innerLipAreaRatio(found.landmarks),
    eyeLeft: eyes.left,
    eyeRight: eyes.right,
    ...pose,
  };
}

function trackOf(landmarks: Point3[], regionSizePx: number | null): Track {
  return {
    landmarks,
    center: boxCenter(landmarkBounds(landmarks)),
    heightPx: faceHeightPx(landmarks),
    regionSizePx: regionSizePx ?? regionFromLandmarks(landmarks).sizePx,
  };
}

function boxCenter(box: Box): [number, number] {
  return [box[0] + box[2] / 2, box[1] + box[3] / 2];
}

/** A series of one numeric field, with frames where the face was missing filled from their neighbours. */
export function seriesOf(frames: FrameMeasure[], pick: (m: FrameMeasure) => number | null): number[] {
  const raw = frames.map(pick);
  const known = raw.map((v, i) => (v === null ? -1 : i)).filter((i) => i >= 0);
  if (known.length === 0) return raw.map(() => 0);
  return raw.map((v, i) => {
    if (v !== null) return v;
    const before = [...known].reverse().find((k) => k < i);
    const after = known.find((k) => k > i);
    if (before === undefined) return raw[after as number] as number;
    if (after === undefined) return raw[before] as number;
    const t = (i - before) / (after - before);
    return (raw[before] as number) * (1 - t) + (raw[after] as number) * t;
  });
}
