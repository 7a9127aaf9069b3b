import { useEffect, useRef, useState } from 'react';
import type { ScriptClip } from '../../../../electron/contract/project-document';
import { useEditorActions, useStudioContext } from '../../store/editor-store';
import { updateScriptClip } from '../../timeline/commands';
import { countWords, estimateSpeechSec } from '../../timeline/use-clip-factory';

/** Typing reaches the timeline after this pause (and on leaving the field). */
const COMMIT_PAUSE_MS = 500;

/**
 * A typed line's text. Keystrokes stay in the field and reach the document on a pause or on blur; everything typed in
 * one visit to the field is one undo step (like a drag), so undo does not walk back a sentence letter by letter.
 */
export function ScriptTextField({ clip }: { clip: ScriptClip }) {
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const [draft, setDraft] = useState(clip.text ?? '');
  const committed = useRef(clip.text ?? '');
  const visit = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // Undo, redo or another view changed the text: show it.
  useEffect(() => {
    if ((clip.text ?? '') === committed.current) return;
    committed.current = clip.text ?? '';
    setDraft(committed.current);
  }, [clip.text]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim() === '' || text === committed.current) return;
    committed.current = text;
    actions.execute(updateScriptClip(store.getState().doc, clip.id, { text, duration: estimateSpeechSec(countWords(text)) }, `typing-${clip.id}-${visit.current}`));
  };

  return (
    <div className="field">
      <label htmlFor="clip-text">Text</label>
      <textarea
        id="clip-text"
        data-testid="clip-text"
        rows={4}
        value={draft}
        onFocus={() => (visit.current += 1)}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          clearTimeout(timer.current);
          timer.current = setTimeout(() => commit(text), COMMIT_PAUSE_MS);
        }}
        onBlur={() => {
          commit(draft);
          if (draft.trim() === '') setDraft(committed.current);
        }}
      />
    </div>
  );
}
