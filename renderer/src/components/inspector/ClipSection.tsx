import { clipLengthSec } from '../../../../electron/contract/project-document';
import { rememberVoice } from '../../library/default-voice';
import { useLibraryData } from '../../library/library-context';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { updateScriptClip } from '../../timeline/commands';
import { findClip } from '../../timeline/commands/track-edits';
import { formatTimecode } from '../../timeline/timeline-geometry';
import { DEFAULT_VOICE } from '../../timeline/use-clip-factory';
import { ScriptTextField } from './ScriptTextField';
import { TranscriptField } from './TranscriptField';

/** The selected clip: a script line's text and voice, or a recording's in and out points. */
export function ClipSection() {
  const clip = useEditor((state) => (state.selectedClipId ? (findClip(state.doc, state.selectedClipId)?.clip ?? null) : null));
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const { builtinVoices, voiceById, listing } = useLibraryData();
  if (!clip) return null;

  if (clip.kind === 'audio') {
    const voice = voiceById(clip.voiceId);
    return (
      <section className="inspector-section" aria-labelledby="clip-title">
        <h3 id="clip-title">Recording</h3>
        <dl className="facts">
          <dt>Source</dt>
          <dd>{voiceById(clip.voiceId)?.name ?? 'Missing from the library'}</dd>
          <dt>Starts at</dt>
          <dd>{formatTimecode(clip.start)}</dd>
          <dt>Plays</dt>
          <dd>
            {formatTimecode(clip.trimStart)} – {formatTimecode(clip.trimEnd)} of {formatTimecode(clip.duration)}
          </dd>
          <dt>Length</dt>
          <dd>{formatTimecode(clipLengthSec(clip))}</dd>
        </dl>
        {voice && <TranscriptField key={voice.id} voice={voice} />}
      </section>
    );
  }

  const script = clip.scriptId !== undefined ? listing?.scripts.find((item) => item.id === clip.scriptId) : undefined;
  const voices = builtinVoices.length > 0 ? builtinVoices : [{ name: DEFAULT_VOICE, label: 'English (US)', language: 'en' }];
  return (
    <section className="inspector-section" aria-labelledby="clip-title">
      <h3 id="clip-title">Script line</h3>
      {script ? (
        <p className="quote">
          <strong>{script.name}</strong> {script.preview}
        </p>
      ) : (
        <ScriptTextField key={clip.id} clip={clip} />
      )}
      <div className="field">
        <label htmlFor="clip-voice">Voice</label>
        <select id="clip-voice" value={clip.voice} onChange={(event) => {
            rememberVoice(event.target.value);
            actions.execute(updateScriptClip(store.getState().doc, clip.id, { voice: event.target.value }));
          }}>
          {voices.map((voice) => (
            <option key={voice.name} value={voice.name}>
              {voice.label}
            </option>
          ))}
          {!voices.some((voice) => voice.name === clip.voice) && <option value={clip.voice}>{clip.voice}</option>}
        </select>
      </div>
    </section>
  );
}
