import { InputError } from '../errors.js';
import { getEspeak, type EspeakVoiceEntry } from './espeak-module.js';

/** A built-in voice: one eSpeak NG language voice. */
export interface VoiceInfo {
  /** The voice's main language code, usable as `voice` (e.g. "en-us", "es", "fr-fr", "cmn"). */
  language: string;
  /** eSpeak's name, e.g. "English (America)". */
  name: string;
  /** eSpeak's identifier, e.g. "gmw/en-US". */
  identifier: string;
  /** Every language code this voice answers to. */
  languages: string[];
}

export const DEFAULT_VOICE = 'en-us';
export const LIST_VOICES_HINT = 'run `mouthpiece say --list-voices` to see every voice (e.g. en-us, en-gb, es, fr, de, cmn)';

/** Common codes eSpeak files under another name. */
const ALIASES: Record<string, string> = { zh: 'cmn', 'zh-cn': 'cmn', 'zh-hans': 'cmn', 'zh-tw': 'cmn', 'zh-hk': 'yue', 'en-uk': 'en-gb', no: 'nb' };

/** Every voice eSpeak NG has, sorted by language code. */
export async function listVoices(): Promise<VoiceInfo[]> {
  const espeak = await getEspeak();
  return espeak.list_voices().map(toVoiceInfo).sort((a, b) => a.language.localeCompare(b.language));
}

function toVoiceInfo(entry: EspeakVoiceEntry): VoiceInfo {
  const languages = [...entry.languages].sort((a, b) => a.priority - b.priority).map((l) => l.name);
  return { language: languages[0] ?? entry.identifier, name: entry.name, identifier: entry.identifier, languages };
}

/** How well a voice answers to a language code (eSpeak's priority: lower is better), or null. */
function priorityFor(entry: EspeakVoiceEntry, code: string): number | null {
  const match = entry.languages.filter((l) => l.name.toLowerCase() === code).map((l) => l.priority);
  if (match.length === 0) return null;
  // Among equals, the voice named after the code itself (roa/fr for "fr") is the one eSpeak means.
  const ownName = entry.identifier.toLowerCase().split('/').at(-1) === code ? 0 : 0.5;
  return Math.min(...match) + ownName;
}

/**
 * Finds a voice by language code ("en-us", "ES", "zh"), eSpeak name ("English (America)") or identifier
 * ("gmw/en-US"), optionally with an eSpeak variant ("en-us+f3"). Throws InputError BAD_ARGUMENT otherwise.
 */
export async function resolveVoice(requested: string = DEFAULT_VOICE): Promise<VoiceInfo & { variant?: string }> {
  const [base, variant] = requested.trim().split('+', 2);
  const key = base.toLowerCase();
  const wanted = ALIASES[key] ?? key;
  const entries = (await getEspeak()).list_voices();
  let best: { entry: EspeakVoiceEntry; priority: number } | undefined;
  for (const entry of entries) {
    const priority = entry.identifier.toLowerCase() === wanted || entry.name.toLowerCase() === wanted ? -1 : priorityFor(entry, wanted);
    if (priority !== null && (!best || priority < best.priority)) best = { entry, priority };
  }
  if (!best || key === '') throw new InputError('BAD_ARGUMENT', `Unknown voice "${requested}": ${LIST_VOICES_HINT}.`);
  const found = toVoiceInfo(best.entry);
  return variant ? { ...found, variant } : found;
}
