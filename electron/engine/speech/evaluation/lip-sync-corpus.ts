/**
 * The lip-sync evaluation corpus: eSpeak NG voices reading sentences, whose phoneme times are exact, under
 * changes of rate, pitch, tempo, noise, room and channel. It is split by voice and language into a part the
 * audio-only estimator may be tuned on and a held-out part that no tuning may look at; only held-out figures
 * are results. The lists are fixed here (not drawn at random) so every run measures the same thing.
 */

/** How a clip is altered after synthesis (applied by audio-conditions.ts). */
export interface CorpusCondition {
  name: string;
  /** Pitch and formants together (a shorter or longer vocal tract), in semitones. */
  shiftSemitones?: number;
  /** Speaking speed after synthesis; 0.92 = 8 % slower. */
  tempo?: number;
  /** Pink noise at this signal-to-noise ratio of the speech, in dB. */
  noiseSnrDb?: number;
  /** A synthetic room with this reverberation time (RT60), in seconds. */
  reverbSec?: number;
  /** 300–3400 Hz at 8 kHz, as a telephone line carries it. */
  telephone?: boolean;
}

export const CORPUS_CONDITIONS: readonly CorpusCondition[] = [
  { name: 'clean' },
  { name: 'pitch -2.5 st, tempo 0.92', shiftSemitones: -2.5, tempo: 0.92 },
  { name: 'pitch +3 st, tempo 1.08', shiftSemitones: 3, tempo: 1.08 },
  { name: 'pink noise 10 dB SNR', noiseSnrDb: 10 },
  { name: 'reverb RT60 0.5 s', reverbSec: 0.5 },
  { name: 'telephone 8 kHz', telephone: true },
];

export type CorpusPart = 'tuning' | 'held-out';

/**
 * Languages (eSpeak voices) of each part. Tuning: the languages the estimator was developed on. Held-out: other
 * languages and other builds of English that no threshold was ever chosen on.
 */
export const CORPUS_LANGUAGES: Record<CorpusPart, readonly string[]> = {
  tuning: ['en-us', 'en-gb', 'de', 'es', 'it', 'pl', 'ru'],
  'held-out': ['en-gb-scotland', 'en-029', 'en-us-nyc', 'fr', 'pt', 'nl', 'cs', 'sv', 'hu', 'fi', 'tr', 'id'],
};

/** eSpeak voice variants (speaker characters) of each part; '' is the language's own default voice. */
export const CORPUS_VARIANTS: Record<CorpusPart, readonly string[]> = {
  tuning: ['', 'm1', 'm2', 'm3', 'f1', 'f2', 'klatt2', 'Andy', 'Annie'],
  'held-out': ['m4', 'm6', 'm7', 'f3', 'f4', 'f5', 'klatt3', 'croak', 'Alex', 'belinda', 'edward', 'steph'],
};

/** Speaking rates in words per minute (eSpeak's default is 175). */
export const CORPUS_RATES_WPM: readonly number[] = [130, 175, 240];

/** Sentences with many b/p/m and open vowels, per language; other languages read the 'any' ones. */
const SENTENCES: Record<string, readonly string[]> = {
  en: [
    'Bob and Pam bought a big map in the park.',
    'My father parked the bus by the barn.',
    'Please pass me the maple syrup and a bottle of milk.',
    'A happy puppy jumped past the marble pump.',
  ],
  de: ['Paul baut am Montag ein blaues Boot.', 'Mama bringt Papa eine Banane mit.'],
  es: ['Pablo bebe un poco de batido por la mañana.', 'Mi mamá compra pan y manzanas en el mercado.'],
  it: ['Paolo mangia una pizza con il papà.', 'Mamma prepara la pasta per il bambino.'],
  pl: ['Mama ma bardzo mały biały dom.', 'Paweł pije mleko po obiedzie.'],
  ru: ['Мама мыла раму, а папа пил пиво.', 'Бабушка пекла пироги по праздникам.'],
  fr: ['Papa a pris le bateau pour Paris.', 'Ma mère boit un bon café au lait le matin.'],
  pt: ['O pai bebe muito mate de manhã.', 'Maria comprou pão e bananas no mercado.'],
  nl: ['Papa bakt een brood met boter.', 'Mijn moeder pakt de bal op.'],
  any: ['Mama, papa, baba, ma pa ba.', 'Bob and Pam bought a big map in the park.'],
};

export interface CorpusItem {
  /** Stable name: language, variant, rate, condition. */
  id: string;
  part: CorpusPart;
  language: string;
  variant: string;
  /** eSpeak voice name as synthesizeSpeech takes it (e.g. "fr+f3"). */
  voice: string;
  rateWpm: number;
  text: string;
  condition: CorpusCondition;
}

function sentencesFor(language: string): readonly string[] {
  return SENTENCES[language] ?? SENTENCES[language.split('-')[0]] ?? SENTENCES.any;
}

/**
 * Every item of one part: each language with variants, rates and conditions taken in turn (a Latin-square
 * walk, not the full product, so a run stays a few minutes long while every variant, rate and condition is
 * heard in several languages).
 */
export function listCorpusItems(part: CorpusPart, { perLanguage = CORPUS_CONDITIONS.length * 2 }: { perLanguage?: number } = {}): CorpusItem[] {
  const languages = CORPUS_LANGUAGES[part];
  const variants = CORPUS_VARIANTS[part];
  const items: CorpusItem[] = [];
  let k = 0;
  languages.forEach((language, li) => {
    const sentences = sentencesFor(language);
    for (let j = 0; j < perLanguage; j++, k++) {
      const variant = variants[(li + j) % variants.length];
      const rateWpm = CORPUS_RATES_WPM[(li + j + Math.floor(j / CORPUS_CONDITIONS.length)) % CORPUS_RATES_WPM.length];
      const condition = CORPUS_CONDITIONS[j % CORPUS_CONDITIONS.length];
      const text = sentences[(li + j) % sentences.length];
      const voice = variant ? `${language}+${variant}` : language;
      items.push({ id: `${part}/${language}${variant ? `+${variant}` : ''}/${rateWpm}wpm/${condition.name}/${k}`, part, language, variant, voice, rateWpm, text, condition });
    }
  });
  return items;
}

/** Voice family of a variant for reporting: male, female, Klatt-synthesised, or character voices. */
export function voiceFamily(variant: string): string {
  if (variant === '') return 'default';
  if (/^m\d$/.test(variant)) return 'male variants';
  if (/^f\d$/.test(variant)) return 'female variants';
  if (variant.startsWith('klatt')) return 'klatt';
  return 'character voices';
}
