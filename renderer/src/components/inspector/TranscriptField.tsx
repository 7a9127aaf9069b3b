import { useEffect, useState } from 'react';
import type { VoiceSummary } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/**
 * What a recording says, typed or pasted (a .txt of the same name imported beside it fills it in too). It is stored with
 * the recording in the library; the export aligns it to the sound for the lip sync and shows its words as captions.
 */
export function TranscriptField({ voice }: { voice: VoiceSummary }) {
  const studio = useStudioApi();
  const [draft, setDraft] = useState(voice.transcript ?? '');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setDraft(voice.transcript ?? ''), [voice.transcript]);

  const save = async () => {
    if (draft.trim() === (voice.transcript ?? '')) return;
    const result = await studio.voices.setTranscript({ voiceId: voice.id, transcript: draft });
    setError(result.ok ? null : result.error.message);
  };

  return (
    <div className="field">
      <label htmlFor="clip-transcript">Transcript</label>
      <textarea id="clip-transcript" data-testid="clip-transcript" rows={4} placeholder="Type or paste what is said in this recording…" value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={() => void save()} />
      {voice.transcript ? (
        <span className="field-hint">Drives the lip sync and the captions of this recording.</span>
      ) : (
        <span className="field-hint warn" data-testid="captions-off">
          Captions are off for this recording until it has a transcript.
        </span>
      )}
      {error && <span className="field-hint warn">{error}</span>}
    </div>
  );
}
