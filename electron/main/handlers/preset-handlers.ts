import type { StudioHandlers } from '../../contract/studio-api';
import { StudioFailure } from '../studio-errors';
import { BUILTIN_PRESETS, listCustomPresets, toCustomPresetView } from './export-presets';
import type { StudioHandlerDeps } from './handler-deps';

type PresetHandlers = Pick<StudioHandlers, 'presets.list' | 'presets.save' | 'presets.delete'>;

/** Export presets: the built-in formats and the custom ones the user saved in the library. */
export function createPresetHandlers({ engine }: StudioHandlerDeps): PresetHandlers {
  return {
    'presets.list': async () => [...BUILTIN_PRESETS, ...listCustomPresets(await engine.library())],

    // Saving under an existing name (any case) replaces that preset's settings; the library refuses built-in names.
    'presets.save': async ({ name, settings }) => {
      const view = toCustomPresetView((await engine.library()).saveExportPreset({ name, settings }));
      if (!view) throw new StudioFailure('INTERNAL', `The preset "${name}" was saved in a form this version cannot read back.`);
      return view;
    },

    'presets.delete': async ({ presetId }) => {
      const library = await engine.library();
      if (!library.listExportPresets().some((preset) => preset.id === presetId)) throw new StudioFailure('NOT_FOUND', `There is no custom preset with id ${presetId}.`);
      library.deleteExportPreset({ presetId });
      return { ok: true };
    },
  };
}
