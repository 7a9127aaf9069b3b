import { useEffect, useState } from 'react';
import type { Clip } from '../../../../electron/contract/project-document';
import { loadSpeechBuffer } from '../../audio/speech-cache';
import { useStudioApi } from '../../store/editor-store';

/**
 * How long each typed line really is once the engine has voiced it (the same synthesis the export uses), by clip id.
 * A line's length on the timeline is an estimate from its word count until then; the stage's shot plan uses the real
 * one so that its cuts fall where the export's do. Lines not voiced yet (or that fail) are simply absent.
 */
export function useSpokenLengths(tracks: readonly { clips: readonly Clip[] }[]): ReadonlyMap<string, number> {
  const studio = useStudioApi();
  const [lengths, setLengths] = useState<ReadonlyMap<string, number>>(new Map());
  const lines = tracks.flatMap((track) => track.clips.filter((clip) => clip.kind === 'script'));
  const key = JSON.stringify(lines.map((clip) => [clip.id, clip.voice, clip.scriptId ?? null, clip.text ?? null]));

  useEffect(() => {
    let cancelled = false;
    const spoken = JSON.parse(key) as [string, string, number | null, string | null][];
    void Promise.all(
      spoken.map(async ([id, voice, scriptId, text]) => {
        const buffer = await loadSpeechBuffer(studio, scriptId !== null ? { voice, scriptId } : { voice, text: text ?? '' }).catch(() => null);
        return buffer ? ([id, buffer.duration] as const) : null;
      }),
    ).then((found) => {
      if (!cancelled) setLengths(new Map(found.filter((entry) => entry !== null)));
    });
    return () => {
      cancelled = true;
    };
  }, [studio, key]);

  return lengths;
}
