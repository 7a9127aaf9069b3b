import type { BuiltinVoiceView, VoicePreviewView } from '../../contract/types';

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

/**
 * eSpeak files its constructed and test languages under `art/` (Esperanto, Lojban, Klingon, Quenya, Sindarin,
 * xextan-test, …): they stay usable by name from the CLI but are not offered beside real languages.
 */
export function isConstructedVoice(identifier: string): boolean {
  return identifier.toLowerCase().startsWith('art/');
}

async function loadVoices(): Promise<BuiltinVoiceView[]> {
  const { listVoices } = await import('../../engine/speech/espeak-voices.js');
  const seen = new Set<string>();
  return (await listVoices())
    .filter((voice) => !isConstructedVoice(voice.identifier))
    .filter((voice) => !seen.has(voice.language) && seen.add(voice.language))
    .map((voice) => ({ name: voice.language, label: voice.name, language: voice.language.split('-')[0] }));
}

/** What a voice says when the user listens to it without a line of their own. */
export const VOICE_SAMPLE_TEXT = 'Hello! This is how I sound.';

/** A built-in voice speaking `text` (a short sample unless given), as a WAV in memory: nothing is written. */
export async function previewBuiltinVoice(voice: string, text = VOICE_SAMPLE_TEXT): Promise<VoicePreviewView> {
  const { encodeWav, synthesizeSpeech } = await import('../../engine/speech/index.js');
  const { audio } = await synthesizeSpeech(text, { voice });
  return { mimeType: 'audio/wav', bytes: encodeWav(audio), durationSec: audio.durationSec };
}
