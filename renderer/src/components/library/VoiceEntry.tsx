import type { VoiceSummary } from '../../../../electron/contract/types';
import { formatDuration } from '../../library-format';
import { writeLibraryDrag } from '../../timeline/library-drag';
import { LibraryEntry } from './LibraryEntry';

/** A voice recording: drag it onto a subject's track (or press “Add”) to make them say it. */
export function VoiceEntry({ voice, excerpt, onAdd, onError }: { voice: VoiceSummary; excerpt: string | null; onAdd(): void; onError(message: string): void }) {
  const usable = !voice.builtin && voice.mediaUrl !== null;
  return (
    <LibraryEntry
      kind="voice"
      id={voice.id}
      name={voice.name}
      onActivate={usable ? onAdd : undefined}
      activateLabel="Add to the selected subject's track at the playhead"
      onDragStart={usable ? (event) => writeLibraryDrag(event.dataTransfer, { kind: 'voice', id: voice.id }) : undefined}
      thumbnail={<span className="thumb-glyph voice" aria-hidden="true"><svg viewBox="0 0 16 16"><path d="M2 7h1.5v2H2zM5 4.5h1.5v7H5zM8 2h1.5v12H8zM11 5h1.5v6H11zM14 6.5h1v3h-1z" /></svg></span>}
      meta={
        excerpt ? (
          <span className="excerpt">“{excerpt}”</span>
        ) : voice.builtin ? (
          'Built-in voice'
        ) : (
          `${voice.publicDomain ? 'Public domain sample' : 'Recording'} · ${formatDuration(voice.durationSec) || 'length unknown'}`
        )
      }
      onError={onError}
    />
  );
}
