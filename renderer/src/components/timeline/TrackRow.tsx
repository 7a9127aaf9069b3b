import type { Track } from '../../../../electron/contract/project-document';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { describeSubject, describeSubjectRank, subjectName, type SubjectNames } from '../../subject-label';
import { ClipView } from './ClipView';
import { dubbedSubject, ReferenceLane } from './ReferenceLane';
import { useTrackDrop } from './use-track-drop';

interface TrackRowProps {
  subject: number;
  track: Track | undefined;
  subjects: readonly number[];
  rowHeightPx: number;
  /** The subject has clips but the picture on the stage has no such face. */
  missing: boolean;
  names: SubjectNames;
  onError(message: string): void;
}

/** One subject's track: its header, its clips, and a drop target for voices and scripts from the library. */
export function TrackRow({ subject, track, subjects, rowHeightPx, missing, names, onError }: TrackRowProps) {
  const selected = useEditor((state) => state.doc.selectedSubject === subject);
  const actions = useEditorActions();
  const { store } = useStudioContext();
  const { dropping, handlers } = useTrackDrop(subject, onError);
  // A clip on the stage shows its own sound on the track of the subject it is dubbed for.
  const referenceFaceId = useEditor((state) => (state.doc.stage.mediaKind === 'video' && dubbedSubject(state.doc.tracks, state.doc.selectedSubject) === subject ? state.doc.stage.faceId : null));

  return (
    <div className={`track${selected ? ' selected' : ''}${missing ? ' missing' : ''}`} data-testid={`track-${subject}`} style={{ height: rowHeightPx }}>
      <button type="button" className="track-header" onClick={() => actions.selectSubject(subject)} aria-pressed={selected} title={missing ? `${subjectName(subject, names)} is not in the picture on the stage` : `${describeSubject(subject, { speaking: Boolean(track?.clips.length), selected, names })}. Click to select.`}>
        <span className="subject-chip">{subject}</span>
        <span className="track-label">
          <span className="track-name" data-testid="track-name">{subjectName(subject, names)}</span>
          {missing ? <span className="track-warning">Not in this picture</span> : <span className="track-rank">{describeSubjectRank(subject)}</span>}
        </span>
      </button>
      <div
        className={`track-lane${dropping ? ' dropping' : ''}`}
        {...handlers}
        onPointerDown={(event) => {
          if (event.target !== event.currentTarget) return;
          actions.selectClip(null);
          actions.selectSubject(subject);
          actions.setPlayhead((event.clientX - event.currentTarget.getBoundingClientRect().left) / store.getState().pxPerSec);
        }}
      >
        {referenceFaceId !== null && <ReferenceLane faceId={referenceFaceId} heightPx={rowHeightPx} />}
        {track?.clips.map((clip) => <ClipView key={clip.id} clip={clip} subjects={subjects} rowHeightPx={rowHeightPx} />)}
        {!track?.clips.length && <span className="lane-hint">Drag a recording or a script here (from the library or your desktop)</span>}
      </div>
    </div>
  );
}
