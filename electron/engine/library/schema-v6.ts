import type { Database } from 'better-sqlite3';

/*
 * Schema step 6 (mouth clips): a photo face's personal mouth, a video face of the same person talking whose lips,
 * teeth and tongue a render of the photo shows (`--mouth-from`). It is another face of the library (a dropped clip is
 * imported first), so the media store keeps the file and deleting that clip simply clears the reference.
 */
const SCHEMA_V6_SQL = `
ALTER TABLE faces ADD COLUMN mouth_clip_id INTEGER REFERENCES faces (id) ON DELETE SET NULL;
`;

export function applySchemaV6(db: Database): void {
  db.exec(SCHEMA_V6_SQL);
}
