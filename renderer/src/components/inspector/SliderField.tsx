import { useId, useRef } from 'react';

interface SliderFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  format(value: number): string;
  hint?: string;
  /** `gesture` is the same for every change of one drag or key press run, so the edits merge into one undo step. */
  onChange(value: number, gesture: string): void;
}

let gestureCounter = 0;

/** A labelled range input with its value shown; one undo step per drag. */
export function SliderField({ label, value, min, max, step, format, hint, onChange }: SliderFieldProps) {
  const id = useId();
  const gesture = useRef(`slider-${++gestureCounter}`);
  const endGesture = () => {
    gesture.current = `slider-${++gestureCounter}`;
  };
  return (
    <div className="field slider-field">
      <label htmlFor={id}>
        <span>{label}</span>
        <output htmlFor={id}>{format(value)}</output>
      </label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onChange(Number(event.target.value), gesture.current)}
        onPointerUp={endGesture}
        onKeyUp={endGesture}
        onBlur={endGesture}
      />
      {hint && <span className="field-hint">{hint}</span>}
    </div>
  );
}
