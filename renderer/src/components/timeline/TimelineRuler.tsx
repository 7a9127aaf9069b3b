import type { PointerEvent } from 'react';
import { useEditor, useEditorActions } from '../../store/editor-store';
import { formatTimecode, rulerStepSec } from '../../timeline/timeline-geometry';

/** Time ruler; press and drag on it to scrub the playhead. */
export function TimelineRuler({ lengthSec }: { lengthSec: number }) {
  const pxPerSec = useEditor((state) => state.pxPerSec);
  const actions = useEditorActions();
  const step = rulerStepSec(pxPerSec);
  const ticks = Array.from({ length: Math.floor(lengthSec / step) + 1 }, (_, index) => index * step);

  const scrub = (event: PointerEvent<HTMLDivElement>) => {
    actions.setPlayhead((event.clientX - event.currentTarget.getBoundingClientRect().left) / pxPerSec);
  };

  return (
    <div className="ruler" aria-hidden="true">
      <div className="ruler-corner" />
      <div
        className="ruler-scale"
        style={{ width: lengthSec * pxPerSec, backgroundSize: `${(step * pxPerSec) / 5}px 100%` }}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          actions.setPlaying(false);
          scrub(event);
        }}
        onPointerMove={(event) => event.currentTarget.hasPointerCapture(event.pointerId) && scrub(event)}
      >
        {ticks.map((seconds) => (
          <span key={seconds} className="ruler-tick" style={{ left: seconds * pxPerSec }}>
            {formatTimecode(seconds).replace(/\.00$/, '')}
          </span>
        ))}
      </div>
    </div>
  );
}
