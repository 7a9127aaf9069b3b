import { useState, type DragEvent } from 'react';

interface DropZoneProps {
  /** Once the library holds something, the zone shrinks to a bar above it. */
  compact: boolean;
  busy: boolean;
  getPathForFile(file: File): string;
  onPaths(paths: string[]): void;
  onChoose(): void;
}

/** Where the first step happens: drop (or choose) the photo of the person who will speak. */
export function DropZone({ compact, busy, getPathForFile, onPaths, onChoose }: DropZoneProps) {
  const [dragging, setDragging] = useState(false);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const paths = Array.from(event.dataTransfer.files, getPathForFile).filter((path) => path !== '');
    if (paths.length > 0) onPaths(paths);
  };

  const chooseButton = (
    <button type="button" className="button" onClick={onChoose} disabled={busy}>
      Choose files…
    </button>
  );

  return (
    <section
      className={`panel drop-zone${compact ? ' compact' : ''}${dragging ? ' dragging' : ''}`}
      aria-label="Import into the library"
      onDragEnter={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragOver={(event) => event.preventDefault()}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      {compact ? (
        <p>
          Drop photos, videos, voice recordings or scripts here to add them, or {chooseButton}
        </p>
      ) : (
        <>
          <h2>Drop a photo here</h2>
          <p className="lead">
            Start with a clear, front-facing photo of the person who will speak, or a short video of them. Then add what they
            should say: a voice recording or a text script.
          </p>
          {chooseButton}
          <p className="hint">
            Photos (JPG, PNG, WebP), videos (MP4, MOV, WebM), recordings (WAV, MP3, M4A) and scripts (TXT). Everything stays on
            this computer. Only animate people who have agreed to it.
          </p>
        </>
      )}
    </section>
  );
}
