import { captionStyles, exportPresets, type ExportPreset } from '../../../../electron/contract/project-document';
import { useEditor, useEditorActions, useStudioContext } from '../../store/editor-store';
import { setExportSettings } from '../../timeline/commands';

export const PRESET_LABELS: Record<ExportPreset, string> = {
  reel: 'Reel · 1080×1920',
  square: 'Square · 1080×1080',
  landscape: 'Landscape · 1920×1080',
  source: 'Source size',
};

/** Output format and captions. */
export function ExportSection() {
  const settings = useEditor((state) => state.doc.export);
  const { store } = useStudioContext();
  const actions = useEditorActions();
  const change = (update: Parameters<typeof setExportSettings>[1]) => actions.execute(setExportSettings(store.getState().doc, update));

  return (
    <section className="inspector-section" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <div className="field">
        <label htmlFor="preset-select">Format</label>
        <select id="preset-select" data-testid="preset-select" value={settings.preset} onChange={(event) => change({ preset: event.target.value as ExportPreset })}>
          {exportPresets.map((preset) => (
            <option key={preset} value={preset}>
              {PRESET_LABELS[preset]}
            </option>
          ))}
        </select>
      </div>
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
      <span className="field-hint">
        {settings.preset === 'reel' ? 'Vertical video for Reels, TikTok and Shorts. ' : ''}
        {settings.captions.enabled ? (settings.captions.style === 'clean' ? 'Captions: plain subtitles at the bottom.' : 'Captions: big bold words, highlighted as they are spoken.') : 'Captions are off.'}
      </span>
    </section>
  );
}
