import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { timelineEndSec } from '../../audio/playback-schedule';
import { useLibraryData } from '../../library/library-context';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { ErrorMessage } from '../common/ErrorMessage';
import { useElementSize } from '../stage/use-element-size';
import { Playhead } from './Playhead';
import { TimelineRuler } from './TimelineRuler';
import { TimelineToolbar } from './TimelineToolbar';
import { TrackRow } from './TrackRow';
import { trackRowHeight } from '../../timeline/timeline-geometry';

const HEADER_WIDTH_PX = 148;
/** Room after the last clip to drop the next one. */
const TAIL_SEC = 20;

/** One track per subject in the picture (plus any subject that has clips), ruler, playhead. */
export function Timeline() {
  const faceId = useEditor((state) => state.doc.stage.faceId);
  const tracks = useEditor((state) => state.doc.tracks);
  const endSec = useEditor((state) => timelineEndSec(state.doc));
  const pxPerSec = useEditor((state) => state.pxPerSec);
  const { faceById } = useLibraryData();
  const scroller = useRef<HTMLDivElement>(null);
  const scrollerSize = useElementSize(scroller);
  const [error, setError] = useState<string | null>(null);
  const onError = useCallback((message: string) => setError(message), []);
  const actions = useEditorActions();
  const { store } = useStudioContext();

  // Zooming keeps the playhead where it was on screen, instead of throwing the view somewhere else.
  const previousPxPerSec = useRef(pxPerSec);
  useLayoutEffect(() => {
    const element = scroller.current;
    const before = previousPxPerSec.current;
    previousPxPerSec.current = pxPerSec;
    if (!element || before === pxPerSec) return;
    const playheadSec = store.getState().playheadSec;
    element.scrollLeft = Math.max(0, playheadSec * pxPerSec - (playheadSec * before - element.scrollLeft));
  }, [pxPerSec, store]);

  // Ctrl/⌘ + wheel zooms the timeline (a native listener: React's wheel handlers cannot stop the page zoom).
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (!event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      actions.zoom(event.deltaY < 0 ? 1.1 : 1 / 1.1);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [actions]);

  // Until the face is analysed, assume one subject so work can start; a photo without faces gets no tracks.
  const subjectCount = faceId === null ? 0 : (faceById(faceId)?.subjectCount ?? 1);
  const subjects = [...new Set([...Array.from({ length: subjectCount }, (_, index) => index), ...tracks.map((track) => track.subject)])].sort((a, b) => a - b);
  const visibleWidth = scrollerSize.width || 1200;
  // Few tracks share the height there is, so the panel is not half empty; many tracks keep a compact row and scroll.
  const rowHeightPx = trackRowHeight(scrollerSize.height, subjects.length);
  const lengthSec = Math.max(endSec + TAIL_SEC, (visibleWidth - HEADER_WIDTH_PX) / pxPerSec);

  return (
    <section className="timeline" data-testid="timeline" aria-label="Timeline">
      <TimelineToolbar disabled={subjects.length === 0} />
      {error && (
        <div className="timeline-error">
          <ErrorMessage
            title="That could not go on the timeline"
            actions={
              <button type="button" className="button small" onClick={() => setError(null)}>
                Dismiss
              </button>
            }
          >
            {error}
          </ErrorMessage>
        </div>
      )}
      <div className="timeline-scroll" ref={scroller}>
        <div className="timeline-content" style={{ width: HEADER_WIDTH_PX + lengthSec * pxPerSec }}>
          <TimelineRuler lengthSec={lengthSec} />
          {subjects.map((subject) => (
            <TrackRow key={subject} subject={subject} track={tracks.find((track) => track.subject === subject)} subjects={subjects} rowHeightPx={rowHeightPx} missing={subject >= subjectCount} names={faceById(faceId)?.subjectNames} onError={onError} />
          ))}
          {subjects.length > 0 && (
            <p className="timeline-hint" style={{ width: visibleWidth }}>
              {tracks.some((track) => track.clips.length > 0)
                ? 'Drag clips to move them, their edges to trim · S splits at the playhead · Ctrl + wheel zooms'
                : 'Drop a voice or a script from the library on a subject’s track to make that person speak'}
            </p>
          )}
          {subjects.length === 0 && (
            <p className="timeline-empty">
              {faceId === null ? 'Put a face on the stage first: each person in the picture gets a track here.' : 'No one to give a voice to: this picture has no face Mouthpiece could find.'}
            </p>
          )}
          <Playhead offsetPx={HEADER_WIDTH_PX} scroller={scroller} visibleWidthPx={visibleWidth} />
        </div>
      </div>
    </section>
  );
}

