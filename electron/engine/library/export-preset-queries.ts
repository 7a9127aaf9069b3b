import type { Database } from 'better-sqlite3';
import { InputError } from '../errors.js';
import { parseCustomExportPreset, validateCustomExportPreset } from '../export/export-presets.js';
import type { ExportPresetEntry } from './library-types.js';
import { assertEntryId, createMissingEntryError } from './row-helpers.js';

interface ExportPresetRow {
  id: number;
  name: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

function mapExportPresetRow(row: ExportPresetRow): ExportPresetEntry {
  const settings = JSON.parse(row.settings) as ExportPresetEntry['settings'];
  let preset: ExportPresetEntry['preset'] = null;
  let problem: string | null = null;
  try {
    preset = parseCustomExportPreset({ ...settings, name: row.name });
  } catch (error) {
    // A preset saved under older rules stays listed (the user can fix or delete it), but is not usable.
    if (!(error instanceof InputError)) throw error;
    problem = error.message;
  }
  return { id: row.id, name: row.name, settings, preset, problem, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Every saved export preset, by name. */
export function listExportPresets({ db }: { db: Database }): ExportPresetEntry[] {
  return (db.prepare('SELECT * FROM export_presets ORDER BY name COLLATE NOCASE').all() as ExportPresetRow[]).map(mapExportPresetRow);
}

export function getExportPreset({ db, presetId }: { db: Database; presetId: number }): ExportPresetEntry | null {
  assertEntryId({ kind: 'export preset', id: presetId });
  const row = db.prepare('SELECT * FROM export_presets WHERE id = ?').get(presetId) as ExportPresetRow | undefined;
  return row ? mapExportPresetRow(row) : null;
}

/**
 * Saves a preset under `name`: a new row, or the settings (and the name's spelling) of the preset already called that,
 * ignoring case. Validates first (InputError BAD_ARGUMENT), so nothing invalid is ever stored. Returns the row id.
 */
export function saveExportPreset({ db, name, settings, nowIso }: { db: Database; name: string; settings: unknown; nowIso: string }): number {
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) {
    throw new InputError('BAD_ARGUMENT', 'export preset: settings must be an object.');
  }
  if ('name' in settings) throw new InputError('BAD_ARGUMENT', 'export preset: give the name beside the settings, not inside them.');
  const { name: cleanName, ...cleanSettings } = validateCustomExportPreset({ ...settings, name });
  const id = db
    .prepare(
      `INSERT INTO export_presets (name, settings, created_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET name = excluded.name, settings = excluded.settings, updated_at = excluded.updated_at
       RETURNING id`,
    )
    .pluck()
    .get(cleanName, JSON.stringify(cleanSettings), nowIso, nowIso) as number;
  return id;
}

export function deleteExportPreset({ db, presetId }: { db: Database; presetId: number }): void {
  assertEntryId({ kind: 'export preset', id: presetId });
  const result = db.prepare('DELETE FROM export_presets WHERE id = ?').run(presetId);
  if (result.changes === 0) throw createMissingEntryError({ kind: 'export preset', id: presetId });
}
