import { useEffect, useRef, useState } from 'react';
import type { FaceSoundView } from '../../../../electron/contract/types';
import { useEditor, useStudioApi } from '../../store/editor-store';

/** Canvases wider than this are stretched by CSS rather than allocated (browsers cap canvas size). */
const MAX_CANVAS_PX = 4096;

/** The subject a clip on the stage is dubbed for: the one with lines, else the one selected. */
export function dubbedSubject(tracks: readonly { subject: number; clips: readonly unknown[] }[], selectedSubject: number): number {
  return tracks.find((track) => track.clips.length > 0)?.subject ?? selectedSubject;
}

/**
 * The clip's own sound, drawn faintly along the dubbed subject's track from the clip's start, so new lines can be
 * placed against what the person originally said. The engine reads the sound (the page cannot decode every clip).
 */
export function ReferenceLane({ faceId, heightPx }: { faceId: number; heightPx: number }) {
  const studio = useStudioApi();
  const pxPerSec = useEditor((state) => state.pxPerSec);
  const [sound, setSound] = useState<FaceSoundView | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    void studio.face.getSound({ faceId }).then((result) => !cancelled && setSound(result.ok ? result.value : null));
    return () => {
      cancelled = true;
    };
  }, [studio, faceId]);

  const widthPx = sound ? (sound.peaks.length / sound.peaksPerSec) * pxPerSec : 0;
  const width = Math.max(1, Math.min(MAX_CANVAS_PX, Math.round(widthPx)));
  const height = Math.max(1, Math.round(heightPx));

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || !sound) return;
    context.clearRect(0, 0, width, height);
    context.fillStyle = getComputedStyle(canvas.current!).color;
    const middle = height / 2;
    for (let x = 0; x < width; x += 2) {
      const from = Math.floor((x / width) * sound.peaks.length);
      const to = Math.max(from + 1, Math.floor(((x + 2) / width) * sound.peaks.length));
      const peak = Math.max(...sound.peaks.slice(from, to));
      const half = Math.max(0.5, peak * middle * 0.9);
      context.fillRect(x, middle - half, 1.5, half * 2);
    }
  }, [sound, width, height]);

  if (!sound || sound.peaks.length === 0) return null;
  return (
    <div className="reference-lane" data-testid="reference-lane" style={{ width: widthPx }} title="The clip’s own sound, for reference: the new voice replaces it">
      <canvas ref={canvas} width={width} height={height} aria-hidden="true" />
      <span className="reference-lane-label">Clip’s own sound</span>
    </div>
  );
}
