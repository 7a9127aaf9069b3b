import type { Database } from 'better-sqlite3';

/*
 * Schema step 4 (subject names): the names a user gives the people in a picture ("Anna", "Host"), as a JSON object
 * keyed by subject index. They live on the face, not in a project, so the stage, the timeline, the batch dialog and
 * every project that uses the picture say the same name. Kept apart from the subjects table, which a re-analysis
 * replaces.
 */
const SCHEMA_V4_SQL = `
ALTER TABLE faces ADD COLUMN subject_names TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(subject_names) AND json_type(subject_names) = 'object');
`;

export function applySchemaV4(db: Database): void {
  db.exec(SCHEMA_V4_SQL);
}
