import { useCallback, useEffect, useState } from 'react';
import type { ExportPresetView } from '../../../../electron/contract/types';
import { useStudioApi } from '../../store/editor-store';

/** `reel`, `square`, … for a built-in preset, `custom:<id>` for a saved one: one value for a <select>. */
export function presetChoiceOf(preset: ExportPresetView): string {
  return preset.builtin ? (preset.key ?? 'reel') : `custom:${preset.id}`;
}

/** "720×1280 · 25 fps · CRF 23" */
export function describePreset(preset: ExportPresetView): string {
  const size = preset.width && preset.height ? `${preset.width}×${preset.height}` : 'picture size';
  return `${size} · ${preset.fps} fps${preset.crf !== null && !preset.builtin ? ` · quality ${preset.crf}` : ''}`;
}

/** The export presets (built-in first, then the user's), reloaded after a save or a delete. */
export function useExportPresets() {
  const studio = useStudioApi();
  const [presets, setPresets] = useState<ExportPresetView[]>([]);
  const reload = useCallback(() => {
    void studio.presets.list().then((result) => result.ok && setPresets(result.value));
  }, [studio]);
  useEffect(reload, [reload]);
  return { presets, reload };
}
