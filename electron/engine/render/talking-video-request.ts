import type { OutputPresetName } from './output-presets.js';

/** Where a clip's voice comes from: a recording (with an optional transcript) or a line for the built-in TTS. */
export type ClipSource = { kind: 'audio'; path: string; transcript?: string } | { kind: 'say'; text: string; voice?: string };

export interface ClipRequest {
  /** Seconds from the start of the video. */
  startSec: number;
  source: ClipSource;
}

/** One speaking subject's clips, in any order; they must not overlap. */
export interface TrackRequest {
  subject: number;
  clips: ClipRequest[];
}

/** What `renderTalkingVideo` makes: a photo (or a video's first face frame) speaking one or more tracks. */
export interface TalkingVideoRequest {
  facePath: string;
  tracks: TrackRequest[];
  preset: OutputPresetName;
  fps: number;
  seed: number;
  outPath: string;
  /** Where the request came from, for error messages (e.g. a scene file). */
  origin?: string;
}

export const DEFAULT_FPS = 30;
export const DEFAULT_SEED = 1;
