/**
 * The mouth-look measures (mouth-look.ts, lip-line-stairs.ts) on frames the photo renderer (synth/photo-warp) draws:
 * a few mouth poses of one photo, each measured where the rig put the lips, with the lip lines seen at the output size.
 */
import { NEUTRAL_FRAME, type SubjectFrameParams } from '../animate/performance-types.js';
import type { FaceSubject, Point2 } from '../face/face-types.js';
import { LEFT_EYE, LIPS_INNER, LIPS_OUTER, RIGHT_EYE } from '../face/mesh-regions.js';
import type { RgbaImage } from '../media/rgba-image.js';
import { lipLineStairs, upscaleCrop } from './lip-line-stairs.js';
import { mouthGrainRatio, mouthSharpnessRatio, teethToEyeWhites, teethToSkin } from './mouth-look.js';
import { frameSubjects } from '../render/framing.js';
import { OUTPUT_PRESETS } from '../render/output-presets.js';
import { describeFace } from '../render/render-source.js';
import type { FaceRig } from '../synth/photo-warp/face-rig.js';
import { createFrameBuffer, renderFrame } from '../synth/photo-warp/render-frame.js';

export const MOUTH_POSES: Record<string, Partial<SubjectFrameParams>> = {
  closed: {},
  // m/b/p: lips closed harder than in the photo fold over each other (a sawtooth seam when drawn in whole pixels)
  pressed: { lipPress: 1 },
  half: { jawOpen: 0.45, teethShow: 0.5 },
  // the tongue as for "ah" (articulation.ts): from 0.3 on it lifts its blade as for l
  wide: { jawOpen: 1, teethShow: 1, tongueShow: 0.15 },
  rounded: { jawOpen: 0.35, lipRound: 1 },
};

export interface MouthLookFigures {
  pose: string;
  /** Open poses only (NaN when closed). */
  teethToEyeWhites: number;
  /** Open poses only: brightest teeth over the cheeks' median luma. */
  teethToSkin: number;
  grainRatio: number;
  /** Open poses only: edge sharpness inside the opening over the skin's around the lips, at the photo's size. */
  sharpnessRatio: number;
  /** Output pixels; mean of the upper and lower inner lip lines. */
  lipStairs: number;
  /** The upper and the lower inner lip line's own (NaN where a line has too few edges to measure). */
  lineStairs: [number, number];
  /** The mouth as the viewer sees it: its crop at the output size. */
  crop: RgbaImage;
}

const UPPER_INNER = [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308];
const LOWER_INNER = [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308];
const CHEEKS = [50, 280];

/** Output pixels per photo pixel when `subject` is framed for the reel preset (1080×1920). */
export function reelScale(image: RgbaImage, subject: FaceSubject): number {
  return frameSubjects({ imageWidth: image.width, imageHeight: image.height, faces: [describeFace(subject)], preset: OUTPUT_PRESETS.reel }).scale;
}

export function measureMouthPose(input: { image: RgbaImage; rig: FaceRig; pose: string; outputScale: number }): MouthLookFigures {
  const { image, rig, pose, outputScale } = input;
  const frame = createFrameBuffer(image);
  renderFrame(image, [rig], [{ ...NEUTRAL_FRAME, ...MOUTH_POSES[pose] }], frame);
  const dest = rig.scratch.dest;
  const at = (i: number): Point2 => [dest[2 * i], dest[2 * i + 1]];
  const mouth = LIPS_INNER.map(at);
  const H = rig.frame.heightPx;
  const gap = Math.hypot(at(14)[0] - at(13)[0], at(14)[1] - at(13)[1]);
  const open = gap > 0.02 * H;
  const look = open
    ? {
        teethToEyeWhites: teethToEyeWhites({ frame, mouth, eyes: [RIGHT_EYE.map(at), LEFT_EYE.map(at)] }),
        teethToSkin: teethToSkin({ frame, mouth, cheeks: CHEEKS.map(at), cheekRadiusPx: 0.04 * H }),
        grainRatio: mouthGrainRatio({ frame, mouth, cheeks: CHEEKS.map(at), cheekRadiusPx: 0.04 * H }),
        sharpnessRatio: mouthSharpnessRatio({ frame, mouth, lips: LIPS_OUTER.map(at) }),
      }
    : { teethToEyeWhites: NaN, teethToSkin: NaN, grainRatio: NaN, sharpnessRatio: NaN };
  return { pose, ...look, ...stairsAtOutput(frame, [UPPER_INNER.map(at), LOWER_INNER.map(at)], outputScale, H) };
}

/** The lip lines measured on the mouth's crop enlarged to the output size, as the encoder enlarges it. */
function stairsAtOutput(frame: RgbaImage, lines: Point2[][], scale: number, faceHeightPx: number): { lipStairs: number; lineStairs: [number, number]; crop: RgbaImage } {
  const all = lines.flat();
  const pad = Math.ceil(0.06 * faceHeightPx);
  const x = Math.max(0, Math.floor(Math.min(...all.map((p) => p[0]))) - pad);
  const y = Math.max(0, Math.floor(Math.min(...all.map((p) => p[1]))) - pad);
  const width = Math.min(frame.width, Math.ceil(Math.max(...all.map((p) => p[0]))) + pad) - x;
  const height = Math.min(frame.height, Math.ceil(Math.max(...all.map((p) => p[1]))) + pad) - y;
  const crop = upscaleCrop(frame, { x, y, width, height }, scale);
  const toCrop = (p: Point2): Point2 => [(p[0] - x + 0.5) * scale - 0.5, (p[1] - y + 0.5) * scale - 0.5];
  const windowPx = Math.max(3, 0.012 * faceHeightPx * scale);
  // the upper lip's line has the mouth below it, the lower lip's above
  const sides = ['below', 'above'] as const;
  const [upper, lower] = lines.map((line, k) => lipLineStairs({ frame: crop, line: line.map(toCrop), windowPx, mouthSide: sides[k], mouthReachPx: 0.4 * windowPx }));
  const figures = [upper, lower].filter((v) => !Number.isNaN(v));
  return { lipStairs: figures.length ? figures.reduce((a, b) => a + b, 0) / figures.length : NaN, lineStairs: [upper, lower], crop };
}
