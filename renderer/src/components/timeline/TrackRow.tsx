import { useState, type DragEvent } from 'react';
import { clipLengthSec, type Track } from '../../../../electron/contract/project-document';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { addClip } from '../../timeline/commands';
import { carriesLibraryEntry, readLibraryDrag } from '../../timeline/library-drag';
import { nearestFreeStart } from '../../timeline/timeline-geometry';
import { describeSubject, describeSubjectRank } from '../../subject-label';
import { useClipFactory } from '../../timeline/use-clip-factory';
import { ClipView } from './ClipView';

interface TrackRowProps {
  subject: number;
  track: Track | undefined;
  subjects: readonly number[];
  rowHeightPx: number;
  /** The subject has clips but the picture on the stage has no such face. */
  missing: boolean;
  onError(message: string): void;
}

/** One subject's track: its header, its clips, and a drop target for voices and scripts from the library. */
export function TrackRow({ subject, track, subjects, rowHeightPx, missing, onError }: TrackRowProps) {
  const selected = useEditor((state) => state.doc.selectedSubject === subject);
  const actions = useEditorActions();
  const { store } = useStudioContext();
  const makeClip = useClipFactory();
  const [dropping, setDropping] = useState(false);

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    const entry = readLibraryDrag(event.dataTransfer);
    setDropping(false);
    if (!entry) return;
    event.preventDefault();
    const state = store.getState();
    const atSec = Math.max(0, (event.clientX - event.currentTarget.getBoundingClientRect().left) / state.pxPerSec);
    try {
      const clip = await makeClip(entry, atSec);
      const doc = store.getState().doc;
      const others = doc.tracks.find((item) => item.subject === subject)?.clips ?? [];
      const placed = { ...clip, start: nearestFreeStart(others, atSec, clipLengthSec(clip)) };
      actions.execute(addClip(subject, placed));
      actions.selectSubject(subject);
      actions.selectClip(placed.id);
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className={`track${selected ? ' selected' : ''}${missing ? ' missing' : ''}`} data-testid={`track-${subject}`} style={{ height: rowHeightPx }}>
      <button type="button" className="track-header" onClick={() => actions.selectSubject(subject)} aria-pressed={selected} title={missing ? `Subject ${subject} is not in the picture on the stage` : `${describeSubject(subject, { speaking: Boolean(track?.clips.length), selected })}. Click to select.`}>
        <span className="subject-chip">{subject}</span>
        <span className="track-label">
          <span className="track-name">Subject {subject}</span>
          {missing ? <span className="track-warning">Not in this picture</span> : <span className="track-rank">{describeSubjectRank(subject)}</span>}
        </span>
      </button>
      <div
        className={`track-lane${dropping ? ' dropping' : ''}`}
        onDragEnter={(event) => carriesLibraryEntry(event.dataTransfer) && (event.preventDefault(), setDropping(true))}
        onDragOver={(event) => {
          if (!carriesLibraryEntry(event.dataTransfer)) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => !event.currentTarget.contains(event.relatedTarget as Node | null) && setDropping(false)}
        onDrop={(event) => void onDrop(event)}
        onPointerDown={(event) => {
          if (event.target !== event.currentTarget) return;
          actions.selectClip(null);
          actions.selectSubject(subject);
          actions.setPlayhead((event.clientX - event.currentTarget.getBoundingClientRect().left) / store.getState().pxPerSec);
        }}
      >
        {track?.clips.map((clip) => <ClipView key={clip.id} clip={clip} subjects={subjects} rowHeightPx={rowHeightPx} />)}
        {!track?.clips.length && <span className="lane-hint">Drag a recording or a script here</span>}
      </div>
    </div>
  );
}
