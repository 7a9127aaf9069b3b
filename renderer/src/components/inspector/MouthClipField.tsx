import { useRef, useState, type DragEvent } from 'react';
import type { FaceSummary } from '../../../../electron/contract/types';
import { useLibraryData } from '../../library/library-context';
import { useStudioApi } from '../../store/editor-store';
import { carriesLibraryEntry, readLibraryDrag } from '../../timeline/library-drag';

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * "Mouth from clip": a photo's personal mouth, a few seconds of video of the same person talking whose own lips, teeth
 * and tongue the exports, batches and preview of this photo show. Pick a video from the library, or drop (or choose)
 * a clip file, which is imported first; a clip that cannot serve is refused in one line by main.
 */
export function MouthClipField({ face }: { face: FaceSummary }) {
  const studio = useStudioApi();
  const { listing } = useLibraryData();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [dropping, setDropping] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const videos = (listing?.faces ?? []).filter((entry) => entry.kind === 'video');
  const attached = videos.find((entry) => entry.id === face.mouthClipId) ?? null;

  const attach = async (clipId: number | null) => {
    setError(null);
    const result = await studio.face.setMouthClip({ faceId: face.id, clipId });
    if (!result.ok) setError(result.error.message);
  };

  const attachFile = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const imported = await studio.importFiles([file]);
      if (!imported.ok) return setError(imported.error.message);
      const result = imported.value.results[0];
      if (!result?.ok) return setError(result ? result.error.message : `“${file.name}” could not be imported.`);
      if (result.kind !== 'face') return setError(`“${file.name}” is not a video: the mouth comes from a clip of the person talking.`);
      await attach(result.id);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    setDropping(false);
    if (!carriesFiles(event) && !carriesLibraryEntry(event.dataTransfer)) return;
    event.preventDefault();
    event.stopPropagation();
    const file = event.dataTransfer.files[0];
    if (file) return void attachFile(file);
    const entry = readLibraryDrag(event.dataTransfer);
    if (entry?.kind === 'face') void attach(entry.id);
    else setError('Drop a video of the same person talking here.');
  };

  return (
    <div
      className={`field mouth-clip${dropping ? ' dropping' : ''}`}
      data-testid="mouth-clip"
      onDragOver={(event) => {
        if (!carriesFiles(event) && !carriesLibraryEntry(event.dataTransfer)) return;
        event.preventDefault();
        event.stopPropagation();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <label htmlFor="mouth-clip-select">Mouth from clip</label>
      <select id="mouth-clip-select" data-testid="mouth-clip-select" value={attached?.id ?? ''} disabled={busy} onChange={(event) => void attach(event.target.value === '' ? null : Number(event.target.value))}>
        <option value="">None: a drawn mouth</option>
        {videos.map((video) => (
          <option key={video.id} value={video.id}>
            {video.name}
          </option>
        ))}
      </select>
      <div className="mouth-clip-actions">
        <button type="button" data-testid="mouth-clip-choose" disabled={busy} onClick={() => input.current?.click()}>
          {busy ? 'Reading the clip…' : 'Choose a clip…'}
        </button>
        {attached && (
          <button type="button" data-testid="mouth-clip-clear" disabled={busy} onClick={() => void attach(null)}>
            Clear
          </button>
        )}
      </div>
      <input
        ref={input}
        data-testid="mouth-clip-input"
        className="visually-hidden"
        type="file"
        accept="video/*"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void attachFile(file);
        }}
      />
      <span className="field-hint" data-testid="mouth-clip-status">
        {attached
          ? `Lips, teeth and tongue come from “${attached.name}”.`
          : 'Drop or choose a few seconds of video of this person talking to the camera: their own lips, teeth and tongue replace the drawn ones.'}
      </span>
      {error && (
        <p className="queue-job-error" role="alert" data-testid="mouth-clip-error">
          {error}
        </p>
      )}
    </div>
  );
}
