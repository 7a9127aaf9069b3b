import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveExportPreset } from '../export/export-presets.js';
import { openLibrary, type Library } from './library.js';
import { createTempDir } from './test-support/temp-library.js';

describe('export presets in the library (real SQLite file)', () => {
  let temp: ReturnType<typeof createTempDir>;
  let library: Library;
  beforeEach(() => {
    temp = createTempDir();
    library = openLibrary({ libraryDir: temp.dir });
  });
  afterEach(() => {
    library.close();
    temp.remove();
  });

  it('saves a preset, fills its defaults, and keeps it across a reopen', () => {
    const saved = library.saveExportPreset({ name: ' story45 ', settings: { width: 1080, height: 1350, fps: 30, label: 'Instagram 4:5' } });
    expect(saved).toMatchObject({ name: 'story45', settings: { width: 1080, height: 1350, fps: 30, label: 'Instagram 4:5' }, problem: null });
    expect(saved.preset).toMatchObject({ name: 'story45', label: 'Instagram 4:5', builtin: false, size: { width: 1080, height: 1350 }, framing: 'square', crf: 20 });
    library.close();
    library = openLibrary({ libraryDir: temp.dir });
    const listed = library.listExportPresets();
    expect(listed).toEqual([saved]);
    const custom = listed.flatMap((entry) => (entry.preset ? [entry.preset] : []));
    expect(resolveExportPreset('STORY45', custom).size).toEqual({ width: 1080, height: 1350 });
  });

  it('updates the preset with the same name, ignoring case, instead of adding one', () => {
    const first = library.saveExportPreset({ name: 'wide', settings: { width: 1280, height: 720, fps: 30 } });
    const second = library.saveExportPreset({ name: 'WIDE', settings: { width: 2560, height: 1440, fps: 60, crf: 18 } });
    expect(second.id).toBe(first.id);
    expect(second).toMatchObject({ name: 'WIDE', settings: { width: 2560, height: 1440, fps: 60, crf: 18 }, createdAt: first.createdAt });
    expect(second.preset).toMatchObject({ framing: 'landscape', fps: 60, crf: 18 });
    library.saveExportPreset({ name: 'alpha', settings: { width: 720, height: 1280, fps: 25 } });
    expect(library.listExportPresets().map((entry) => entry.name)).toEqual(['alpha', 'WIDE']);
  });

  it('refuses invalid settings and built-in names, storing nothing', () => {
    expect(() => library.saveExportPreset({ name: 'reel', settings: { width: 1080, height: 1920, fps: 30 } })).toThrow(/cannot be a built-in one/);
    expect(() => library.saveExportPreset({ name: 'odd', settings: { width: 1081, height: 1920, fps: 30 } })).toThrow(/width must be even/);
    expect(() => library.saveExportPreset({ name: 'fast', settings: { width: 1080, height: 1920, fps: 30, crf: 50 } })).toThrow(/crf must be at most 35/);
    expect(() => library.saveExportPreset({ name: 'x', settings: 'big' })).toThrow(/settings must be an object/);
    expect(() => library.saveExportPreset({ name: 'x', settings: { name: 'y', width: 1080, height: 1920, fps: 30 } })).toThrow(/beside the settings/);
    expect(library.listExportPresets()).toEqual([]);
  });

  it('deletes by id and says so when the id names nothing', () => {
    const saved = library.saveExportPreset({ name: 'gone', settings: { width: 1080, height: 1080, fps: 30 } });
    library.deleteExportPreset({ presetId: saved.id });
    expect(library.listExportPresets()).toEqual([]);
    expect(() => library.deleteExportPreset({ presetId: saved.id })).toThrow(`There is no export preset with id ${saved.id} in the library.`);
    expect(() => library.deleteExportPreset({ presetId: 0 })).toThrow(/not a valid export preset id/);
  });

  it('still lists a stored preset that no longer validates, with the reason, but offers no usable preset', () => {
    const saved = library.saveExportPreset({ name: 'legacy', settings: { width: 1080, height: 1920, fps: 30 } });
    const db = new Database(library.dbPath);
    db.prepare('UPDATE export_presets SET settings = ? WHERE id = ?').run(JSON.stringify({ width: 1080, height: 1920, fps: 90 }), saved.id);
    db.close();
    const [entry] = library.listExportPresets();
    expect(entry).toMatchObject({ name: 'legacy', preset: null, problem: expect.stringMatching(/fps must be at most 60/) });
  });
});
