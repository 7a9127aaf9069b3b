import type { CaptionScript } from './caption-font-files.js';

/** The two burned-in looks: a lower-third on a dark box, or big bold words with the current one highlighted. */
export const CAPTION_STYLES = ['clean', 'reel'] as const;
export type CaptionStyle = (typeof CAPTION_STYLES)[number];

/** One displayed word (the script's own token, punctuation included) and when it is spoken, in seconds. */
export interface CaptionWord {
  text: string;
  start: number;
  end: number;
}

/** One caption on screen: its lines of words, already broken to fit the frame. */
export interface CaptionCue {
  start: number;
  end: number;
  lines: CaptionWord[][];
  /** Writing direction of the cue's text; words stay in logical (spoken) order either way. */
  direction: 'ltr' | 'rtl';
  /** The writing system whose font draws this cue. */
  script: CaptionScript;
  /** ≤ 1: how much the style's font size is reduced so a word wider than a line still fits. */
  fontScale: number;
}
