import { useEffect, useRef, type RefObject } from 'react';
import { useEditor } from '../../store/editor-store';

/**
 * The playhead line over ruler and tracks; keeps itself in view while playing. It moves 30 times a second while
 * playing, so it never reads the scroller's geometry then (a read after the line moved forces a layout): the scroll
 * position is kept from scroll events and the visible width comes from the timeline's ResizeObserver.
 */
export function Playhead({ offsetPx, scroller, visibleWidthPx }: { offsetPx: number; scroller: RefObject<HTMLDivElement | null>; visibleWidthPx: number }) {
  const playheadSec = useEditor((state) => state.playheadSec);
  const pxPerSec = useEditor((state) => state.pxPerSec);
  const playing = useEditor((state) => state.playing);
  const line = useRef<HTMLDivElement>(null);
  const scrollLeftPx = useRef(0);
  const left = offsetPx + playheadSec * pxPerSec;
  const leftNow = useRef(left);
  leftNow.current = left;

  // Scrolled out to the left, the line would run over the sticky track headers: hide it there.
  const hideUnderHeaders = useRef(() => {});
  hideUnderHeaders.current = () => line.current?.classList.toggle('under-headers', leftNow.current < scrollLeftPx.current + offsetPx);

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    scrollLeftPx.current = element.scrollLeft;
    const onScroll = () => {
      scrollLeftPx.current = element.scrollLeft;
      hideUnderHeaders.current();
    };
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, [scroller]);

  useEffect(() => {
    hideUnderHeaders.current();
    const element = scroller.current;
    if (!playing || !element) return;
    const visibleEnd = scrollLeftPx.current + visibleWidthPx;
    if (left > visibleEnd - 40 || left < scrollLeftPx.current + offsetPx) {
      // the scroll event that follows brings the exact (clamped) position
      scrollLeftPx.current = Math.max(0, left - offsetPx - 40);
      element.scrollLeft = scrollLeftPx.current;
    }
  }, [left, playing, scroller, offsetPx, visibleWidthPx]);

  return <div ref={line} className="playhead" style={{ transform: `translateX(${left}px)` }} aria-hidden="true" />;
}
