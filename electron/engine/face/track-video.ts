/**
 * One subject followed through a whole clip: the detector finds it (subjects numbered by size, 0 = largest, as
 * `analyze` reports them), FaceMesh then follows it frame to frame from the previous frame's mesh, and the detector
 * runs again when the mesh loses confidence, on a schedule (to catch drift) and after a shot cut. Landmarks are
 * smoothed with a One-Euro filter. Frames where the face is missing or turned too far are marked, and every frame
 * gets a weight that fades the effect out and back in around them instead of popping.
 */
import { throwIfAborted } from '../errors.js';
import { readVideoFrames, type FfmpegTools, type VideoFrame } from '../media/index.js';
import type { SessionPool } from '../models/session-pool.js';
import type { RunOptions } from '../progress.js';
import { analyzeImage, landmarkBounds, meshFacesInWindow } from './analyze-image.js';
import { landmarkFaces, MESH_POINTS, regionFromLandmarks } from './face-landmarker.js';
import type { Point3 } from './face-types.js';
import { CHIN, FOREHEAD_TOP, LEFT_EYE_CORNERS, RIGHT_EYE_CORNERS } from './mesh-regions.js';
import { createOneEuroFilter } from './one-euro-filter.js';
import { isShotCut, lumaThumbnail } from './shot-cuts.js';

/** Frames are tracked at most this size a side (landmarks are reported in the video's own pixels). */
export const TRACK_MAX_SIDE_PX = 1280;
/** Beyond this yaw the lower face is too foreshortened to re-pose: the frame passes through. */
export const MAX_TRACKED_YAW_RAD = 0.6;
/** Frames over which the effect fades in or out next to a skipped frame. */
export const FADE_FRAMES = 4;
const MIN_MESH_SCORE = 0.5;
/** A face found again near where it was is looked for in a window this many face heights across. */
const NEAR_WINDOW_FACES = 3;
/** While the face is lost, the detector looks again every this many frames. */
const LOST_RETRY_FRAMES = 3;

export type SkipReason = 'missing' | 'turned';

export interface TrackedFrame {
  index: number;
  timeSec: number;
  /** The subject's 468 landmarks as x, y, z triples (video pixels), smoothed; null where it was not found. */
  landmarks: Float32Array | null;
  /** The same before smoothing (only with `keepRaw`). */
  rawLandmarks?: Float32Array | null;
  /** Why a synthesiser must leave this frame as it is. */
  skip?: SkipReason;
  /** A new shot starts at this frame. */
  cut?: boolean;
  /** 0..1: how much of an effect to apply here (1 well inside a tracked stretch, 0 on skipped frames). */
  weight: number;
}

export interface VideoTrack {
  path: string;
  subjectIndex: number;
  fps: number;
  width: number;
  height: number;
  frames: TrackedFrame[];
}

export interface TrackVideoOptions extends RunOptions {
  subject?: number;
  /** Keep the unsmoothed landmarks too (for measuring jitter). */
  keepRaw?: boolean;
  /** Run the full detector every this many frames to catch drift (default: once a second). */
  redetectEveryFrames?: number;
  /** Frame count expected, for progress. */
  expectedFrames?: number;
  /**
   * Sees each decoded frame (tracking size) with its tracked result and the landmarks before smoothing (null where the
   * face was not found), before the next frame is decoded (which reuses both buffers).
   */
  onFrame?: (frame: VideoFrame, tracked: TrackedFrame, scale: number, rawLandmarks: Float32Array | null) => void | Promise<void>;
}

interface Follow {
  landmarks: Point3[];
  regionSizePx: number;
  heightPx: number;
}

