import { useEffect, useRef, type RefObject } from 'react';
import { useEditor } from '../../store/editor-store';

/** The playhead line over ruler and tracks; keeps itself in view while playing. */
export function Playhead({ offsetPx, scroller }: { offsetPx: number; scroller: RefObject<HTMLDivElement | null> }) {
  const playheadSec = useEditor((state) => state.playheadSec);
  const pxPerSec = useEditor((state) => state.pxPerSec);
  const playing = useEditor((state) => state.playing);
  const line = useRef<HTMLDivElement>(null);
  const left = offsetPx + playheadSec * pxPerSec;

  useEffect(() => {
    const element = scroller.current;
    if (!playing || !element) return;
    const visibleEnd = element.scrollLeft + element.clientWidth;
    if (left > visibleEnd - 40 || left < element.scrollLeft + offsetPx) element.scrollLeft = left - offsetPx - 40;
  }, [left, playing, scroller, offsetPx]);

  return <div ref={line} className="playhead" style={{ transform: `translateX(${left}px)` }} aria-hidden="true" />;
}
