import type { TimedWord } from '../speech/speech-types.js';
import type { CaptionWord } from './caption-types.js';
import { tokenizeScript, type ScriptToken } from './script-tokens.js';

/** A stretch of the script a timeline word was found at, with that word's times. */
interface TimedSpan {
  startIndex: number;
  endIndex: number;
  start: number;
  end: number;
}

/** Below this many seconds per missing word, a gap is too short to hold the words the timeline dropped. */
const MIN_SEC_PER_MISSING_WORD = 0.12;

/**
 * The script's own words (as `tokenizeScript` splits them, punctuation kept) timed by the speech stage's
 * words. The timeline may split, shorten or drop words ("It's" → "It", "3:30" → "3" "30", Chinese as single
 * characters): each timeline word is located in the script in order, each script word takes the span of the
 * timeline words inside it, and words no timeline word landed in share the time around them. Times are
 * shifted by `offsetSec`. No timeline words → no caption words (nothing to time them by).
 */
export function captionWordsFromTimeline(scriptText: string, timelineWords: readonly TimedWord[], offsetSec = 0, language?: string): CaptionWord[] {
  const tokens = tokenizeScript(scriptText, language);
  if (tokens.length === 0 || timelineWords.length === 0) return [];
  const spans = locateTimelineWords(scriptText, timelineWords);
  const times = tokens.map((token) => timeOfToken(token, spans));
  fillUntimedTokens(tokens, times, timelineWords);
  return tokens.map((token, index) => ({ text: token.text, start: times[index]!.start + offsetSec, end: times[index]!.end + offsetSec }));
}

function normalizeForSearch(text: string): string {
  // Keeps one UTF-16 unit per input unit so indices in the normalized text are indices in the script.
  return Array.from(text, (ch) => {
    const lower = ch.toLowerCase();
    const folded = lower.length === ch.length ? lower : ch;
    return folded.replace(/[\u2018\u2019\u02bc]/u, "'");
  }).join('');
}

function locateTimelineWords(scriptText: string, timelineWords: readonly TimedWord[]): TimedSpan[] {
  const haystack = normalizeForSearch(scriptText);
  const spans: TimedSpan[] = [];
  let cursor = 0;
  let lastNeedle = '';
  for (const word of timelineWords) {
    const needle = normalizeForSearch(word.text.trim());
    if (needle === '') continue;
    const index = haystack.indexOf(needle, cursor);
    if (index >= 0) {
      spans.push({ startIndex: index, endIndex: index + needle.length, start: word.start, end: word.end });
      cursor = index + needle.length;
      lastNeedle = needle;
    } else if (needle === lastNeedle) {
      // eSpeak repeats a chunk it spoke in several parts (Japanese): the span it was found at lasts longer.
      const last = spans[spans.length - 1]!;
      last.end = Math.max(last.end, word.end);
    }
  }
  return spans;
}

type TokenTime = { start: number; end: number } | null;

/**
 * The time the spans overlapping a token give it. A span covering several tokens (a timeline word the script
 * splits further) is shared among them in proportion to the characters of each.
 */
function timeOfToken(token: ScriptToken, spans: readonly TimedSpan[]): TokenTime {
  let start = Infinity;
  let end = -Infinity;
  for (const span of spans) {
    const from = Math.max(span.startIndex, token.startIndex);
    const to = Math.min(span.endIndex, token.endIndex);
    if (to <= from) continue;
    const length = span.endIndex - span.startIndex;
    const duration = span.end - span.start;
    start = Math.min(start, span.start + (duration * (from - span.startIndex)) / length);
    end = Math.max(end, span.start + (duration * (to - span.startIndex)) / length);
  }
  return Number.isFinite(start) ? { start, end } : null;
}

/**
 * Gives tokens no timeline word landed in a share of the time between their timed neighbours, by length.
 * When that gap is too short for them (the synthesiser folded them into the word before), the previous
 * word's time is shared with them instead. Finally makes times monotonic.
 */
function fillUntimedTokens(tokens: readonly ScriptToken[], times: TokenTime[], timelineWords: readonly TimedWord[]): void {
  const timelineStart = Math.min(...timelineWords.map((w) => w.start));
  const timelineEnd = Math.max(...timelineWords.map((w) => w.end));
  let index = 0;
  while (index < tokens.length) {
    if (times[index]) {
      index += 1;
      continue;
    }
    let runEnd = index;
    while (runEnd < tokens.length && !times[runEnd]) runEnd += 1;
    const previous = index > 0 ? index - 1 : null;
    const gapStart = previous !== null ? times[previous]!.end : timelineStart;
    const gapEnd = runEnd < tokens.length ? times[runEnd]!.start : timelineEnd;
    const missing = runEnd - index;
    if (gapEnd - gapStart >= MIN_SEC_PER_MISSING_WORD * missing || previous === null) {
      shareByLength(tokens, times, index, runEnd, gapStart, Math.max(gapStart, gapEnd));
    } else {
      shareByLength(tokens, times, previous, runEnd, times[previous]!.start, Math.max(times[previous]!.start, gapEnd));
    }
    index = runEnd;
  }
  for (let i = 1; i < times.length; i += 1) {
    const time = times[i]!;
    time.start = Math.max(time.start, times[i - 1]!.start);
    time.end = Math.max(time.end, time.start);
  }
}

function shareByLength(tokens: readonly ScriptToken[], times: TokenTime[], from: number, to: number, start: number, end: number): void {
  const lengths = tokens.slice(from, to).map((t) => Math.max(1, Array.from(t.text).length));
  const total = lengths.reduce((a, b) => a + b, 0);
  let at = start;
  for (let i = from; i < to; i += 1) {
    const next = i === to - 1 ? end : at + ((end - start) * lengths[i - from]!) / total;
    times[i] = { start: at, end: next };
    at = next;
  }
}