export async function trackVideoSubject(
  deps: { tools: FfmpegTools; pool: SessionPool },
  videoPath: string,
  info: { fps: number; width: number; height: number },
  options: TrackVideoOptions = {},
): Promise<VideoTrack> {
  const { signal } = options;
  const subjectIndex = options.subject ?? 0;
  const redetectEvery = options.redetectEveryFrames ?? Math.max(1, Math.round(info.fps));
  const filter = createOneEuroFilter(MESH_POINTS * 3);
  const smoothed = new Float64Array(MESH_POINTS * 3);
  const rawScratch = new Float32Array(MESH_POINTS * 3);
  const takeLandmarks = landmarkSlabs(MESH_POINTS * 3);
  const frames: TrackedFrame[] = [];
  let follow = null as Follow | null;
  let thumb: Float32Array | null = null;
  let lastDetectFrame = -Infinity;

  for await (const frame of readVideoFrames(deps.tools, videoPath, { fps: info.fps, maxSide: TRACK_MAX_SIDE_PX, signal, reuseBuffer: true })) {
    throwIfAborted(signal);
    const scale = info.width / frame.width;
    const nextThumb = lumaThumbnail(frame);
    const cut = thumb !== null && isShotCut(thumb, nextThumb);
    thumb = nextThumb;
    const current: Follow | null = follow;
    let found: Point3[] | null = null;
    if (current && !cut && frame.index - lastDetectFrame < redetectEvery) {
      found = await followMesh(deps.pool, frame, current);
      if (found) follow = { landmarks: found, regionSizePx: current.regionSizePx, heightPx: faceHeight(found) };
    }
    if (!found && (current || cut || frame.index - lastDetectFrame >= LOST_RETRY_FRAMES)) {
      lastDetectFrame = frame.index;
      follow = await detectSubject(deps.pool, frame, cut ? null : current, subjectIndex);
      found = follow?.landmarks ?? null;
    }
    if (!found) follow = null;
    if (cut || !found) filter.reset();

    const tracked: TrackedFrame = { index: frame.index, timeSec: frame.timeSec, landmarks: null, weight: 0 };
    if (cut) tracked.cut = true;
    let raw: Float32Array | null = null;
    if (found) {
      raw = flatten(found, scale, options.keepRaw ? new Float32Array(MESH_POINTS * 3) : rawScratch);
      tracked.landmarks = takeLandmarks();
      tracked.landmarks.set(filter.next(raw, 1 / info.fps, smoothed));
      if (options.keepRaw) tracked.rawLandmarks = raw;
      if (Math.abs(yawOf(tracked.landmarks)) > MAX_TRACKED_YAW_RAD) tracked.skip = 'turned';
    } else {
      tracked.skip = 'missing';
      if (options.keepRaw) tracked.rawLandmarks = null;
    }
    frames.push(tracked);
    await options.onFrame?.(frame, tracked, scale, raw);
    if (options.expectedFrames) options.onProgress?.({ phase: 'track', ratio: Math.min(1, frames.length / options.expectedFrames) });
  }
  assignFadeWeights(frames);
  return { path: videoPath, subjectIndex, fps: info.fps, width: info.width, height: info.height, frames };
}

/**
 * Weight 1 on tracked frames, ramping down to 0 over FADE_FRAMES towards a skipped frame or a cut (on both sides), so
 * an effect eases out before the face turns away and back in after it returns.
 */
export function assignFadeWeights(frames: Pick<TrackedFrame, 'skip' | 'cut' | 'weight'>[]): void {
  const distance = new Array<number>(frames.length).fill(Infinity);
  let last = -Infinity;
  for (let i = 0; i < frames.length; i++) {
    if (frames[i].skip) last = i;
    else if (frames[i].cut) last = i - 1;
    distance[i] = i - last;
  }
  last = Infinity;
  for (let i = frames.length - 1; i >= 0; i--) {
    if (frames[i].skip) last = i;
    distance[i] = Math.min(distance[i], last - i);
    if (frames[i].cut) last = i;
  }
  for (let i = 0; i < frames.length; i++) frames[i].weight = frames[i].skip ? 0 : Math.min(1, distance[i] / (FADE_FRAMES + 1));
}

