import type { BuiltinVoiceView } from '../../contract/types';

/**
 * The built-in voices the studio offers until the speech module's `listVoices()` is wired in (eSpeak NG voice names,
 * which is what script clips store). Replace this list with that call; the contract does not change.
 */
export const BUILTIN_VOICES: BuiltinVoiceView[] = [
  { name: 'en-us', label: 'English (US)', language: 'en' },
  { name: 'en-gb', label: 'English (UK)', language: 'en' },
  { name: 'es', label: 'Spanish', language: 'es' },
  { name: 'fr', label: 'French', language: 'fr' },
  { name: 'de', label: 'German', language: 'de' },
  { name: 'it', label: 'Italian', language: 'it' },
  { name: 'pt-br', label: 'Portuguese (Brazil)', language: 'pt' },
  { name: 'cmn', label: 'Chinese (Mandarin)', language: 'zh' },
];
