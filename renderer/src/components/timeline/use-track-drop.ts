import { useState, type DragEvent } from 'react';
import { clipLengthSec, type Clip } from '../../../../electron/contract/project-document';
import { loadAudioBuffer } from '../../audio/audio-cache';
import { useEditorActions, useStudioContext } from '../../store/editor-store';
import { addClip } from '../../timeline/commands';
import { newClipId } from '../../timeline/clip-ids';
import { carriesLibraryEntry, readLibraryDrag } from '../../timeline/library-drag';
import { nearestFreeStart } from '../../timeline/timeline-geometry';
import { useClipFactory } from '../../timeline/use-clip-factory';
import { kindOfDroppedFile } from '../common/file-kind';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * A subject's lane as a drop target: recordings and scripts from the library, and recordings straight from the desktop
 * (imported into the library, then placed where they were dropped). Anything else is refused with the reason.
 */
export function useTrackDrop(subject: number, onError: (message: string) => void) {
  const { store, studio } = useStudioContext();
  const actions = useEditorActions();
  const makeClip = useClipFactory();
  const [dropping, setDropping] = useState(false);
  const accepts = (event: DragEvent) => carriesLibraryEntry(event.dataTransfer) || carriesFiles(event);

  const place = (clip: Clip, atSec: number) => {
    const others = store.getState().doc.tracks.find((item) => item.subject === subject)?.clips ?? [];
    const placed = { ...clip, start: nearestFreeStart(others, atSec, clipLengthSec(clip)) };
    actions.execute(addClip(subject, placed));
    actions.selectSubject(subject);
    actions.selectClip(placed.id);
  };

  const importRecording = async (file: File, atSec: number) => {
    const imported = await studio.importFiles([file]);
    const result = imported.ok ? imported.value.results[0] : undefined;
    if (!imported.ok) throw new Error(imported.error.message);
    if (!result?.ok) throw new Error(result ? result.error.message : `“${file.name}” could not be imported.`);
    if (result.kind !== 'voice') throw new Error(`“${file.name}” is not a recording, so it cannot go on a track.`);
    const listing = await studio.library.list();
    const voice = listing.ok ? listing.value.voices.find((item) => item.id === result.id) : undefined;
    if (!voice?.mediaUrl) throw new Error(`“${file.name}” was imported but cannot be played.`);
    const duration = voice.durationSec && voice.durationSec > 0 ? voice.durationSec : (await loadAudioBuffer(voice.mediaUrl)).duration;
    place({ id: newClipId(), start: atSec, kind: 'audio', voiceId: voice.id, trimStart: 0, trimEnd: duration, duration }, atSec);
  };

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    setDropping(false);
    if (!accepts(event)) return;
    event.preventDefault();
    const atSec = Math.max(0, (event.clientX - event.currentTarget.getBoundingClientRect().left) / store.getState().pxPerSec);
    const files = Array.from(event.dataTransfer.files);
    const entry = readLibraryDrag(event.dataTransfer);
    try {
      if (files.length > 0) {
        const refused = files.find((file) => kindOfDroppedFile(file) !== 'recording');
        if (refused) {
          const where = kindOfDroppedFile(refused) === 'picture' ? ' Photos and videos go on the stage.' : kindOfDroppedFile(refused) === 'text' ? ' Scripts go in the library first; then drag them here.' : '';
          throw new Error(`“${refused.name}” is not a recording: a track takes sound files (WAV, MP3, M4A, OGG).${where}`);
        }
        for (const file of files) await importRecording(file, atSec);
      } else if (entry?.kind === 'face') {
        throw new Error('A face goes on the stage, not on a track: drag it onto the picture above.');
      } else if (entry) {
        place(await makeClip({ kind: entry.kind, id: entry.id }, atSec), atSec);
      }
    } catch (error) {
      onError(error instanceof Error ? error.message : String(error));
    }
  };

  return {
    dropping,
    handlers: {
      onDragEnter: (event: DragEvent<HTMLDivElement>) => accepts(event) && (event.preventDefault(), setDropping(true)),
      onDragOver: (event: DragEvent<HTMLDivElement>) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      },
      onDragLeave: (event: DragEvent<HTMLDivElement>) => !event.currentTarget.contains(event.relatedTarget as Node | null) && setDropping(false),
      onDrop: (event: DragEvent<HTMLDivElement>) => void onDrop(event),
    },
  };
}
