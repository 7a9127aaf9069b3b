import type { TimedViseme } from './speech-types.js';

/**
 * Mouthpiece's viseme set: 14 mouth shapes, the unit between phonemes and articulation curves.
 * Each entry states what the face does (its articulation target); `articulation.ts` holds the numbers.
 *
 *   sil  rest: lips together but relaxed, jaw closed, nothing shown
 *   PP   p b m: lips pressed shut (must close), jaw nearly closed
 *   FF   f v: lower lip tucked under the upper teeth, upper lip raised, upper teeth show
 *   TH   θ ð: jaw slightly open, tongue tip between the teeth
 *   DD   t d n l: jaw slightly open, teeth apart, tongue tip up behind the upper teeth (lips follow the vowels)
 *   kk   k g ŋ (and h, ʔ, uvulars): jaw a bit open, back of the tongue up, lips neutral (lips follow the vowels)
 *   CH   ʃ ʒ tʃ dʒ (and Mandarin retroflex/alveolo-palatal sibilants): lips pushed forward and rounded, teeth close and showing
 *   SS   s z ts dz ç: teeth almost closed and showing, lip corners spread
 *   RR   ɹ r ɚ: lips slightly rounded and narrowed, jaw a little open
 *   aa   a ɑ æ ʌ ɐ: jaw wide open, lips relaxed
 *   E    e ɛ ə ɜ: jaw half open, lips a little spread
 *   I    i ɪ j: jaw nearly closed, lips spread, teeth show
 *   O    o ɔ ɒ œ ø: jaw half open, lips rounded
 *   U    u ʊ w y ʏ ɥ: jaw nearly closed, lips tightly rounded and pushed forward
 */
export const VISEMES = ['sil', 'PP', 'FF', 'TH', 'DD', 'kk', 'CH', 'SS', 'RR', 'aa', 'E', 'I', 'O', 'U'] as const;
export type Viseme = (typeof VISEMES)[number];

export type { TimedViseme } from './speech-types.js';

const TABLE: Record<string, Viseme> = {};
const add = (viseme: Viseme, symbols: string) => {
  for (const s of symbols.split(' ')) TABLE[s] = viseme;
};
add('sil', '_ | ||');
add('PP', 'p b m ɓ β ɸ ʙ pf'); // Spanish intervocalic β is drawn as a closure: viewers read "b" as lips meeting.
add('FF', 'f v ɱ ʋ');
add('TH', 'θ ð');
add('DD', 't d n l ɫ ɾ ɗ ɬ ɮ ʈ ɖ ɳ ɭ ʎ ɺ');
add('kk', 'k g ɡ ŋ x ɣ q ɢ χ ʁ ʀ ɰ h ɦ ħ ʕ ʔ ɲ c ɟ ʜ ɧ kx');
add('CH', 'ʃ ʒ tʃ dʒ tɕ dʑ ɕ ʑ ʂ ʐ tʂ dʐ ʧ ʤ');
add('SS', 's z ts dz ç ʝ ʦ ʣ');
add('RR', 'ɹ r ɻ ɚ ɝ');
add('aa', 'a ɑ æ ʌ ɐ ä ᴀ ɶ');
add('E', 'e ɛ ə ɜ ɘ ɤ ɞ ᵊ');
add('I', 'i ɪ j ɨ ɯ ᵻ ᵼ');
add('O', 'o ɔ ɒ œ ø ɵ');
add('U', 'u ʊ w y ʏ ɥ ʍ ʉ');

const SYMBOLS_LONGEST_FIRST = Object.keys(TABLE).sort((a, b) => b.length - a.length);

/** Stress, length, tie bars, syllable and tone marks, aspiration and other modifier letters carry no mouth shape. */
const STRIP = /[ˈˌːˑ͜͡‿.ˀʰʱʲʷˠˤ˞ⁿˡ˥˦˧˨˩0-9ʼ'`^~-]/gu;

/** Removes everything but the base phoneme letters (combining diacritics such as nasalisation, syllabic, dental, voiceless). */
export function basePhonemeLetters(ipa: string): string {
  // The cedilla stays: ç (palatal fricative) is its own phoneme, not a c.
  return ipa.normalize('NFD').replace(/(?!\u0327)\p{M}/gu, '').normalize('NFC').replace(STRIP, '').trim();
}

/**
 * The visemes of one eSpeak NG phoneme, in order: one for most phonemes, two for diphthongs (start and end
 * vowel, e.g. aɪ → aa, I), one for affricates (tʃ → CH). Unknown letters are skipped; a phoneme with nothing
 * left (a pause or a lone tone mark) is silence.
 */
export function phonemeToVisemes(ipa: string): Viseme[] {
  if (ipa === '_' || ipa.trim() === '') return ['sil'];
  const s = basePhonemeLetters(ipa);
  const out: Viseme[] = [];
  let i = 0;
  while (i < s.length) {
    const symbol = SYMBOLS_LONGEST_FIRST.find((sym) => s.startsWith(sym, i));
    if (symbol) {
      const v = TABLE[symbol];
      if (out[out.length - 1] !== v) out.push(v);
      i += symbol.length;
    } else {
      i += 1;
    }
  }
  return out.length ? out : ['sil'];
}

/** The main viseme of a phoneme (the first; for a diphthong its start). */
export function phonemeToViseme(ipa: string): Viseme {
  return phonemeToVisemes(ipa)[0];
}

/** Share of a diphthong's duration given to its start vowel. */
const DIPHTHONG_START_SHARE = 0.55;

/**
 * Splits timed phonemes into timed visemes (diphthongs into start and end parts) and merges neighbours with the
 * same viseme. `phonemeIndex` of each part points back to the phoneme it came from.
 */
export function phonemesToVisemeSegments(phonemes: { start: number; end: number; phoneme: string }[]): (TimedViseme & { phonemeIndex: number })[] {
  const out: (TimedViseme & { phonemeIndex: number })[] = [];
  phonemes.forEach((p, phonemeIndex) => {
    const visemes = phonemeToVisemes(p.phoneme);
    const duration = Math.max(0, p.end - p.start);
    let t = p.start;
    visemes.forEach((viseme, k) => {
      const share = visemes.length === 1 ? 1 : k === 0 ? DIPHTHONG_START_SHARE : (1 - DIPHTHONG_START_SHARE) / (visemes.length - 1);
      const end = k === visemes.length - 1 ? p.end : t + duration * share;
      out.push({ start: t, end, viseme, phonemeIndex });
      t = end;
    });
  });
  return out;
}

/** Merges adjacent segments that show the same viseme (e.g. "mb" is one closure). */
export function mergeVisemes(segments: TimedViseme[]): TimedViseme[] {
  const out: TimedViseme[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    if (last && last.viseme === s.viseme && Math.abs(last.end - s.start) < 1e-6) last.end = s.end;
    else out.push({ start: s.start, end: s.end, viseme: s.viseme });
  }
  return out;
}

export const isVowelViseme = (v: Viseme) => v === 'aa' || v === 'E' || v === 'I' || v === 'O' || v === 'U';
