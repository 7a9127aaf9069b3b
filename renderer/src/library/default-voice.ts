import type { BuiltinVoiceView } from '../../../electron/contract/types';

export const FALLBACK_VOICE = 'en-us';
const REMEMBERED_KEY = 'mouthpiece.lastVoice';

/** The voice a bare language means where eSpeak's first voice for it is a regional one (`en` is Scottish English). */
const PREFERRED_FOR_LANGUAGE: Record<string, string> = { en: 'en-us', fr: 'fr-fr', zh: 'cmn', nb: 'nb', no: 'nb', pt: 'pt-br' };

/**
 * The voice a new line gets: the last one the user chose, when it still exists; else the one for the system language
 * (`navigator.language`: `en-GB` → en-gb, `fr-CA` → fr-fr, `de-AT` → de); else American English.
 */
export function pickDefaultVoice(voices: readonly Pick<BuiltinVoiceView, 'name'>[], systemLanguage: string | undefined, remembered: string | null): string {
  const names = new Set(voices.map((voice) => voice.name));
  if (remembered && names.has(remembered)) return remembered;
  const tag = (systemLanguage ?? '').trim().toLowerCase().replace('_', '-');
  const primary = tag.split('-')[0];
  const preferred = PREFERRED_FOR_LANGUAGE[primary];
  const candidates = tag.includes('-') ? [tag, preferred, `${primary}-${primary}`, primary] : [preferred, tag, `${primary}-${primary}`];
  for (const candidate of candidates) if (candidate && names.has(candidate)) return candidate;
  return names.size === 0 || names.has(FALLBACK_VOICE) ? FALLBACK_VOICE : voices[0].name;
}

/** The remembered choice (null when storage is unavailable, as in some sandboxed pages). */
export function readRememberedVoice(): string | null {
  try {
    return globalThis.localStorage?.getItem(REMEMBERED_KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberVoice(name: string): void {
  try {
    globalThis.localStorage?.setItem(REMEMBERED_KEY, name);
  } catch {
    // Without storage the system language decides next time.
  }
}

/** The default voice for this page now. */
export function currentDefaultVoice(voices: readonly Pick<BuiltinVoiceView, 'name'>[]): string {
  return pickDefaultVoice(voices, globalThis.navigator?.language, readRememberedVoice());
}
