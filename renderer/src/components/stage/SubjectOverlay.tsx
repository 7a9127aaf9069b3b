import { useState } from 'react';
import type { FaceSubjectView, Polygon } from '../../../../electron/contract/types';
import { describeSubject, describeSubjectRank, type SubjectNames } from '../../subject-label';

interface SubjectOverlayProps {
  width: number;
  height: number;
  /** On-screen width of the picture, so outlines and labels keep one size whatever the picture's resolution. */
  displayWidth: number;
  subjects: FaceSubjectView[];
  selected: number;
  /** Subjects with at least one clip, drawn as speakers. */
  speaking: ReadonlySet<number>;
  /** Subjects with a clip under the playhead, marked while they talk. */
  talking: ReadonlySet<number>;
  /** Names the user gave subjects; a named subject's badge says its name. */
  names: SubjectNames;
  onSelect(subject: number): void;
}

const toPoints = (polygon: Polygon) => polygon.map(([x, y]) => `${x},${y}`).join(' ');

/** Every detected subject outlined and numbered over the picture (in picture pixels); hover shows its mask. */
export function SubjectOverlay({ width, height, displayWidth, subjects, selected, speaking, talking, names, onSelect }: SubjectOverlayProps) {
  const [hovered, setHovered] = useState<number | null>(null);
  // One screen pixel in picture pixels.
  const unit = displayWidth > 0 ? width / displayWidth : 1;
  return (
    <svg className="subject-overlay" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="group" aria-label="Subjects in the picture">
      {subjects.map((subject) => {
        const [x, y, w, h] = subject.box;
        const isSelected = subject.index === selected;
        const mask = subject.masks.faceOval.length > 2 ? subject.masks.faceOval : subject.masks.head;
        const isSpeaker = speaking.has(subject.index);
        const isHovered = hovered === subject.index;
        // The badge says who speaks; hovering also says which face it is (0 = the largest).
        const name = names?.[String(subject.index)];
        const badgeText = [name ? `${subject.index} ${name}` : String(subject.index), isHovered ? describeSubjectRank(subject.index) : '', isSpeaker ? 'Speaker' : ''].filter(Boolean).join(' · ');
        const label = describeSubject(subject.index, { selected: isSelected, speaking: isSpeaker, names });
        return (
          <g
            key={subject.index}
            data-testid={`subject-outline-${subject.index}`}
            className={`subject${isSelected ? ' selected' : ''}${isSpeaker ? ' speaker' : ''}${isHovered ? ' hovered' : ''}${talking.has(subject.index) ? ' talking' : ''}`}
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
            <title>{`${label}. Click to select.`}</title>
            <rect className="subject-hit" x={x} y={y} width={w} height={h} />
            {mask.length > 2 && <polygon className="subject-mask" points={toPoints(mask)} strokeWidth={2} />}
            <rect className="subject-box" x={x} y={y} width={w} height={h} rx={6 * unit} strokeWidth={(isSelected ? 3 : 1.5) * unit} />
            <g transform={`translate(${x} ${y >= 24 * unit ? y - 22 * unit : y + 2 * unit})`}>
              <rect className="subject-badge" x={0} y={0} width={(badgeText.length * 7 + 12) * unit} height={20 * unit} rx={4 * unit} />
              <text className="subject-number" x={6 * unit} y={14.5 * unit} fontSize={12 * unit}>
                {badgeText}
              </text>
            </g>
          </g>
        );
      })}
    </svg>
  );
}
