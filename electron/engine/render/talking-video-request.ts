import type { PerformanceStyle } from '../animate/performance-spec.js';
import type { ExportPreset } from '../export/export-presets.js';
import type { CaptionStyle } from '../captions/caption-types.js';
import type { OutputPresetName } from './output-presets.js';
import type { ConsentAttestation } from '../provenance/content-credentials.js';

/**
 * Where a clip's voice comes from: a recording (with an optional transcript, and optionally only the span
 * `trimStartSec`–`trimEndSec` of it, seconds within the file) or a line for the built-in TTS.
 */
export type ClipSource = { kind: 'audio'; path: string; transcript?: string; trimStartSec?: number; trimEndSec?: number } | { kind: 'say'; text: string; voice?: string };

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

/** How the video is finished for publishing, beyond its size. */
export interface ExportOptions {
  /** Burn word-timed captions in this style and write `.srt` and `.vtt` beside the video. */
  captions?: { style: CaptionStyle };
  /** Draw a small visible "AI-generated" label (the MP4's disclosure tags are always written). */
  label?: boolean;
  /** Integrated loudness to normalise the soundtrack to (LUFS, two-pass, true peak ≤ −1 dBTP); null leaves it as it is. Default −14. */
  loudnessLufs?: number | null;
}

/** How a video face is dubbed. */
export interface FootageOptions {
  /** Keep the clip's full length when the voice is shorter (default: the video ends with the voice). */
  keepClipLength?: boolean;
  /** Keep the clip's own sound under the new voice at this gain (dB, negative); default: the new voice replaces it. */
  originalAudioDb?: number;
  /** Render at the clip's own frame rate instead of `fps`. */
  matchClipFps?: boolean;
}

/** What `renderTalkingVideo` makes: a photo speaking one or more tracks, or footage of a person dubbed with a new voice. */
export interface TalkingVideoRequest {
  facePath: string;
  tracks: TrackRequest[];
  /** How each subject performs (expressiveness, head motion, blink rate), speakers and listeners alike; defaults when absent. */
  styles?: Partial<Record<number, PerformanceStyle>>;
  preset: OutputPresetName;
  /** Size and encoder settings when they are not the built-in `preset`'s (a custom preset); its framing rule is used. */
  exportPreset?: ExportPreset;
  fps: number;
  seed: number;
  outPath: string;
  /**
   * Replace an existing `outPath` (default true). False refuses one before any work, and claims the finished file
   * exclusively, so two renders to one name never both succeed (media/atomic-file.ts). An input is never replaced.
   */
  overwrite?: boolean;
  /** Where the request came from, for error messages (e.g. a scene file). */
  origin?: string;
  export?: ExportOptions;
  /** The attestation that the person shown agreed to be animated; it goes into the signed credentials. */
  consent?: ConsentAttestation;
  /** Only for a video face. */
  footage?: FootageOptions;
  /** Only for a photo face: a short clip of the speaking person talking; their own mouth interior is taken from it. */
  mouthFrom?: string;
}

export const DEFAULT_FPS = 30;
/** How far under the new voice a video face's own sound stays when it is kept (dB). */
export const DEFAULT_ORIGINAL_AUDIO_DB = -18;
export const DEFAULT_SEED = 1;
