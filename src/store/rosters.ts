/** The rosters repository: one roster per plan, replaced on each solve, deleted with its plan. */
import type { RosterResult } from "../domain/roster.ts";
import type { Db } from "./db.ts";

export type RosterRecord = {
  planId: number;
  staffCsv: string;
  result: RosterResult;
  createdAt: string;
  /** True when the plan was changed after this roster was solved. */
  stale: boolean;
};

type Row = { plan_id: number; staff_csv: string; result_json: string; created_at: string; plan_updated_at: string };

export function rostersRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO rosters (plan_id, staff_csv, result_json, created_at) VALUES (@planId, @staffCsv, @result, @now)
     ON CONFLICT (plan_id) DO UPDATE SET staff_csv = excluded.staff_csv, result_json = excluded.result_json, created_at = excluded.created_at`,
  );
  const byPlan = db.prepare(
    "SELECT r.*, p.updated_at AS plan_updated_at FROM rosters r JOIN plans p ON p.id = r.plan_id WHERE r.plan_id = ?",
  );
  const remove = db.prepare("DELETE FROM rosters WHERE plan_id = ?");

  return {
    save(planId: number, staffCsv: string, result: RosterResult, now: string): RosterRecord {
      upsert.run({ planId, staffCsv, result: JSON.stringify(result), now });
      return this.get(planId) as RosterRecord;
    },
    get(planId: number): RosterRecord | undefined {
      const row = byPlan.get(planId) as Row | undefined;
      return (
        row && {
          planId: row.plan_id,
          staffCsv: row.staff_csv,
          result: JSON.parse(row.result_json) as RosterResult,
          createdAt: row.created_at,
          stale: row.plan_updated_at > row.created_at,
        }
      );
    },
    /** True if a roster was deleted. */
    delete(planId: number): boolean {
      return remove.run(planId).changes > 0;
    },
  };
}

export type RostersRepo = ReturnType<typeof rostersRepo>;
