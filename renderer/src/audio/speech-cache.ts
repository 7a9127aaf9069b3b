import type { StudioApi } from '../../../electron/contract/studio-api';
import { sharedAudioContext } from './audio-cache';

export interface SpeechRequest {
  voice: string;
  text?: string;
  scriptId?: number;
}

const speeches = new Map<string, Promise<AudioBuffer>>();
/** Lines synthesised this session; a long session of edits must not keep every old version in memory. */
const MAX_CACHED = 64;

/**
 * A typed line (or library script) said by a built-in voice, synthesised by the engine (`voices.preview`) the same way
 * the export voices it, decoded once and kept. A failure is not cached.
 */
export function loadSpeechBuffer(studio: StudioApi, request: SpeechRequest): Promise<AudioBuffer> {
  const key = JSON.stringify([request.voice, request.scriptId ?? null, request.text ?? null]);
  let pending = speeches.get(key);
  if (!pending) {
    const payload = request.scriptId !== undefined ? { voice: request.voice, scriptId: request.scriptId } : { voice: request.voice, text: request.text };
    pending = studio.voices.preview(payload).then((result) => {
      if (!result.ok) throw new Error(`The line could not be voiced: ${result.error.message}`);
      // the bytes are a view into the whole response body, and decodeAudioData takes (and detaches) a whole buffer
      return sharedAudioContext().decodeAudioData(result.value.bytes.slice().buffer);
    });
    pending.catch(() => speeches.delete(key));
    speeches.set(key, pending);
    if (speeches.size > MAX_CACHED) speeches.delete(speeches.keys().next().value as string);
  }
  return pending;
}
