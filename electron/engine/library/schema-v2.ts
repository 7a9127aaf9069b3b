import type { Database } from 'better-sqlite3';

/*
 * Schema step 2 (export): custom export presets, and batches of renders. A batch groups render rows so that a
 * batch interrupted by a crash or a kill is found again (by `source_key`) and resumed without redoing what finished.
 */
const SCHEMA_V2_SQL = `
CREATE TABLE export_presets (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
  settings   TEXT NOT NULL CHECK (json_valid(settings)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE batches (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL,
  -- What identifies a re-run of the same batch (e.g. manifest path + contents + output folder); NULL for app batches.
  source_key  TEXT,
  out_dir     TEXT NOT NULL,
  concurrency INTEGER NOT NULL DEFAULT 1 CHECK (concurrency BETWEEN 1 AND 16),
  created_at  TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX batches_by_source_key ON batches (source_key);

ALTER TABLE renders ADD COLUMN batch_id INTEGER REFERENCES batches (id) ON DELETE CASCADE;
ALTER TABLE renders ADD COLUMN batch_position INTEGER;
CREATE INDEX renders_by_batch ON renders (batch_id, batch_position);
`;

export function applySchemaV2(db: Database): void {
  db.exec(SCHEMA_V2_SQL);
}
