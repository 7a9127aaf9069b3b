import { useState } from 'react';
import type { ExportPresetView } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/** Saves a custom export preset: a name (it goes into file names), a size, a frame rate and a quality. */
export function CustomPresetForm({ onSaved, onCancel }: { onSaved(preset: ExportPresetView): void; onCancel(): void }) {
  const studio = useStudioApi();
  const [name, setName] = useState('');
  const [width, setWidth] = useState(720);
  const [height, setHeight] = useState(1280);
  const [fps, setFps] = useState(30);
  const [crf, setCrf] = useState(20);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    const result = await studio.presets.save({ name, settings: { width, height, fps, crf } });
    if (!result.ok) return setError(result.error.message);
    onSaved(result.value);
  };
  const numberField = (id: string, label: string, value: number, set: (value: number) => void, min: number, max: number, step = 1) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} data-testid={id} type="number" min={min} max={max} step={step} value={value} onChange={(event) => set(Number(event.target.value))} />
    </div>
  );

  return (
    <div className="custom-preset-form" data-testid="custom-preset-form">
      <div className="field">
        <label htmlFor="preset-name">Preset name</label>
        <input id="preset-name" data-testid="preset-name" value={name} maxLength={40} placeholder="Story720" onChange={(event) => setName(event.target.value)} />
      </div>
      <div className="custom-preset-grid">
        {numberField('preset-width', 'Width', width, setWidth, 144, 4096, 2)}
        {numberField('preset-height', 'Height', height, setHeight, 144, 4096, 2)}
        {numberField('preset-fps', 'Frames/s', fps, setFps, 1, 60)}
        {numberField('preset-crf', 'Quality (CRF)', crf, setCrf, 14, 35)}
      </div>
      <span className="field-hint">Quality: 14 is best and largest, 35 smallest; 20 is what the built-in formats use.</span>
      {error && <p className="queue-job-error" role="alert">{error}</p>}
      <div className="queue-job-actions">
        <button type="button" className="button small primary" data-testid="preset-save" disabled={name.trim() === ''} onClick={() => void save()}>
          Save preset
        </button>
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
