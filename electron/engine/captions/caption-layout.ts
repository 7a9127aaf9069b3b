import { captionFontFor, type CaptionScript } from './caption-font-files.js';
import { captionFontsDir } from './caption-fonts-dir.js';
import { captionGeometry, type CaptionGeometry } from './caption-geometry.js';
import { detectCaptionScript, directionOfScript, hasUnspacedScript, joinCaptionText, letterScriptOf } from './caption-script.js';
import { settleCueTiming } from './cue-timing.js';
import type { CaptionCue, CaptionStyle, CaptionWord } from './caption-types.js';
import { loadCaptionFont, type CaptionFontMetrics } from './font-metrics.js';

export interface CaptionLayoutOptions {
  style: CaptionStyle;
  width: number;
  height: number;
  /** Where the caption fonts are; `captionFontsDir()` unless told. */
  fontsDir?: string;
}

/** A pause longer than this between two words starts a new caption. */
export const CUE_BREAK_PAUSE_SEC = 0.4;
/** A word that must shrink below this share of the font size to fit a line gets a cue of its own. */
const MIN_SHARED_FONT_SCALE = 0.7;
const SENTENCE_END = /[.!?…。！？؟۔]["'”’»)\]」』）]*$/u;

/**
 * Pages timed words into captions the way a subtitle editor would: a new cue at each sentence end, each
 * pause over 0.4 s and each change of writing system; lines broken between words by the width the bundled
 * font measures (a word is never cut; one too wide for a line gets the line alone and a smaller size);
 * short pages of a few words for `reel`, up to two lines for `clean`. Timing: see `settleCueTiming`.
 */
export function layoutCaptionCues(words: readonly CaptionWord[], options: CaptionLayoutOptions): CaptionCue[] {
  const geometry = captionGeometry(options.style, options.width, options.height);
  const fontsDir = options.fontsDir ?? captionFontsDir();
  const cues: CaptionCue[] = [];
  for (const phrase of splitIntoPhrases(words)) {
    const script = detectCaptionScript(phrase.map((w) => w.text).join(' '));
    const font = loadCaptionFont(fontsDir, captionFontFor(script, geometry.weight));
    const pager = new CuePager(geometry, font);
    for (const page of balancePages(pager.pages(phrase), pager)) cues.push(pager.cueOf(page, script));
  }
  return settleCueTiming(cues, geometry.style);
}

/** Runs of words that must not share a cue with their neighbours: sentences, stretches between pauses, one script. */
function splitIntoPhrases(words: readonly CaptionWord[]): CaptionWord[][] {
  const phrases: CaptionWord[][] = [];
  let current: CaptionWord[] = [];
  let currentScript: CaptionScript | null = null;
  words.forEach((word, index) => {
    const previous = words[index - 1];
    const script = letterScriptOf(word.text);
    const breakBefore =
      previous !== undefined &&
      (SENTENCE_END.test(previous.text) || word.start - previous.end > CUE_BREAK_PAUSE_SEC || (script !== null && currentScript !== null && script !== currentScript));
    if (breakBefore && current.length > 0) {
      phrases.push(current);
      current = [];
      currentScript = null;
    }
    current.push(word);
    currentScript = script ?? currentScript;
  });
  if (current.length > 0) phrases.push(current);
  return phrases;
}

class CuePager {
  constructor(
    private readonly geometry: CaptionGeometry,
    private readonly font: CaptionFontMetrics,
  ) {}

  widthOf(words: readonly CaptionWord[]): number {
    return this.font.measureText(joinCaptionText(words), this.geometry.emPx);
  }

  private fitsOnOneLine(words: readonly CaptionWord[]): boolean {
    const text = joinCaptionText(words);
    const charBudget = hasUnspacedScript(text) ? this.geometry.maxLineChars * 0.55 : this.geometry.maxLineChars;
    return this.widthOf(words) <= this.geometry.maxLineWidthPx && Array.from(text).length <= charBudget;
  }

  /**
   * The lines a page's words break into, or null when they need more lines than the style allows. Two lines
   * are split where the wider of them is narrowest (balanced, the lower one longer on a tie).
   */
  linesOf(words: readonly CaptionWord[]): CaptionWord[][] | null {
    if (words.length === 1 || this.fitsOnOneLine(words)) return [[...words]];
    if (this.geometry.maxLines < 2) return null;
    let best: { lines: CaptionWord[][]; widest: number } | null = null;
    for (let split = 1; split < words.length; split += 1) {
      const top = words.slice(0, split);
      const bottom = words.slice(split);
      const topFits = top.length === 1 || this.fitsOnOneLine(top);
      const bottomFits = bottom.length === 1 || this.fitsOnOneLine(bottom);
      if (!topFits || !bottomFits) continue;
      const widest = Math.max(this.widthOf(top), this.widthOf(bottom));
      if (!best || widest <= best.widest) best = { lines: [top, bottom], widest };
    }
    return best?.lines ?? null;
  }

  private accepts(words: readonly CaptionWord[]): boolean {
    if (words.length === 1) return true;
    if (words.length > this.geometry.maxWordsPerCue) return false;
    // A word much wider than a line is shown alone, shrunk: sharing its cue would shrink its neighbours with it.
    if (words.some((word) => this.widthOf([word]) * MIN_SHARED_FONT_SCALE > this.geometry.maxLineWidthPx)) return false;
    if (words[words.length - 1].end - words[0].start > this.geometry.maxCueSec) return false;
    return this.linesOf(words) !== null;
  }

  /** Greedy pages: each takes words while they still fit the style's lines, word count and duration. */
  pages(phrase: readonly CaptionWord[]): CaptionWord[][] {
    const pages: CaptionWord[][] = [];
    let page: CaptionWord[] = [];
    for (const word of phrase) {
      if (page.length > 0 && !this.accepts([...page, word])) {
        pages.push(page);
        page = [];
      }
      page.push(word);
    }
    if (page.length > 0) pages.push(page);
    return pages;
  }

  isValidPage(words: readonly CaptionWord[]): boolean {
    return this.accepts(words);
  }

  cueOf(words: CaptionWord[], script: CaptionScript): CaptionCue {
    const lines = this.linesOf(words) ?? words.map((word) => [word]);
    const widest = Math.max(...lines.map((line) => this.widthOf(line)));
    const fontScale = Math.min(1, this.geometry.maxLineWidthPx / widest);
    return { start: words[0].start, end: words[words.length - 1].end, lines, direction: directionOfScript(script), script, fontScale };
  }
}

/**
 * Greedy paging leaves a lone word on the last page ("…the / end."); move words back from the page before
 * while that keeps both pages valid and evens them out.
 */
function balancePages(pages: CaptionWord[][], pager: CuePager): CaptionWord[][] {
  for (let i = pages.length - 1; i > 0; i -= 1) {
    let previous = pages[i - 1];
    let current = pages[i];
    while (previous.length - current.length >= 2) {
      const movedPrevious = previous.slice(0, -1);
      const movedCurrent = [previous[previous.length - 1], ...current];
      if (!pager.isValidPage(movedPrevious) || !pager.isValidPage(movedCurrent)) break;
      previous = movedPrevious;
      current = movedCurrent;
    }
    pages[i - 1] = previous;
    pages[i] = current;
  }
  return pages;
}
