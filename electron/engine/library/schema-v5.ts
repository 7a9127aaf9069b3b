import type { Database } from 'better-sqlite3';

/*
 * Schema step 5 (render lanes): the studio's queue runs renders meant for the render farm (`farm: true` in the spec)
 * in a lane of their own, up to the farm's window, beside this computer's few slots. Each lane claims its next render
 * with one indexed lookup: the index is on the same expression the claim filters by (FARM_LANE_SQL), so SQLite
 * reads neither the other lane's rows nor the spec of any row it does not return.
 */
export const FARM_LANE_SQL = "(json_extract(spec, '$.farm') IS 1)";

const SCHEMA_V5_SQL = `
CREATE INDEX renders_queued_by_lane ON renders (status, ${FARM_LANE_SQL}, id);
`;

export function applySchemaV5(db: Database): void {
  db.exec(SCHEMA_V5_SQL);
}
