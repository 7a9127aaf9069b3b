/**
 * The performance: per-frame parameters for each subject, produced by animate/ and consumed by render/.
 * Every value is relative to the photo's own pose and expression (all zeros = the photo unchanged).
 */
import type { ArticulationChannel } from '../speech/speech-types.js';

export type MouthParams = Record<ArticulationChannel, number>;

export interface SubjectFrameParams extends MouthParams {
  /** Eyelid closure, 0 = as in the photo, 1 = fully closed. */
  blinkLeft: number;
  blinkRight: number;
  /** Gaze offset of both irises, in fractions of the eye's width (x right, y down). */
  gazeX: number;
  gazeY: number;
  /** Head rotation from the photo's pose, radians (yaw: turn right +, pitch: nod down +, roll: clockwise +). */
  yaw: number;
  pitch: number;
  roll: number;
  /** Brow raise 0..1. */
  browRaise: number;
  /** Breathing phase -1..1: shoulders and chest rise by a pixel or two. */
  breath: number;
}

/** One subject's performance over the whole render, one entry per output frame. */
export interface SubjectPerformance {
  subjectIndex: number;
  fps: number;
  frames: SubjectFrameParams[];
}

export const NEUTRAL_FRAME: Readonly<SubjectFrameParams> = Object.freeze({
  jawOpen: 0,
  lipPress: 0,
  lipRound: 0,
  lipSpread: 0,
  upperLipRaise: 0,
  teethShow: 0,
  tongueShow: 0,
  blinkLeft: 0,
  blinkRight: 0,
  gazeX: 0,
  gazeY: 0,
  yaw: 0,
  pitch: 0,
  roll: 0,
  browRaise: 0,
  breath: 0,
});
