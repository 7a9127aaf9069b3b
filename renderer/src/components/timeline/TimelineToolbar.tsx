import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { addClip, deleteClip, splitClip } from '../../timeline/commands';
import { findClip } from '../../timeline/commands/track-edits';
import { newClipId } from '../../timeline/clip-ids';
import { nearestFreeStart } from '../../timeline/timeline-geometry';
import { estimateSpeechSec } from '../../timeline/use-clip-factory';
import { currentDefaultVoice } from '../../library/default-voice';
import { useLibraryData } from '../../library/library-context';

const NEW_LINE_TEXT = 'Type what this person says.';

/** Edit actions on the selection, a new typed line, and zoom. */
export function TimelineToolbar({ disabled }: { disabled: boolean }) {
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const { builtinVoices } = useLibraryData();
  const selectedClipId = useEditor((state) => (state.selectedClipId && findClip(state.doc, state.selectedClipId) ? state.selectedClipId : null));
  const canSplit = useEditor((state) => (selectedClipId ? splitClip(state.doc, selectedClipId, state.playheadSec, 'probe') !== null : false));
  const subject = useEditor((state) => state.doc.selectedSubject);

  const addLine = () => {
    const state = store.getState();
    const others = state.doc.tracks.find((track) => track.subject === subject)?.clips ?? [];
    const duration = estimateSpeechSec(6);
    const clip = { id: newClipId(), start: nearestFreeStart(others, state.playheadSec, duration), kind: 'script' as const, text: NEW_LINE_TEXT, voice: currentDefaultVoice(builtinVoices), duration };
    actions.execute(addClip(subject, clip));
    actions.selectClip(clip.id);
  };

  return (
    <div className="timeline-toolbar" role="toolbar" aria-label="Timeline">
      <span className="panel-title">Timeline</span>
      <button type="button" className="button small" onClick={addLine} disabled={disabled} title={`Add a typed line for subject ${subject} at the playhead`}>
        + Line
      </button>
      <button
        type="button"
        className="button small"
        disabled={!canSplit}
        onClick={() => selectedClipId && actions.execute(splitClip(store.getState().doc, selectedClipId, store.getState().playheadSec, newClipId()))}
        title="Split the selected recording at the playhead (S)"
      >
        Split
      </button>
      <button
        type="button"
        className="button small"
        disabled={!selectedClipId}
        onClick={() => {
          if (!selectedClipId) return;
          actions.execute(deleteClip(store.getState().doc, selectedClipId));
          actions.selectClip(null);
        }}
        title="Delete the selected clip (Delete)"
      >
        Delete
      </button>
      <span className="toolbar-spacer" />
      <span className="zoom" role="group" aria-label="Zoom">
        <button type="button" className="icon-button small" onClick={() => actions.zoom(0.8)} aria-label="Zoom out" title="Zoom out (−)">
          −
        </button>
        <ZoomReadout />
        <button type="button" className="icon-button small" onClick={() => actions.zoom(1.25)} aria-label="Zoom in" title="Zoom in (+)">
          +
        </button>
      </span>
    </div>
  );
}

function ZoomReadout() {
  const pxPerSec = useEditor((state) => state.pxPerSec);
  return <span className="zoom-readout">{Math.round(pxPerSec)} px/s</span>;
}
