/** Captions: script words timed by the speech stage, paged into cues, written as SRT/WebVTT and burned in through ASS. */
export type * from './caption-types.js';
export { CAPTION_STYLES } from './caption-types.js';
export { buildCaptionTrack, type CaptionSegment, type CaptionTrack, type CaptionTrackInput } from './caption-track.js';
export { captionWordsFromTimeline } from './caption-words.js';
export { tokenizeScript, type ScriptToken } from './script-tokens.js';
export { layoutCaptionCues, CUE_BREAK_PAUSE_SEC, type CaptionLayoutOptions } from './caption-layout.js';
export { settleCueTiming, MIN_CUE_SEC, MAX_CUE_SEC } from './cue-timing.js';
export { formatSrt, formatWebVtt, writeCaptionFiles } from './subtitle-files.js';
export { buildAssCaptions, escapeAssText, type AssCaptionsInput } from './ass-captions.js';
export { buildAssFilter, escapeFilterPath } from './ass-filter.js';
export { captionFontsDir, type CaptionFontsDirOptions } from './caption-fonts-dir.js';
export { CAPTION_FONT_FILES, captionFontFor, type CaptionFontFile, type CaptionScript } from './caption-font-files.js';
export { captionGeometry, captionSafeArea, isVerticalFrame, reelBlockCenterY, type CaptionGeometry, type CaptionPlacementOptions, type SafeArea } from './caption-geometry.js';
export { detectCaptionScript, directionOfScript, joinCaptionText } from './caption-script.js';
export { loadCaptionFont, type CaptionFontMetrics } from './font-metrics.js';
