import type { ExportPreset as BuiltinKey } from '../../contract/project-document';
import type { ExportPresetView } from '../../contract/types';
import { BUILTIN_EXPORT_PRESETS, type ExportPreset } from '../../engine/export/export-presets.js';
import type { LibraryExportPreset, StudioLibrary } from '../engine-facade';
import { StudioFailure } from '../studio-errors';

/** Frame rate of the built-in presets (the platforms' 30 fps). */
export const RENDER_FPS = BUILTIN_EXPORT_PRESETS[0].fps;

function toPresetView(preset: ExportPreset, id: number | null): ExportPresetView {
  return {
    id,
    key: preset.builtin ? (preset.name as BuiltinKey) : null,
    name: preset.builtin ? preset.label : preset.name,
    builtin: preset.builtin,
    width: preset.size?.width ?? null,
    height: preset.size?.height ?? null,
    fps: preset.fps,
    crf: preset.crf,
  };
}

/** The built-in presets as the inspector and the batch builder list them. */
export const BUILTIN_PRESETS: readonly ExportPresetView[] = BUILTIN_EXPORT_PRESETS.map((preset) => toPresetView(preset, null));

/** A stored custom preset as a view; null when its stored settings no longer pass validation. */
export function toCustomPresetView(entry: LibraryExportPreset): ExportPresetView | null {
  return entry.preset ? toPresetView(entry.preset, entry.id) : null;
}

/** Custom presets by name (ones whose settings no longer validate are left out). */
export function listCustomPresets(library: StudioLibrary): ExportPresetView[] {
  return library
    .listExportPresets()
    .flatMap((entry) => toCustomPresetView(entry) ?? [])
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What a render spec carries of a custom preset: its settings copied, so later edits of the preset do not change a queued job. */
export interface ResolvedCustomPreset {
  name: string;
  fps: number;
  /** The preset as saved, flat, with its name (what `parseCustomExportPreset` reads). */
  settings: Record<string, string | number | boolean | null>;
}

/** The custom preset `presetId`, or a NOT_FOUND sentence the user can act on. */
export function resolveCustomPreset(library: StudioLibrary, presetId: number): ResolvedCustomPreset {
  const entry = library.listExportPresets().find((candidate) => candidate.id === presetId);
  if (!entry) throw new StudioFailure('NOT_FOUND', `The custom export preset (id ${presetId}) is no longer in the library; choose another format.`);
  if (!entry.preset) throw new StudioFailure('BAD_INPUT', `The custom export preset "${entry.name}" cannot be used: ${entry.problem ?? 'its settings are not valid'}.`);
  const saved = entry.settings as Record<string, string | number | boolean | null>;
  return { name: entry.name, fps: entry.preset.fps, settings: { ...saved, name: entry.name } };
}
