import type { CaptionStyle } from '../../../../electron/contract/project-document';
import type { Framing } from '../../../../electron/engine/render/framing';
import { captionPlacement } from './export-frame';

interface ExportFrameOverlayProps {
  width: number;
  height: number;
  framing: Framing;
  label: string;
  /** Whom the shot frames when the framing follows the speakers (absent with one crop throughout). */
  shotSubject?: number;
  /** The caption the export would show now, in its style; null when captions are off or nobody speaks. */
  caption: { text: string; style: CaptionStyle } | null;
}

/** The export's frame on the stage: what falls outside is dimmed, and the captions are drawn where they will be burnt. */
export function ExportFrameOverlay({ width, height, framing, label, caption, shotSubject }: ExportFrameOverlayProps) {
  const { crop } = framing;
  const place = caption ? captionPlacement(framing, caption.style) : null;
  const outside = `M0 0H${width}V${height}H0Z M${crop.x} ${crop.y}V${crop.y + crop.height}H${crop.x + crop.width}V${crop.y}Z`;
  return (
    <svg className="export-frame-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" data-testid="export-frame">
      <path d={outside} fillRule="evenodd" className="export-frame-dim" data-testid="export-frame-dim" />
      <rect x={crop.x} y={crop.y} width={crop.width} height={crop.height} className="export-frame-border" data-testid="export-frame-rect" data-shot-subject={shotSubject} vectorEffect="non-scaling-stroke" />
      <text x={crop.x + crop.width / 2} y={crop.y} dy="-0.4em" className="export-frame-label" fontSize={Math.max(12, crop.height * 0.03)} textAnchor="middle">
        {shotSubject === undefined ? label : `${label} · follows the speaker`}
      </text>
      {caption && place && (
        <foreignObject x={place.centerX - place.maxWidth / 2} y={place.centerY - place.fontPx * 1.6} width={place.maxWidth} height={place.fontPx * 3.2}>
          <div className={`caption-preview caption-${caption.style}`} data-testid="caption-preview" style={{ fontSize: place.fontPx }}>
            <span>{caption.text}</span>
          </div>
        </foreignObject>
      )}
    </svg>
  );
}
