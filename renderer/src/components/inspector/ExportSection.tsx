import { useState } from 'react';
import { captionStyles, type ExportPreset } from '../../../../electron/contract/project-document';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { SetExportSettingsCommand, setExportSettings } from '../../timeline/commands';
import { describePreset, presetChoiceOf, useExportPresets } from '../batch/use-export-presets';
import { CustomPresetForm } from './CustomPresetForm';
import { FootageSettingsFields, NO_FOOTAGE_SETTINGS } from './FootageSettingsFields';

export const PRESET_LABELS: Record<ExportPreset, string> = {
  reel: 'Reel · 1080×1920',
  square: 'Square · 1080×1080',
  landscape: 'Landscape · 1920×1080',
  source: 'Source size',
};

/** Output format (built-in or custom presets), captions and the visible AI label. */
export function ExportSection() {
  const settings = useEditor((state) => state.doc.export);
  const dubbing = useEditor((state) => state.doc.stage.mediaKind === 'video');
  const { store, studio } = useStudioContext();
  const actions = useEditorActions();
  const { presets, reload } = useExportPresets();
  const [creating, setCreating] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const change = (update: Parameters<typeof setExportSettings>[1]) => actions.execute(setExportSettings(store.getState().doc, update));
  const chosen = settings.customPresetId !== undefined ? `custom:${settings.customPresetId}` : settings.preset;
  const custom = presets.find((preset) => !preset.builtin && preset.id === settings.customPresetId);
  const choose = (value: string) => {
    if (value.startsWith('custom:')) return change({ customPresetId: Number(value.slice('custom:'.length)) });
    const current = store.getState().doc.export;
    const { customPresetId: _dropped, ...builtin } = current;
    actions.execute(new SetExportSettingsCommand(current, { ...builtin, preset: value as ExportPreset }));
  };
  const remove = async () => {
    if (!custom?.id) return;
    const result = await studio.presets.delete({ presetId: custom.id });
    if (!result.ok) return setProblem(result.error.message);
    setProblem(null);
    choose(settings.preset);
    reload();
  };

  return (
    <section className="inspector-section" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <div className="field">
        <label htmlFor="preset-select">Format</label>
        <select id="preset-select" data-testid="preset-select" value={chosen} onChange={(event) => choose(event.target.value)}>
          {presets.length === 0 && <option value={chosen}>{PRESET_LABELS[settings.preset]}</option>}
          {presets.map((preset) => (
            <option key={presetChoiceOf(preset)} value={presetChoiceOf(preset)}>
              {preset.builtin && preset.key ? PRESET_LABELS[preset.key] : `${preset.name} · ${describePreset(preset)}`}
            </option>
          ))}
          {settings.customPresetId !== undefined && presets.length > 0 && !custom && <option value={chosen}>A deleted preset: choose another</option>}
        </select>
      </div>
      {creating ? (
        <CustomPresetForm
          onCancel={() => setCreating(false)}
          onSaved={(preset) => {
            setCreating(false);
            reload();
            if (preset.id) change({ customPresetId: preset.id });
          }}
        />
      ) : (
        <div className="queue-job-actions">
          <button type="button" className="button small" data-testid="preset-new" onClick={() => setCreating(true)}>
            New preset…
          </button>
          {custom && (
            <button type="button" className="button small" data-testid="preset-delete" onClick={() => void remove()}>
              Delete “{custom.name}”
            </button>
          )}
        </div>
      )}
      {problem && <p className="queue-job-error">{problem}</p>}
      <label className="toggle">
        <input type="checkbox" checked={settings.captions.enabled} onChange={(event) => change({ captions: { ...settings.captions, enabled: event.target.checked } })} />
        <span>Burn in captions</span>
      </label>
      <div className="segmented" role="radiogroup" aria-label="Caption style">
        {captionStyles.map((style) => (
          <button
            key={style}
            type="button"
            role="radio"
            aria-checked={settings.captions.style === style}
            disabled={!settings.captions.enabled}
            onClick={() => change({ captions: { ...settings.captions, style } })}
          >
            {style === 'clean' ? 'Clean' : 'Reel'}
          </button>
        ))}
      </div>
      <label className="toggle">
        <input type="checkbox" data-testid="label-toggle" checked={settings.label ?? false} onChange={(event) => change({ label: event.target.checked })} />
        <span>Show an “AI-generated” label</span>
      </label>
      {dubbing && <FootageSettingsFields settings={settings.footage ?? NO_FOOTAGE_SETTINGS} onChange={(footage) => change({ footage })} />}
      <span className="field-hint">
        {custom ? `${custom.name}: ${describePreset(custom)}. ` : ''}
        {settings.preset === 'reel' && !custom ? 'Vertical video for Reels, TikTok and Shorts. ' : ''}
        {settings.captions.enabled ? (settings.captions.style === 'clean' ? 'Captions: plain subtitles at the bottom.' : 'Captions: big bold words, highlighted as they are spoken.') : 'Captions are off.'}
      </span>
    </section>
  );
}
