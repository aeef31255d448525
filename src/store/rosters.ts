/** The rosters repository: one roster per plan, replaced on each solve, deleted with its plan. */
import type { RosterResult } from "../domain/roster.ts";
import type { Db } from "./db.ts";

export type RosterRecord = {
  planId: number;
  staffCsv: string;
  result: RosterResult;
  createdAt: string;
  /** The version of the plan this roster was solved from. */
  planVersion: number;
  /** Counts the roster's saves (each solve, each applied re-plan). */
  revision: number;
  /** True when the plan was changed after this roster was solved (its version moved on). */
  stale: boolean;
};

/**
 * What saving a freshly solved roster came to: saved, or refused because the plan is gone
 * or is no longer the version the roster was solved from (nothing stored either way).
 */
export type SaveOutcome = { status: "ok"; roster: RosterRecord } | { status: "missing" } | { status: "changed"; expectedVersion: number; currentVersion: number };

type Row = { plan_id: number; staff_csv: string; result_json: string; created_at: string; plan_version: number; revision: number; current_version: number };

const fromRow = (row: Row): RosterRecord => ({
  planId: row.plan_id,
  staffCsv: row.staff_csv,
  result: JSON.parse(row.result_json) as RosterResult,
  createdAt: row.created_at,
  planVersion: row.plan_version,
  revision: row.revision,
  stale: row.plan_version !== row.current_version,
});

export function rostersRepo(db: Db) {
  const upsert = db.prepare(
    `INSERT INTO rosters (plan_id, staff_csv, result_json, created_at, plan_version) VALUES (@planId, @staffCsv, @result, @now, @planVersion)
     ON CONFLICT (plan_id) DO UPDATE SET staff_csv = excluded.staff_csv, result_json = excluded.result_json, created_at = excluded.created_at,
       plan_version = excluded.plan_version, revision = rosters.revision + 1`,
  );
  const planVersion = db.prepare("SELECT version FROM plans WHERE id = ?").pluck();
  const byPlan = db.prepare("SELECT r.*, p.version AS current_version FROM rosters r JOIN plans p ON p.id = r.plan_id WHERE r.plan_id = ?");
  const remove = db.prepare("DELETE FROM rosters WHERE plan_id = ?");

  return {
    /**
     * Saves a roster solved from version `expectedVersion` of plan `planId`, if the plan still
     * exists at that version; the check and the write are one transaction, so no update or
     * delete of the plan can fall between them.
     */
    saveIfCurrent(planId: number, expectedVersion: number, staffCsv: string, result: RosterResult, now: string): SaveOutcome {
      return db.transaction((): SaveOutcome => {
        const currentVersion = planVersion.get(planId) as number | undefined;
        if (currentVersion === undefined) return { status: "missing" };
        if (currentVersion !== expectedVersion) return { status: "changed", expectedVersion, currentVersion };
        upsert.run({ planId, staffCsv, result: JSON.stringify(result), now, planVersion: expectedVersion });
        return { status: "ok", roster: this.get(planId) as RosterRecord };
      })();
    },
    get(planId: number): RosterRecord | undefined {
      const row = byPlan.get(planId) as Row | undefined;
      return row && fromRow(row);
    },
    /** True if a roster was deleted. */
    delete(planId: number): boolean {
      return remove.run(planId).changes > 0;
    },
  };
}

export type RostersRepo = ReturnType<typeof rostersRepo>;
