import type { Database } from 'better-sqlite3';

/*
 * Schema step 5 (render lanes): the studio's queue runs renders meant for the render farm (`farm: true` in the spec)
 * in a lane of their own, up to the farm's window, beside this computer's few slots. Each lane claims its next render
 * with one indexed lookup: the index is on the same expression the claim filters by (FARM_LANE_SQL), so SQLite
 * reads neither the other lane's rows nor the spec of any row it does not return. A batch's latest ends (when its
 * last items finished) measure how fast it really goes (a farm batch's time left), from a small partial index.
 */
export const FARM_LANE_SQL = "(json_extract(spec, '$.farm') IS 1)";

const SCHEMA_V5_SQL = `
CREATE INDEX renders_queued_by_lane ON renders (status, ${FARM_LANE_SQL}, id);
CREATE INDEX renders_ended_by_batch ON renders (batch_id, finished_at) WHERE status IN ('done', 'failed');
`;

export function applySchemaV5(db: Database): void {
  db.exec(SCHEMA_V5_SQL);
}
