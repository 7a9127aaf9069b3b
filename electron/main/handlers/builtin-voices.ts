import type { BuiltinVoiceView } from '../../contract/types';

let voices: Promise<BuiltinVoiceView[]> | undefined;

/**
 * The built-in voices: every eSpeak NG voice the speech module offers, named by the language code a script clip stores
 * (`en-us`, `fr-fr`, `cmn`, …) and labelled with eSpeak's own name. Loaded on first use (the synthesiser is a
 * WebAssembly module) and kept; a failed load is retried on the next call.
 */
export function listBuiltinVoices(): Promise<BuiltinVoiceView[]> {
  voices ??= loadVoices().catch((error: unknown) => {
    voices = undefined;
    throw error;
  });
  return voices;
}

async function loadVoices(): Promise<BuiltinVoiceView[]> {
  const { listVoices } = await import('../../engine/speech/espeak-voices.js');
  const seen = new Set<string>();
  return (await listVoices())
    .filter((voice) => !seen.has(voice.language) && seen.add(voice.language))
    .map((voice) => ({ name: voice.language, label: voice.name, language: voice.language.split('-')[0] }));
}