async function followMesh(pool: SessionPool, frame: VideoFrame, follow: Follow): Promise<Point3[] | null> {
  const [mesh] = await landmarkFaces(pool, frame, [{ ...regionFromLandmarks(follow.landmarks), sizePx: follow.regionSizePx }]);
  return mesh.score >= MIN_MESH_SCORE ? mesh.landmarks : null;
}

/**
 * The subject by size rank on a fresh start (a whole-picture analysis); otherwise the face nearest to where it was
 * (within half a face), looked for in one detector window of NEAR_WINDOW_FACES face heights around it.
 */
async function detectSubject(pool: SessionPool, frame: VideoFrame, previous: Follow | null, subjectIndex: number): Promise<Follow | null> {
  const toFollow = (landmarks: Point3[]): Follow => ({ landmarks, regionSizePx: regionFromLandmarks(landmarks).sizePx, heightPx: faceHeight(landmarks) });
  if (!previous) {
    const subject = (await analyzeImage(pool, frame, { minMeshScore: MIN_MESH_SCORE })).subjects[subjectIndex];
    return subject ? toFollow(subject.landmarks) : null;
  }
  const [px, py] = centreOf(previous.landmarks);
  const near = await meshFacesInWindow(pool, frame, { center: [px, py], sizePx: previous.heightPx * NEAR_WINDOW_FACES });
  let best: Point3[] | null = null;
  let bestDistance = previous.heightPx * 0.5;
  for (const subject of near.filter((mesh) => mesh.score >= MIN_MESH_SCORE)) {
    const [x, y] = centreOf(subject.landmarks);
    const distance = Math.hypot(x - px, y - py);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = subject.landmarks;
    }
  }
  return best ? toFollow(best) : null;
}

function centreOf(landmarks: Point3[]): [number, number] {
  const [x, y, w, h] = landmarkBounds(landmarks);
  return [x + w / 2, y + h / 2];
}

function faceHeight(landmarks: Point3[]): number {
  return Math.hypot(landmarks[CHIN][0] - landmarks[FOREHEAD_TOP][0], landmarks[CHIN][1] - landmarks[FOREHEAD_TOP][1]);
}

/**
 * Every frame's landmarks are kept for the whole clip (the dub draws on any frame, in any order): they are cut from
 * slabs of SLAB_FRAMES frames rather than allocated one small buffer per frame.
 */
const SLAB_FRAMES = 256;

function landmarkSlabs(perFrame: number): () => Float32Array {
  let slab = new Float32Array(0);
  let used = 0;
  return () => {
    if (used + perFrame > slab.length) {
      slab = new Float32Array(perFrame * SLAB_FRAMES);
      used = 0;
    }
    used += perFrame;
    return slab.subarray(used - perFrame, used);
  };
}

function flatten(landmarks: Point3[], scale: number, out: Float32Array): Float32Array {
  for (let i = 0; i < MESH_POINTS; i++) {
    out[3 * i] = landmarks[i][0] * scale;
    out[3 * i + 1] = landmarks[i][1] * scale;
    out[3 * i + 2] = landmarks[i][2] * scale;
  }
  return out;
}

/** Yaw from the depth difference along the eye line (as quality/face-geometry estimates it). */
export function yawOf(landmarks: ArrayLike<number>): number {
  const r = RIGHT_EYE_CORNERS[0] * 3;
  const l = LEFT_EYE_CORNERS[0] * 3;
  return Math.atan2(landmarks[l + 2] - landmarks[r + 2], Math.hypot(landmarks[l] - landmarks[r], landmarks[l + 1] - landmarks[r + 1]));
}

/** Landmark `i` of a flat x, y, z array as a point. */
export function pointOf(landmarks: ArrayLike<number>, i: number): Point3 {
  return [landmarks[3 * i], landmarks[3 * i + 1], landmarks[3 * i + 2]];
}
