import type { CaptionFontWeight } from './caption-font-files.js';
import type { CaptionStyle } from './caption-types.js';
import { MAX_CUE_SEC } from './cue-timing.js';

/** Pixel margins text must stay inside (platform buttons, captions and profile names cover the rest). */
export interface SafeArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where and how big one caption style draws on a frame of a given size. */
export interface CaptionGeometry {
  style: CaptionStyle;
  width: number;
  height: number;
  safe: SafeArea;
  weight: CaptionFontWeight;
  /** Pixels per em of the caption text (the same visual size whatever the script's font). */
  emPx: number;
  /** The widest a line's text may measure, inside the safe area less outline or box padding. */
  maxLineWidthPx: number;
  /** A line's character budget (readability), on top of its measured width. */
  maxLineChars: number;
  maxLines: number;
  /** Most words a cue shows (reel pages are short). */
  maxWordsPerCue: number;
  maxCueSec: number;
  /** Outline thickness (reel) or box padding (clean), in pixels. */
  borderPx: number;
  shadowPx: number;
  /** Vertical centre of the reel text block, in pixels from the top. */
  centerY: number;
  /** The lowest point of the speaking faces (chin with the jaw open), in pixels from the top, when known. */
  faceBottomY?: number;
}

export interface CaptionPlacementOptions {
  /** The lowest point of the speaking faces in the output (chin with the jaw open), pixels from the top. */
  faceBottomY?: number;
}

/** Frames at least this much taller than wide get the vertical (Reels/TikTok/Shorts) safe area. */
const VERTICAL_ASPECT = 1.3;

export function isVerticalFrame(width: number, height: number): boolean {
  return height / width >= VERTICAL_ASPECT;
}

/** The safe area: 9:16 keeps out of the top 12 %, the bottom 20 % and 6 % at the sides; other frames 5 % all round. */
export function captionSafeArea(width: number, height: number): SafeArea {
  if (isVerticalFrame(width, height)) {
    return { left: Math.round(width * 0.06), right: Math.round(width * 0.06), top: Math.round(height * 0.12), bottom: Math.round(height * 0.2) };
  }
  const margin = Math.round(Math.min(width, height) * 0.05);
  return { left: margin, right: margin, top: margin, bottom: margin };
}

export function captionGeometry(style: CaptionStyle, width: number, height: number, placement: CaptionPlacementOptions = {}): CaptionGeometry {
  if (!(width > 0 && height > 0)) throw new RangeError(`caption frame size must be positive, got ${width}×${height}`);
  const safe = captionSafeArea(width, height);
  const vertical = isVerticalFrame(width, height);
  const base = Math.min(width, height);
  const usableWidth = width - safe.left - safe.right;
  if (style === 'reel') {
    const emPx = base * (vertical ? 0.078 : 0.07);
    const borderPx = Math.max(2, emPx * 0.085);
    const block = emPx * 1.45 * 2;
    const wantedCenter = height * (vertical ? 0.64 : 0.7);
    const centerY = Math.min(Math.max(wantedCenter, safe.top + block / 2), height - safe.bottom - block / 2);
    return {
      style, width, height, safe, weight: 'bold', emPx,
      maxLineWidthPx: (usableWidth - 2 * borderPx) * 0.92,
      maxLineChars: vertical ? 22 : 32, maxLines: 2, maxWordsPerCue: vertical ? 4 : 6, maxCueSec: MAX_CUE_SEC.reel,
      borderPx, shadowPx: Math.max(1, emPx * 0.04), centerY, faceBottomY: placement.faceBottomY,
    };
  }
  const emPx = base * (vertical ? 0.05 : 0.05);
  const borderPx = Math.max(2, emPx * 0.28);
  return {
    style, width, height, safe, weight: 'medium', emPx,
    maxLineWidthPx: usableWidth - 2 * borderPx,
    maxLineChars: vertical ? 34 : 42, maxLines: 2, maxWordsPerCue: Infinity, maxCueSec: MAX_CUE_SEC.clean,
    borderPx, shadowPx: 0, centerY: height - safe.bottom, faceBottomY: placement.faceBottomY,
  };
}

/** Room left between a chin and the reel captions under it, in ems. */
const FACE_GAP_EM = 0.3;

/**
 * Vertical centre of a reel cue of `lineCount` lines `pitchPx` apart. A tight portrait fills a 9:16 frame, and the
 * style's usual height (64 % down) then lands on the mouth, hiding the lip sync: the block moves below the speaking
 * faces' chins, as far as the safe area's bottom allows (a two-line cue may still reach over the chin, never the mouth).
 */
export function reelBlockCenterY(geometry: CaptionGeometry, lineCount: number, pitchPx: number): number {
  const half = (lineCount * pitchPx) / 2 + geometry.borderPx;
  if (geometry.faceBottomY === undefined) return geometry.centerY;
  const belowFace = geometry.faceBottomY + FACE_GAP_EM * geometry.emPx + half;
  const lowest = geometry.height - geometry.safe.bottom - half;
  return Math.max(geometry.centerY, Math.min(belowFace, lowest));
}

