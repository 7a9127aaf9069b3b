import { clipLengthSec, type Clip } from '../../../../electron/contract/project-document';
import { useLibraryData } from '../../library/library-context';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { moveClip } from '../../timeline/commands';
import { findClip } from '../../timeline/commands/track-edits';
import { formatTimecode, nearestFreeStart } from '../../timeline/timeline-geometry';
import { Waveform } from './Waveform';
import { useClipGestures } from './use-clip-gestures';

/** The clip's inset from its row (top + bottom) and its label line. */
const CLIP_INSET_PX = 12;
const CLIP_LABEL_PX = 16;
const NUDGE_SEC = 0.1;

interface ClipViewProps {
  clip: Clip;
  subjects: readonly number[];
  rowHeightPx: number;
}

/** One clip on a track: drag to move, drag its edges to trim, arrow keys to nudge. */
export function ClipView({ clip, subjects, rowHeightPx }: ClipViewProps) {
  const pxPerSec = useEditor((state) => state.pxPerSec);
  const selected = useEditor((state) => state.selectedClipId === clip.id);
  const actions = useEditorActions();
  const { store } = useStudioContext();
  const { voiceById, listing } = useLibraryData();
  const { onMovePointerDown, onTrimStartPointerDown, onTrimEndPointerDown, pointerHandlers } = useClipGestures({ clip, subjects, rowHeightPx });

  const lengthSec = clipLengthSec(clip);
  const widthPx = Math.max(6, lengthSec * pxPerSec);
  const voice = clip.kind === 'audio' ? voiceById(clip.voiceId) : null;
  const script = clip.kind === 'script' && clip.scriptId !== undefined ? listing?.scripts.find((item) => item.id === clip.scriptId) : undefined;
  const missing = clip.kind === 'audio' ? !voice : clip.scriptId !== undefined && !script;
  const title = clip.kind === 'audio' ? (voice?.name ?? 'Deleted recording') : (script?.name ?? clip.text ?? 'Script line');
  const detail = clip.kind === 'audio' ? formatTimecode(lengthSec) : `${clip.voice} · ${script?.preview ?? clip.text ?? ''}`;

  const nudge = (deltaSec: number) => {
    const state = store.getState();
    const location = findClip(state.doc, clip.id);
    if (!location) return;
    const others = state.doc.tracks.find((track) => track.subject === location.subject)?.clips.filter((other) => other.id !== clip.id) ?? [];
    const start = nearestFreeStart(others, clip.start + deltaSec, lengthSec);
    if (start !== clip.start) actions.execute(moveClip(state.doc, clip.id, { start, subject: location.subject }));
  };

  return (
    <div
      className={`clip clip-${clip.kind}${selected ? ' selected' : ''}${missing ? ' missing' : ''}`}
      data-testid="clip"
      data-clip-id={clip.id}
      style={{ left: clip.start * pxPerSec, width: widthPx }}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`${clip.kind === 'audio' ? 'Recording' : 'Script line'} “${title}” at ${formatTimecode(clip.start)}, ${formatTimecode(lengthSec)} long`}
      title={`${title} — drag to move, drag the edges (or Q/W at the playhead) to trim, S splits at the playhead, Delete removes`}
      onPointerDown={onMovePointerDown}
      onFocus={() => actions.selectClip(clip.id)}
      onDoubleClick={() => clip.kind === 'script' && requestAnimationFrame(() => document.getElementById('clip-text')?.focus())}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && clip.kind === 'script') {
          event.preventDefault();
          document.getElementById('clip-text')?.focus();
        } else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
          event.preventDefault();
          nudge((event.key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? 1 : NUDGE_SEC));
        }
      }}
      {...pointerHandlers}
    >
      {clip.kind === 'audio' && voice?.mediaUrl && widthPx > 8 && (
        <Waveform url={voice.mediaUrl} fromSec={clip.trimStart} toSec={clip.trimEnd} widthPx={widthPx} heightPx={rowHeightPx - CLIP_INSET_PX - CLIP_LABEL_PX - 4} />
      )}
      <span className="clip-label">
        <span className="clip-title">{title}</span>
        <span className="clip-detail">{detail}</span>
      </span>
      {clip.kind === 'audio' && (
        <>
          <span className="clip-trim clip-trim-start" onPointerDown={onTrimStartPointerDown} aria-hidden="true" title="Drag to trim the start" />
          <span className="clip-trim clip-trim-end" data-testid="clip-trim-end" onPointerDown={onTrimEndPointerDown} aria-hidden="true" title="Drag to trim the end" />
        </>
      )}
    </div>
  );
}
