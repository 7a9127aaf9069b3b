import type { TimedWord } from '../speech/speech-types.js';
import { buildAssCaptions, type AssCaptionsInput } from './ass-captions.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { layoutCaptionCues } from './caption-layout.js';
import type { CaptionCue, CaptionWord } from './caption-types.js';
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

/** The spoken segments, and how the captions are drawn (everything of the ASS script but its cues). */
export interface CaptionTrackInput extends Omit<AssCaptionsInput, 'cues'> {
  segments: readonly CaptionSegment[];
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
  const { segments: _segments, ...drawing } = input;
  const ass = buildAssCaptions({ ...drawing, cues: settled, fontsDir });
  return { words: words.sort((a, b) => a.start - b.start), cues: settled, ass };
}
