import { useEffect, useRef, useState } from 'react';
import { loadWaveform } from '../../audio/audio-cache';
import { peaksForRange, type WaveformPeaks } from '../../audio/waveform-peaks';

/** Canvases wider than this are stretched by CSS rather than allocated (browsers cap canvas size). */
const MAX_CANVAS_PX = 4096;

/** The loudness of the trimmed part of a recording, drawn as mirrored bars. */
export function Waveform({ url, fromSec, toSec, widthPx, heightPx }: { url: string; fromSec: number; toSec: number; widthPx: number; heightPx: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [waveform, setWaveform] = useState<WaveformPeaks | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    loadWaveform(url).then(
      (peaks) => !cancelled && setWaveform(peaks),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, [url]);

  const ratio = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  const width = Math.max(1, Math.min(MAX_CANVAS_PX, Math.round(widthPx * ratio)));
  const height = Math.max(1, Math.round(heightPx * ratio));

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context || !waveform) return;
    context.clearRect(0, 0, width, height);
    const columns = peaksForRange(waveform, fromSec, toSec, Math.ceil(width / (2 * ratio)));
    const barWidth = width / Math.max(1, columns.length);
    context.fillStyle = getComputedStyle(canvas.current!).color;
    const middle = height / 2;
    columns.forEach((peak, index) => {
      const half = Math.max(ratio * 0.5, peak * middle * 0.92);
      context.fillRect(index * barWidth, middle - half, Math.max(ratio, barWidth - ratio * 0.5), half * 2);
    });
  }, [waveform, fromSec, toSec, width, height, ratio]);

  if (failed) return <span className="waveform-missing">Waveform unavailable</span>;
  return <canvas ref={canvas} className="waveform" width={width} height={height} aria-hidden="true" />;
}
