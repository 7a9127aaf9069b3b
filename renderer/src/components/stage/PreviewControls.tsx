import type { CSSProperties } from 'react';
import { timelineEndSec } from '../../audio/playback-schedule';
import { useEditor, useEditorActions } from '../../store/editor-store';
import { formatTimecode } from '../../timeline/timeline-geometry';

/** Transport: back to start, play/pause, the time, and which keys do the same. */
export function PreviewControls() {
  const playing = useEditor((state) => state.playing);
  const playRate = useEditor((state) => state.playRate);
  const playheadSec = useEditor((state) => state.playheadSec);
  const endSec = useEditor((state) => timelineEndSec(state.doc));
  const actions = useEditorActions();
  return (
    <div className="transport" role="toolbar" aria-label="Playback">
      <button type="button" className="icon-button" onClick={() => actions.setPlayhead(0)} title="Back to start (Home)" aria-label="Back to start">
        <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M3 3h2v10H3zM13 3v10L6 8z" /></svg>
      </button>
      <button
        type="button"
        className="icon-button play"
        data-testid="play"
        onClick={() => actions.setPlaying(!playing)}
        disabled={endSec === 0}
        aria-label={playing ? 'Pause' : 'Play'}
        aria-pressed={playing}
        title={playing ? 'Pause (Space or K)' : 'Play (Space or L)'}
      >
        {playing ? (
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 3h3v10H4zM9 3h3v10H9z" /></svg>
        ) : (
          <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11l9.5-5.5z" /></svg>
        )}
      </button>
      <input
        type="range"
        className="scrubber"
        aria-label="Playhead"
        min={0}
        max={Math.max(endSec, 0.01)}
        step={0.01}
        value={Math.min(playheadSec, endSec)}
        disabled={endSec === 0}
        style={{ '--progress': `${endSec > 0 ? (Math.min(playheadSec, endSec) / endSec) * 100 : 0}%` } as CSSProperties}
        onPointerDown={() => actions.setPlaying(false)}
        onChange={(event) => actions.setPlayhead(Number(event.target.value))}
      />
      <span className="timecode" aria-live="off">
        <span>{formatTimecode(playheadSec)}</span>
        <span className="muted"> / {formatTimecode(endSec)}</span>
      </span>
      <span className="shuttle-rate" aria-live="polite">
        {playing && playRate !== 1 ? `${playRate < 0 ? '◀ ' : ''}${Math.abs(playRate)}×` : ''}
      </span>
      <span className="transport-hint">
        <kbd>J</kbd> <kbd>K</kbd> <kbd>L</kbd> shuttle
      </span>
    </div>
  );
}
