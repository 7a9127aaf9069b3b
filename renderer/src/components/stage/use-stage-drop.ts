import { useState, type DragEvent } from 'react';
import type { FaceSummary } from '../../../../electron/contract/types';
import { useEditorActions, useStudioContext } from '../../store/editor-store';
import { SetStageCommand, stageOf } from '../../timeline/commands';
import { carriesLibraryEntry, readLibraryDrag } from '../../timeline/library-drag';
import { kindOfDroppedFile } from '../common/file-kind';
import { useVerify } from '../verify/verify-context';

/** What the stage says after a drop: why it was refused, or which picture would replace the one on it. */
export type StageDropNotice = { kind: 'refused'; message: string } | { kind: 'replace'; face: FaceSummary } | null;

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * The stage as a drop target: a face from the library goes on it (an undoable edit); a photo or video from the desktop
 * is imported and, when a picture is already there, offered as its replacement; recordings and scripts are refused with
 * where they go instead.
 */
export function useStageDrop() {
  const { studio, store } = useStudioContext();
  const actions = useEditorActions();
  const { checkImported } = useVerify();
  const [notice, setNotice] = useState<StageDropNotice>(null);
  const [dragging, setDragging] = useState(false);
  const accepts = (event: DragEvent) => carriesLibraryEntry(event.dataTransfer) || carriesFiles(event);

  const putOnStage = (face: Pick<FaceSummary, 'id' | 'kind' | 'durationSec'>) => {
    const doc = store.getState().doc;
    setNotice(null);
    if (doc.stage.faceId === face.id) return;
    actions.execute(new SetStageCommand(doc.stage, stageOf(face)));
    actions.selectSubject(0);
  };

  const importPicture = async (file: File) => {
    checkImported([file]);
    const imported = await studio.importFiles([file]);
    if (!imported.ok) return setNotice({ kind: 'refused', message: imported.error.message });
    const [result] = imported.value.results;
    if (!result?.ok) return setNotice({ kind: 'refused', message: result ? result.error.message : `“${file.name}” could not be imported.` });
    if (result.kind !== 'face') return setNotice({ kind: 'refused', message: `“${file.name}” is not a photo or a video.` });
    const listing = await studio.library.list();
    const face = listing.ok ? listing.value.faces.find((item) => item.id === result.id) : undefined;
    if (!face) return setNotice({ kind: 'refused', message: `“${file.name}” was imported but is not in the library listing.` });
    const current = store.getState().doc.stage.faceId;
    if (current === null) putOnStage(face);
    else if (current !== face.id) setNotice({ kind: 'replace', face });
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    setDragging(false);
    // The empty stage handles its own drops.
    if (event.defaultPrevented || !accepts(event)) return;
    event.preventDefault();
    const files = Array.from(event.dataTransfer.files);
    const entry = readLibraryDrag(event.dataTransfer);
    if (files.length > 0) {
      const [file] = files;
      const kind = kindOfDroppedFile(file);
      if (kind === 'picture') return void importPicture(file);
      const where = kind === 'recording' ? 'a recording goes on a subject’s track in the timeline below' : kind === 'text' ? 'a script goes in the library, then on a track' : 'the stage takes a photo or a video';
      return setNotice({ kind: 'refused', message: `“${file.name}” cannot go on the stage: ${where}.` });
    }
    if (entry?.kind === 'face') {
      const face = store.getState().doc.stage.faceId === entry.id ? null : { id: entry.id };
      if (!face) return;
      void studio.library.list().then((listing) => {
        const summary = listing.ok ? listing.value.faces.find((item) => item.id === entry.id) : undefined;
        if (summary) putOnStage(summary);
        else setNotice({ kind: 'refused', message: 'That face is no longer in the library.' });
      });
    } else if (entry) {
      setNotice({ kind: 'refused', message: `A ${entry.kind === 'voice' ? 'recording' : 'script'} cannot go on the stage: drop it on a subject’s track in the timeline below.` });
    }
  };

  return {
    notice,
    dismiss: () => setNotice(null),
    replace: (face: FaceSummary) => putOnStage(face),
    dragging,
    handlers: {
      onDragEnter: (event: DragEvent<HTMLDivElement>) => accepts(event) && (event.preventDefault(), setDragging(true)),
      onDragOver: (event: DragEvent<HTMLDivElement>) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (event: DragEvent<HTMLDivElement>) => !event.currentTarget.contains(event.relatedTarget as Node | null) && setDragging(false),
      onDrop,
    },
  };
}
