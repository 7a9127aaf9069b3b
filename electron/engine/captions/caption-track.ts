import type { TimedWord } from '../speech/speech-types.js';
import { buildAssCaptions } from './ass-captions.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { layoutCaptionCues } from './caption-layout.js';
import type { CaptionCue, CaptionStyle, CaptionWord } from './caption-types.js';
import { captionWordsFromTimeline } from './caption-words.js';
import { settleCueTiming } from './cue-timing.js';

/** One spoken stretch: its script text, the speech stage's words for it (times from the segment's start). */
export interface CaptionSegment {
  text: string;
  words: readonly TimedWord[];
  /** Where the segment starts in the video, in seconds. */
  startSec: number;
  /** BCP-47 code of the text, for word segmentation (detected from the text when absent). */
  language?: string;
}

export interface CaptionTrackInput {
  segments: readonly CaptionSegment[];
  style: CaptionStyle;
  width: number;
  height: number;
  disclosureLabel?: string;
  /** The video's duration (how long the disclosure label shows); the last caption's end unless told. */
  durationSec?: number;
  fontsDir?: string;
  /** The lowest point of the speaking faces in the frame (chin, jaw open), pixels from the top: reel captions go below it. */
  faceBottomY?: number;
}

export interface CaptionTrack {
  words: CaptionWord[];
  cues: CaptionCue[];
  /** The burned-in captions as an ASS script for `buildAssFilter`. */
  ass: string;
}

/**
 * Everything a render needs for captions: the script's words timed by the speech stage, paged into cues
 * (each segment on its own cues), and the ASS script that burns them in. SRT/WebVTT: `writeCaptionFiles(cues)`.
 */
export function buildCaptionTrack(input: CaptionTrackInput): CaptionTrack {
  const fontsDir = input.fontsDir ?? captionFontsDir();
  const words: CaptionWord[] = [];
  const cues: CaptionCue[] = [];
  for (const segment of input.segments) {
    const segmentWords = captionWordsFromTimeline(segment.text, segment.words, segment.startSec, segment.language);
    words.push(...segmentWords);
    cues.push(...layoutCaptionCues(segmentWords, { style: input.style, width: input.width, height: input.height, fontsDir }));
  }
  // The last cue lingers after its word; it must not outlast the video (an SRT cue past the end confuses editors).
  const settled = settleCueTiming(cues, input.style).map((cue) =>
    input.durationSec !== undefined && cue.end > input.durationSec ? { ...cue, end: Math.max(cue.start, input.durationSec) } : cue,
  );
  const ass = buildAssCaptions({ cues: settled, style: input.style, width: input.width, height: input.height, disclosureLabel: input.disclosureLabel, durationSec: input.durationSec, fontsDir, faceBottomY: input.faceBottomY });
  return { words: words.sort((a, b) => a.start - b.start), cues: settled, ass };
}
