import { useCallback } from 'react';
import type { Clip } from '../../../electron/contract/project-document';
import { loadAudioBuffer } from '../audio/audio-cache';
import { currentDefaultVoice } from '../library/default-voice';
import { useLibraryData } from '../library/library-context';
import { newClipId } from './clip-ids';
import type { TimelineDragEntry } from './library-drag';

/** Typical speaking rate of the built-in voices, for the length of a script line before it is synthesised. */
const WORDS_PER_SEC = 2.6;
export const DEFAULT_VOICE = 'en-us';


export function estimateSpeechSec(wordCount: number): number {
  return Math.round((0.4 + Math.max(1, wordCount) / WORDS_PER_SEC) * 100) / 100;
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Makes the clip for a library voice or script placed at `start` (the recording's length is read when unknown). */
export function useClipFactory(): (entry: TimelineDragEntry, start: number) => Promise<Clip> {
  const { listing, builtinVoices } = useLibraryData();
  return useCallback(
    async (entry, start) => {
      if (entry.kind === 'script') {
        const script = listing?.scripts.find((item) => item.id === entry.id);
        if (!script) throw new Error('That script is no longer in the library.');
        return { id: newClipId(), start, kind: 'script', scriptId: script.id, voice: currentDefaultVoice(builtinVoices), duration: estimateSpeechSec(script.wordCount) };
      }
      const voice = listing?.voices.find((item) => item.id === entry.id);
      if (!voice) throw new Error('That recording is no longer in the library.');
      if (voice.builtin || !voice.mediaUrl) throw new Error(`“${voice.name}” is a built-in voice: drag a script onto the timeline and pick the voice for it.`);
      const duration = voice.durationSec && voice.durationSec > 0 ? voice.durationSec : (await loadAudioBuffer(voice.mediaUrl)).duration;
      return { id: newClipId(), start, kind: 'audio', voiceId: voice.id, trimStart: 0, trimEnd: duration, duration };
    },
    [listing, builtinVoices],
  );
}
