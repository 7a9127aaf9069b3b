import { InputError, throwIfAborted } from '../errors.js';
import { decodeImage, probeMedia, readVideoFrames, type FfmpegTools } from '../media/index.js';
import type { RgbaImage } from '../media/rgba-image.js';
import type { SessionPool } from '../models/session-pool.js';
import { analyzeImage, type AnalyzeOptions } from './analyze-image.js';
import type { FaceAnalysis, Point2, Point3 } from './face-types.js';

/** Pictures larger than this on a side are analysed downscaled; results are reported in the original's pixels. */
export const ANALYSIS_MAX_SIDE_PX = 4096;
/** How far into a clip to look for the first frame with a face, and how often. */
const VIDEO_SEARCH_SEC = 10;
const VIDEO_SEARCH_FPS = 2;

export interface FileAnalysis extends FaceAnalysis {
  path: string;
  kind: 'image' | 'video';
  /** For a video: the time of the frame that was analysed. */
  frameTimeSec?: number;
  /** The decoded picture the analysis ran on (downscaled when the original is very large). */
  image: RgbaImage;
  /** Analysed pixels per original pixel (1 unless the original was larger than ANALYSIS_MAX_SIDE_PX). */
  analysisScale: number;
}

export interface AnalyzeFileDeps {
  tools: FfmpegTools;
  pool: SessionPool;
}

/**
 * Analyses a photo, or the first frame of a video that shows a face. Throws InputError NO_FACE (naming
 * the file) when there is none, so callers can tell the user exactly that.
 */
export async function analyzeFile(deps: AnalyzeFileDeps, filePath: string, options: AnalyzeOptions = {}): Promise<FileAnalysis> {
  const info = await probeMedia(deps.tools, filePath);
  if (info.kind === 'audio') throw new InputError('NOT_AN_IMAGE', `${filePath}: this is an audio file; a face needs a photo or a video.`, filePath);
  if (info.kind === 'image') {
    const decoded = await decodeImage(deps.tools, filePath, { maxSide: ANALYSIS_MAX_SIDE_PX });
    const analysis = await analyzeImage(deps.pool, decoded.image, options);
    if (analysis.subjects.length === 0) throw noFace(filePath, 'No face was found in this photo');
    return { ...rescale(analysis, decoded.scale, decoded.originalWidth, decoded.originalHeight), path: filePath, kind: 'image', image: decoded.image, analysisScale: decoded.scale };
  }
  for await (const frame of readVideoFrames(deps.tools, filePath, { fps: VIDEO_SEARCH_FPS, maxSide: ANALYSIS_MAX_SIDE_PX, durationSec: VIDEO_SEARCH_SEC, signal: options.signal })) {
    throwIfAborted(options.signal);
    const analysis = await analyzeImage(deps.pool, frame, { ...options, onProgress: undefined });
    if (analysis.subjects.length > 0) {
      const scale = info.width ? frame.width / info.width : 1;
      return {
        ...rescale(analysis, scale, info.width ?? frame.width, info.height ?? frame.height),
        path: filePath,
        kind: 'video',
        frameTimeSec: frame.timeSec,
        image: { width: frame.width, height: frame.height, data: frame.data },
        analysisScale: scale,
      };
    }
  }
  throw noFace(filePath, `No face was found in the first ${VIDEO_SEARCH_SEC} s of this video`);
}

function noFace(filePath: string, what: string): InputError {
  return new InputError('NO_FACE', `${filePath}: ${what}. Use a picture where a face is clearly visible, at least ~40 px wide.`, filePath);
}

/** Maps an analysis made on a downscaled picture back to the original's pixel space. */
export function rescale(analysis: FaceAnalysis, scale: number, width: number, height: number): FaceAnalysis {
  if (scale === 1) return analysis;
  const k = 1 / scale;
  const p2 = (p: Point2): Point2 => [p[0] * k, p[1] * k];
  const p3 = (p: Point3): Point3 => [p[0] * k, p[1] * k, p[2] * k];
  return {
    width,
    height,
    subjects: analysis.subjects.map((s) => ({
      ...s,
      box: [s.box[0] * k, s.box[1] * k, s.box[2] * k, s.box[3] * k],
      area: s.area * k * k,
      landmarks: s.landmarks.map(p3),
      irises: { left: s.irises.left.map(p3), right: s.irises.right.map(p3) },
      masks: {
        faceOval: s.masks.faceOval.map(p2),
        lips: s.masks.lips.map(p2),
        innerMouth: s.masks.innerMouth.map(p2),
        leftEye: s.masks.leftEye.map(p2),
        rightEye: s.masks.rightEye.map(p2),
        head: s.masks.head.map(p2),
      },
    })),
  };
}
