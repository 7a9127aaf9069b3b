import type { Database } from 'better-sqlite3';

/*
 * Schema step 3 (queue order): the queue claims its next job with one indexed lookup instead of reading every queued
 * row. A manifest batch's next job is its lowest queued position; the studio's is its oldest queued render (rowid).
 * A batch's counts by status (every progress tick) read only the covering index renders_by_batch_status.
 */
const SCHEMA_V3_SQL = `
CREATE INDEX renders_queued_by_batch ON renders (status, batch_id, batch_position);
CREATE INDEX renders_queued_by_age ON renders (status, id);
CREATE INDEX renders_by_batch_status ON renders (batch_id, status, duration_ms);
`;

export function applySchemaV3(db: Database): void {
  db.exec(SCHEMA_V3_SQL);
}
