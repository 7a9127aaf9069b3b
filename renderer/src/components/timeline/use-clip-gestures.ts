import { useRef, type PointerEvent } from 'react';
import { clipEndSec, clipLengthSec, type Clip } from '../../../../electron/contract/project-document';
import { useEditorActions, useStudioContext } from '../../store/editor-store';
import { moveClip, trimClip } from '../../timeline/commands';
import { findClip } from '../../timeline/commands/track-edits';
import { nearestFreeStart, snapCandidates, snapTime } from '../../timeline/timeline-geometry';

/** Pointer travel before a press on a clip becomes a drag (below it, it is a click that selects). */
const DRAG_THRESHOLD_PX = 3;
const SNAP_PX = 8;

let gestureCounter = 0;

interface Gesture {
  key: string;
  kind: 'move' | 'trim-start' | 'trim-end';
  pointerX: number;
  pointerY: number;
  clipStart: number;
  edgeSec: number;
  subjectRow: number;
  moved: boolean;
}

/**
 * Moving a clip (horizontally in time, vertically to another subject's track) and trimming its edges with the
 * pointer. Each gesture is applied live as commands sharing one merge key, so the whole drag is one undo step.
 */
export function useClipGestures({ clip, subjects, rowHeightPx }: { clip: Clip; subjects: readonly number[]; rowHeightPx: number }) {
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const gesture = useRef<Gesture | null>(null);

  const begin = (kind: Gesture['kind']) => (event: PointerEvent<HTMLElement>) => {
    if (event.button !== 0) return;
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    const location = findClip(store.getState().doc, clip.id);
    gesture.current = {
      key: `${kind}-${clip.id}-${++gestureCounter}`,
      kind,
      pointerX: event.clientX,
      pointerY: event.clientY,
      clipStart: clip.start,
      edgeSec: kind === 'trim-start' ? clip.start : clipEndSec(clip),
      subjectRow: Math.max(0, subjects.indexOf(location?.subject ?? 0)),
      moved: false,
    };
    actions.selectClip(clip.id);
    if (location) actions.selectSubject(location.subject);
  };

  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const current = gesture.current;
    if (!current) return;
    const dx = event.clientX - current.pointerX;
    const dy = event.clientY - current.pointerY;
    if (!current.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    current.moved = true;
    const state = store.getState();
    const location = findClip(state.doc, clip.id);
    if (!location) return;
    const pxPerSec = state.pxPerSec;
    const trackClips = state.doc.tracks.find((track) => track.subject === location.subject)?.clips ?? [];
    if (current.kind === 'move') {
      const row = Math.min(subjects.length - 1, Math.max(0, current.subjectRow + Math.round(dy / rowHeightPx)));
      const subject = subjects[row] ?? location.subject;
      const others = (state.doc.tracks.find((track) => track.subject === subject)?.clips ?? []).filter((other) => other.id !== clip.id);
      const length = clipLengthSec(location.clip);
      const candidates = [...snapCandidates(others, null), state.playheadSec];
      let start = snapTime(current.clipStart + dx / pxPerSec, candidates, SNAP_PX / pxPerSec);
      const snappedEnd = snapTime(start + length, candidates, SNAP_PX / pxPerSec);
      if (snappedEnd !== start + length) start = snappedEnd - length;
      start = nearestFreeStart(others, start, length);
      if (start !== location.clip.start || subject !== location.subject) actions.execute(moveClip(state.doc, clip.id, { start, subject }, current.key));
      return;
    }
    const others = trackClips.filter((other) => other.id !== clip.id);
    let edge = snapTime(current.edgeSec + dx / pxPerSec, [...snapCandidates(others, null), state.playheadSec], SNAP_PX / pxPerSec);
    if (current.kind === 'trim-end') {
      const next = others.filter((other) => other.start >= location.clip.start).reduce((limit, other) => Math.min(limit, other.start), Infinity);
      edge = Math.min(edge, next);
    } else {
      const previous = others.filter((other) => other.start < location.clip.start).reduce((limit, other) => Math.max(limit, clipEndSec(other)), 0);
      edge = Math.max(edge, previous);
    }
    actions.execute(trimClip(state.doc, clip.id, current.kind === 'trim-end' ? 'end' : 'start', edge, current.key));
  };

  const end = () => {
    gesture.current = null;
  };

  return {
    onMovePointerDown: begin('move'),
    onTrimStartPointerDown: begin('trim-start'),
    onTrimEndPointerDown: begin('trim-end'),
    pointerHandlers: { onPointerMove, onPointerUp: end, onPointerCancel: end },
  };
}
