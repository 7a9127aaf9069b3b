import type { CaptionScript } from './caption-font-files.js';

const SCRIPT_PATTERNS: ReadonlyArray<[CaptionScript, RegExp]> = [
  ['arabic', /\p{Script=Arabic}/gu],
  ['hebrew', /\p{Script=Hebrew}/gu],
  ['han', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['hangul', /\p{Script=Hangul}/gu],
  ['latin', /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/gu],
];

/** The writing system most letters of `text` belong to (Latin, Cyrillic and Greek share Noto Sans); `latin` when none. */
export function detectCaptionScript(text: string): CaptionScript {
  let best: CaptionScript = 'latin';
  let bestCount = 0;
  for (const [script, pattern] of SCRIPT_PATTERNS) {
    const count = text.match(pattern)?.length ?? 0;
    if (count > bestCount) {
      best = script;
      bestCount = count;
    }
  }
  return best;
}

/** The script of `text`'s letters, or null when it has none (digits, punctuation): such words follow their neighbours. */
export function letterScriptOf(text: string): CaptionScript | null {
  return /\p{L}/u.test(text) ? detectCaptionScript(text) : null;
}

export function directionOfScript(script: CaptionScript): 'ltr' | 'rtl' {
  return script === 'arabic' || script === 'hebrew' ? 'rtl' : 'ltr';
}

/** Writing systems that do not put spaces between words (Chinese, Japanese, Thai, …). */
const NO_SPACE_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u3000-\u303f\uff00-\uffef]/u;

export function hasUnspacedScript(text: string): boolean {
  return NO_SPACE_CHAR.test(text);
}

/** The words of a line as displayed: separated by spaces, except between two words of a language written without them. */
export function joinCaptionText(words: readonly { text: string }[]): string {
  return words.map((word, index) => (spaceBefore(words, index) ? ' ' : '') + word.text).join('');
}

/** Whether a space is drawn before word `index` of `words` (see `joinCaptionText`). */
export function spaceBefore(words: readonly { text: string }[], index: number): boolean {
  if (index === 0) return false;
  const lastOfPrevious = Array.from(words[index - 1].text).at(-1) ?? '';
  const firstOfThis = Array.from(words[index].text)[0] ?? '';
  return !(NO_SPACE_CHAR.test(lastOfPrevious) && NO_SPACE_CHAR.test(firstOfThis));
}
