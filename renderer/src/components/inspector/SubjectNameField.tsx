import { useEffect, useRef, useState } from 'react';
import { SUBJECT_NAME_MAX_CHARS } from '../../../../electron/contract/project-document';
import type { FaceSummary } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/**
 * The name of a person in the picture ("Anna"), saved on the library face when the field is left or Enter pressed, so
 * the stage, the timeline and the batch dialog all say it. Empty goes back to "Subject N"; Escape drops the edit.
 */
export function SubjectNameField({ face, subject, onError }: { face: FaceSummary; subject: number; onError(message: string): void }) {
  const studio = useStudioApi();
  const saved = face.subjectNames[String(subject)] ?? '';
  const [draft, setDraft] = useState(saved);
  // Escape blurs the field too; its blur must not save the edit it drops.
  const dropping = useRef(false);
  useEffect(() => setDraft(saved), [saved, face.id, subject]);

  const save = async () => {
    if (dropping.current) {
      dropping.current = false;
      return;
    }
    const name = draft.trim();
    if (name === saved) return setDraft(saved);
    const result = await studio.face.setSubjectName({ faceId: face.id, subject, name });
    if (!result.ok) onError(result.error.message);
  };

  return (
    <div className="field">
      <label htmlFor="subject-name">Name</label>
      <input
        id="subject-name"
        data-testid="subject-name"
        type="text"
        value={draft}
        maxLength={SUBJECT_NAME_MAX_CHARS}
        placeholder={`Subject ${subject}`}
        autoComplete="off"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
          if (event.key === 'Escape') {
            dropping.current = true;
            setDraft(saved);
            event.currentTarget.blur();
          }
        }}
      />
    </div>
  );
}
