import { detectCaptionScript, hasUnspacedScript } from './caption-script.js';

/** One displayed word of a script: its text (punctuation included) and where it sits in the script. */
export interface ScriptToken {
  text: string;
  /** UTF-16 index of the first character in the script. */
  startIndex: number;
  /** UTF-16 index just past the last character. */
  endIndex: number;
}

/** Opening punctuation (brackets, opening quotes, ¿ ¡) belongs to the word after it. */
const OPENING_PUNCTUATION = /^[\p{Ps}\p{Pi}¿¡"'«„‚]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

const SEGMENTER_LANGUAGE: Record<string, string> = { han: 'zh', hangul: 'ko', arabic: 'ar', hebrew: 'he', latin: 'en' };

/**
 * Splits a script into the words captions show: runs between spaces, and inside text written without spaces
 * (Chinese, Japanese, Thai) the words `Intl.Segmenter` finds. Punctuation is glued to the word before it
 * ("Hello," "world!" "你好，"), opening brackets and quotes to the word after it; "e-mail", "3:30" and "It's"
 * stay one word.
 */
export function tokenizeScript(script: string, language?: string): ScriptToken[] {
  const locale = language ?? SEGMENTER_LANGUAGE[detectCaptionScript(script)] ?? 'en';
  const segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  const pieces: ScriptToken[] = [];
  for (const chunk of script.matchAll(/\S+/gu)) {
    const chunkStart = chunk.index ?? 0;
    if (!hasUnspacedScript(chunk[0])) {
      pieces.push({ text: chunk[0], startIndex: chunkStart, endIndex: chunkStart + chunk[0].length });
      continue;
    }
    for (const segment of segmenter.segment(chunk[0])) {
      const startIndex = chunkStart + segment.index;
      pieces.push({ text: segment.segment, startIndex, endIndex: startIndex + segment.segment.length });
    }
  }
  return gluePunctuation(script, pieces);
}

function gluePunctuation(script: string, pieces: ScriptToken[]): ScriptToken[] {
  const tokens: ScriptToken[] = [];
  let pendingOpenerStart: number | null = null;
  for (const piece of pieces) {
    const isWord = HAS_LETTER_OR_DIGIT.test(piece.text);
    if (!isWord && (OPENING_PUNCTUATION.test(piece.text) || tokens.length === 0)) {
      pendingOpenerStart ??= piece.startIndex;
      continue;
    }
    if (!isWord) {
      const previous = tokens[tokens.length - 1];
      previous.endIndex = piece.endIndex;
      previous.text = script.slice(previous.startIndex, previous.endIndex);
      continue;
    }
    const startIndex = pendingOpenerStart ?? piece.startIndex;
    pendingOpenerStart = null;
    tokens.push({ text: script.slice(startIndex, piece.endIndex), startIndex, endIndex: piece.endIndex });
  }
  // Trailing openers (a script ending in "(") join the last word; a script of punctuation only is one token.
  if (pendingOpenerStart !== null) {
    const last = tokens[tokens.length - 1];
    if (last) {
      last.endIndex = script.trimEnd().length;
      last.text = script.slice(last.startIndex, last.endIndex);
    } else {
      const text = script.slice(pendingOpenerStart).trimEnd();
      tokens.push({ text, startIndex: pendingOpenerStart, endIndex: pendingOpenerStart + text.length });
    }
  }
  return tokens;
}
