/**
 * What `generatePerformance` is asked for: a scene of subjects, each with its speech clips placed on the
 * render's frame timeline. A subject with no clip at a moment listens.
 */
import { InputError } from '../errors.js';
import type { FaceSubject } from '../face/face-types.js';
import { ARTICULATION_CHANNELS, type SpeechPerformanceInput } from '../speech/speech-types.js';

export interface PerformanceStyle {
  /** 0..2, default 1: how much nods and brows follow the speech. */
  expressiveness?: number;
  /** 0..2, default 1: scale of all head rotation (0 = head still). */
  headMotion?: number;
  /** Blinks per minute; default drawn from the seed in the human range. */
  blinkRate?: number;
}

export interface SpeechClip {
  /** Output frame at which the clip's frame 0 (and audio time 0) plays. */
  startFrame: number;
  /** Curves and loudness must be at the performance's fps. */
  speech: SpeechPerformanceInput;
}

export interface SubjectSpec {
  subjectIndex: number;
  /** The photo's face: its 3-D landmarks bound how far the head may turn. */
  face?: FaceSubject;
  style?: PerformanceStyle;
  clips: SpeechClip[];
}

export interface PerformanceSpec {
  fps: number;
  frameCount: number;
  seed: number;
  subjects: SubjectSpec[];
}

function bad(message: string): never {
  throw new InputError('BAD_ARGUMENT', message);
}

function checkRange(value: number | undefined, min: number, max: number, what: string): void {
  if (value === undefined) return;
  if (!Number.isFinite(value) || value < min || value > max) bad(`${what} must be between ${min} and ${max}, got ${value}`);
}

/** Throws a BAD_ARGUMENT InputError naming the first field that cannot be used. */
export function validatePerformanceSpec(spec: PerformanceSpec): void {
  if (!Number.isFinite(spec.fps) || spec.fps <= 0 || spec.fps > 240) bad(`fps must be a number in (0, 240], got ${spec.fps}`);
  if (!Number.isInteger(spec.frameCount) || spec.frameCount < 0) bad(`frameCount must be a whole number ≥ 0, got ${spec.frameCount}`);
  if (!Number.isFinite(spec.seed)) bad(`seed must be a number, got ${spec.seed}`);
  const seen = new Set<number>();
  for (const subject of spec.subjects) {
    const who = `subject ${subject.subjectIndex}`;
    if (!Number.isInteger(subject.subjectIndex) || subject.subjectIndex < 0) bad(`subjectIndex must be a whole number ≥ 0, got ${subject.subjectIndex}`);
    if (seen.has(subject.subjectIndex)) bad(`${who} appears twice in the performance spec`);
    seen.add(subject.subjectIndex);
    checkRange(subject.style?.expressiveness, 0, 2, `${who}: expressiveness`);
    checkRange(subject.style?.headMotion, 0, 2, `${who}: headMotion`);
    checkRange(subject.style?.blinkRate, 0, 60, `${who}: blinkRate (per minute)`);
    subject.clips.forEach((clip, clipIndex) => {
      const what = `${who}, clip ${clipIndex}`;
      if (!Number.isInteger(clip.startFrame) || clip.startFrame < 0) bad(`${what}: startFrame must be a whole number ≥ 0, got ${clip.startFrame}`);
      const { curves, loudness } = clip.speech;
      if (Math.abs(curves.fps - spec.fps) > 1e-9) bad(`${what}: curves are at ${curves.fps} fps but the performance is at ${spec.fps} fps`);
      for (const channel of ARTICULATION_CHANNELS) {
        if (curves[channel].length < curves.frameCount) bad(`${what}: curve ${channel} has ${curves[channel].length} frames, expected ${curves.frameCount}`);
      }
      if (loudness.length < curves.frameCount) bad(`${what}: loudness has ${loudness.length} frames, expected ${curves.frameCount}`);
    });
  }
}
