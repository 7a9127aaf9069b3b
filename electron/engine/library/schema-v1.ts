import type { Database } from 'better-sqlite3';

/*
 * Version 1 of the library schema.
 *
 * Ids are INTEGER PRIMARY KEY AUTOINCREMENT: cheap to pass over IPC, never reused after a delete (so a stale
 * reference in the UI cannot silently point at a newer entry), and stable across VACUUM, which the external-content
 * search tables below rely on (an implicit rowid may be renumbered by VACUUM).
 * Timestamps are ISO 8601 UTC text written by the app. JSON columns are checked with json_valid.
 *
 * Search: one FTS5 table per kind, external-content (the text is not stored twice), kept in step by triggers.
 * The trigram tokenizer was chosen over unicode61 because it finds substrings in any script: unicode61 treats a
 * run of Chinese characters as one token, so a word inside a zh transcript could never be found. Trigram needs
 * three characters; shorter terms are matched by a scan in `search-queries.ts` (fine at library sizes).
 */
const createTablesSql = `
CREATE TABLE media (
  sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  ext         TEXT NOT NULL,
  size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
  kind        TEXT NOT NULL CHECK (kind IN ('image', 'video', 'audio', 'text')),
  created_at  TEXT NOT NULL
);

CREATE TABLE faces (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT NOT NULL,
  media_sha256    TEXT NOT NULL UNIQUE REFERENCES media (sha256),
  kind            TEXT NOT NULL CHECK (kind IN ('image', 'video')),
  width           INTEGER,
  height          INTEGER,
  duration_sec    REAL,
  consent         INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
  consent_at      TEXT,
  analysis_status TEXT NOT NULL DEFAULT 'pending' CHECK (analysis_status IN ('pending', 'done', 'failed', 'no_face')),
  analysis_error  TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);

CREATE TABLE subjects (
  face_id       INTEGER NOT NULL REFERENCES faces (id) ON DELETE CASCADE,
  subject_index INTEGER NOT NULL CHECK (subject_index >= 0),
  box           TEXT NOT NULL CHECK (json_valid(box)),
  score         REAL NOT NULL,
  area          REAL NOT NULL,
  landmarks     TEXT NOT NULL CHECK (json_valid(landmarks)),
  irises        TEXT NOT NULL CHECK (json_valid(irises)),
  masks         TEXT NOT NULL CHECK (json_valid(masks)),
  roll_rad      REAL NOT NULL,
  mesh_score    REAL NOT NULL,
  PRIMARY KEY (face_id, subject_index)
) WITHOUT ROWID;

CREATE TABLE voices (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('recording', 'builtin')),
  media_sha256  TEXT UNIQUE REFERENCES media (sha256),
  builtin_voice TEXT,
  transcript    TEXT,
  duration_sec  REAL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK ((kind = 'recording' AND media_sha256 IS NOT NULL AND builtin_voice IS NULL)
      OR (kind = 'builtin' AND builtin_voice IS NOT NULL AND media_sha256 IS NULL))
);

CREATE TABLE scripts (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT NOT NULL,
  text         TEXT NOT NULL,
  voice_id     INTEGER REFERENCES voices (id) ON DELETE SET NULL,
  media_sha256 TEXT UNIQUE REFERENCES media (sha256),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);

CREATE TABLE projects (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  name       TEXT NOT NULL,
  stage      TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(stage)),
  timeline   TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(timeline)),
  settings   TEXT NOT NULL DEFAULT 'null' CHECK (json_valid(settings)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE renders (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id  INTEGER REFERENCES projects (id) ON DELETE SET NULL,
  status      TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
  progress    REAL NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  phase       TEXT,
  output_path TEXT,
  error       TEXT,
  spec        TEXT NOT NULL CHECK (json_valid(spec)),
  created_at  TEXT NOT NULL,
  started_at  TEXT,
  finished_at TEXT,
  duration_ms INTEGER
);
CREATE INDEX renders_by_status ON renders (status, created_at);
CREATE INDEX renders_by_project ON renders (project_id);
CREATE INDEX scripts_by_voice ON scripts (voice_id);

-- An import announces the content it is about to store before copying it, so that a repair running in another
-- process does not sweep the file as an orphan before the import's rows are committed.
CREATE TABLE pending_imports (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  media_sha256 TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  started_at   TEXT NOT NULL
);
CREATE INDEX pending_imports_by_media ON pending_imports (media_sha256);
`;

/** FTS5 table + insert/delete/update triggers for one table's text columns. */
function createSearchIndexSql({ table, columns }: { table: string; columns: string[] }): string {
  const fts = `${table}_fts`;
  const list = columns.join(', ');
  const newValues = columns.map((c) => `new.${c}`).join(', ');
  const oldValues = columns.map((c) => `old.${c}`).join(', ');
  return `
CREATE VIRTUAL TABLE ${fts} USING fts5(${list}, content='${table}', content_rowid='id',
  tokenize = 'trigram case_sensitive 0 remove_diacritics 1');
CREATE TRIGGER ${table}_fts_insert AFTER INSERT ON ${table} BEGIN
  INSERT INTO ${fts} (rowid, ${list}) VALUES (new.id, ${newValues});
END;
CREATE TRIGGER ${table}_fts_delete AFTER DELETE ON ${table} BEGIN
  INSERT INTO ${fts} (${fts}, rowid, ${list}) VALUES ('delete', old.id, ${oldValues});
END;
CREATE TRIGGER ${table}_fts_update AFTER UPDATE OF ${list} ON ${table} BEGIN
  INSERT INTO ${fts} (${fts}, rowid, ${list}) VALUES ('delete', old.id, ${oldValues});
  INSERT INTO ${fts} (rowid, ${list}) VALUES (new.id, ${newValues});
END;
`;
}

/** Text columns indexed for search, per table. Shared with the search queries so both stay in step. */
export const searchedColumns = {
  faces: ['name'],
  voices: ['name', 'transcript'],
  scripts: ['name', 'text'],
  projects: ['name'],
} as const;

export function applySchemaV1(db: Database): void {
  db.exec(createTablesSql);
  for (const [table, columns] of Object.entries(searchedColumns)) {
    db.exec(createSearchIndexSql({ table, columns: [...columns] }));
  }
}
