interface PickerOption {
  id: number;
  label: string;
  note: string | null;
}

interface BatchPickerProps {
  title: string;
  /** Checkboxes when several may be picked, radio buttons when one. */
  multiple: boolean;
  options: PickerOption[];
  selected: number[];
  onChange(ids: number[]): void;
  testId: string;
}

/** A list of library entries to pick from (faces or scripts). */
export function BatchPicker({ title, multiple, options, selected, onChange, testId }: BatchPickerProps) {
  const toggle = (id: number, checked: boolean) => {
    if (!multiple) return onChange([id]);
    onChange(checked ? [...selected, id] : selected.filter((item) => item !== id));
  };
  return (
    <fieldset className="batch-picker" data-testid={testId}>
      <legend>
        {title}
        {multiple && selected.length > 0 ? ` · ${selected.length} picked` : ''}
      </legend>
      {options.length === 0 ? (
        <p className="quiet-empty">Nothing in the library yet.</p>
      ) : (
        options.map((option) => (
          <label key={option.id} className="batch-option">
            <input type={multiple ? 'checkbox' : 'radio'} name={testId} checked={selected.includes(option.id)} onChange={(event) => toggle(option.id, event.target.checked)} />
            <span className="batch-option-label">{option.label}</span>
            {option.note && <span className={`batch-option-note${option.note === 'no consent' ? ' warn' : ''}`}>{option.note}</span>}
          </label>
        ))
      )}
    </fieldset>
  );
}
