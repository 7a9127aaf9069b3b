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

  // Scrolled out to the left, the line would run over the sticky track headers: hide it there.
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const update = () => line.current?.classList.toggle('under-headers', left < element.scrollLeft + offsetPx);
    update();
    element.addEventListener('scroll', update, { passive: true });
    return () => element.removeEventListener('scroll', update);
  }, [left, scroller, offsetPx]);

  return <div ref={line} className="playhead" style={{ transform: `translateX(${left}px)` }} aria-hidden="true" />;
}
