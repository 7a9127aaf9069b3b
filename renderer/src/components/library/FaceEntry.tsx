import { useEffect, useState } from 'react';
import type { FaceSummary } from '../../../../electron/contract/types';
import { describeSubjects, formatDuration } from '../../library-format';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { SetStageCommand, stageOf } from '../../timeline/commands';
import { writeLibraryDrag } from '../../timeline/library-drag';
import { LibraryEntry } from './LibraryEntry';

/** A photo or video of people: click puts it on the stage; consent is required before it can be rendered. */
export function FaceEntry({ face, onError }: { face: FaceSummary; onError(message: string): void }) {
  const { studio, store } = useStudioContext();
  const actions = useEditorActions();
  const onStage = useEditor((state) => state.doc.stage.faceId === face.id);

  const putOnStage = () => {
    const doc = store.getState().doc;
    if (doc.stage.faceId === face.id) return;
    actions.execute(new SetStageCommand(doc.stage, stageOf(face)));
    actions.selectSubject(0);
  };

  // The box follows the click at once; the library's answer (and its refreshed listing) then confirms it.
  const [pendingConsent, setPendingConsent] = useState<boolean | null>(null);
  useEffect(() => setPendingConsent(null), [face.consent]);
  const setConsent = async (consent: boolean) => {
    setPendingConsent(consent);
    const result = await studio.library.setConsent({ faceId: face.id, consent });
    if (!result.ok) {
      setPendingConsent(null);
      onError(result.error.message);
    }
  };
  const consentShown = pendingConsent ?? face.consent;

  return (
    <LibraryEntry
      kind="face"
      id={face.id}
      name={face.name}
      active={onStage}
      onActivate={putOnStage}
      onDragStart={(event) => writeLibraryDrag(event.dataTransfer, { kind: 'face', id: face.id })}
      activateLabel="Put on the stage"
      thumbnail={
        face.thumbnailUrl || (face.mediaUrl && face.kind === 'photo') ? (
          <img src={face.thumbnailUrl ?? face.mediaUrl ?? undefined} alt="" loading="lazy" draggable={false} />
        ) : face.mediaUrl ? (
          <video src={face.mediaUrl} muted preload="metadata" aria-hidden="true" />
        ) : (
          <span className="thumb-glyph">{face.kind === 'video' ? '▶' : '◐'}</span>
        )
      }
      meta={
        <>
          {onStage && <span className="tag accent">On stage</span>}
          {describeSubjects(face)}
          {face.kind === 'video' ? ` · Video${face.durationSec !== null ? ` ${formatDuration(face.durationSec)}` : ''}` : face.width && face.height ? ` · ${face.width}×${face.height}` : ''}
        </>
      }
      onError={onError}
    >
      {face.publicDomain ? (
        <span className="consent given" data-testid="public-domain" title="A public-domain picture: nobody's consent is needed to animate it">
          Public domain sample
        </span>
      ) : (
        <label className={`consent${consentShown ? ' given' : ''}`}>
          <input type="checkbox" data-testid="consent-checkbox" checked={consentShown} onChange={(event) => void setConsent(event.target.checked)} />
          <span>I have the right to use this likeness</span>
        </label>
      )}
    </LibraryEntry>
  );
}
