import { useState } from 'react';
import type { FaceSubjectView, Polygon } from '../../../../electron/contract/types';

interface SubjectOverlayProps {
  width: number;
  height: number;
  subjects: FaceSubjectView[];
  selected: number;
  /** Subjects with at least one clip, drawn as speakers. */
  speaking: ReadonlySet<number>;
  onSelect(subject: number): void;
}

const toPoints = (polygon: Polygon) => polygon.map(([x, y]) => `${x},${y}`).join(' ');

/** Every detected subject outlined and numbered over the picture (in picture pixels); hover shows its mask. */
export function SubjectOverlay({ width, height, subjects, selected, speaking, onSelect }: SubjectOverlayProps) {
  const [hovered, setHovered] = useState<number | null>(null);
  // Strokes and labels keep the same on-screen size whatever the picture's resolution.
  const unit = Math.max(width, height) / 600;
  return (
    <svg className="subject-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="group" aria-label="Subjects in the picture">
      {subjects.map((subject) => {
        const [x, y, w, h] = subject.box;
        const isSelected = subject.index === selected;
        const mask = subject.masks.faceOval.length > 2 ? subject.masks.faceOval : subject.masks.head;
        const label = `Subject ${subject.index}${isSelected ? ', selected' : ''}${speaking.has(subject.index) ? ', speaks' : ''}`;
        return (
          <g
            key={subject.index}
            data-testid={`subject-outline-${subject.index}`}
            className={`subject${isSelected ? ' selected' : ''}${hovered === subject.index ? ' hovered' : ''}`}
            role="button"
            tabIndex={0}
            aria-pressed={isSelected}
            aria-label={label}
            onClick={() => onSelect(subject.index)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                onSelect(subject.index);
              }
            }}
            onPointerEnter={() => setHovered(subject.index)}
            onPointerLeave={() => setHovered((current) => (current === subject.index ? null : current))}
            onFocus={() => setHovered(subject.index)}
            onBlur={() => setHovered(null)}
          >
            <title>{label}</title>
            <rect className="subject-hit" x={x} y={y} width={w} height={h} />
            {mask.length > 2 && <polygon className="subject-mask" points={toPoints(mask)} strokeWidth={1.5 * unit} />}
            <rect className="subject-box" x={x} y={y} width={w} height={h} rx={6 * unit} strokeWidth={(isSelected ? 3 : 1.5) * unit} />
            <g transform={`translate(${x} ${y >= 24 * unit ? y - 22 * unit : y + 2 * unit})`}>
              <rect className="subject-badge" x={0} y={0} width={(isSelected ? 78 : 22) * unit} height={20 * unit} rx={4 * unit} />
              <text className="subject-number" x={7 * unit} y={14.5 * unit} fontSize={13 * unit}>
                {isSelected ? `${subject.index} · Speaker` : subject.index}
              </text>
            </g>
          </g>
        );
      })}
    </svg>
  );
}
