/**
 * The night's re-plans and the roster versions they replace (migration 006). A re-plan is a
 * proposal until applied; applying it is one transaction: the current roster is kept as a
 * version, the re-plan's roster becomes current, and the re-plan is marked applied.
 */
import type { NightReplan } from "../domain/night.ts";
import type { RosterResult } from "../domain/roster.ts";
import type { Db } from "./db.ts";

export type ReplanRecord = { id: number; planId: number; now: string; rosterRevision: number; result: NightReplan; createdAt: string; appliedAt: string | null };

export type RosterVersion = { id: number; planId: number; staffCsv: string; result: RosterResult; planVersion: number; createdAt: string; supersededAt: string; replanId: number | null };

export type ApplyOutcome = { status: "ok" } | { status: "missing" } | { status: "applied" } | { status: "changed" } | { status: "stale" };

type ReplanRow = { id: number; plan_id: number; now: string; roster_revision: number; result_json: string; created_at: string; applied_at: string | null };
type VersionRow = { id: number; plan_id: number; staff_csv: string; result_json: string; plan_version: number; created_at: string; superseded_at: string; replan_id: number | null };

const replanOf = (row: ReplanRow): ReplanRecord => ({
  id: row.id,
  planId: row.plan_id,
  now: row.now,
  rosterRevision: row.roster_revision,
  result: JSON.parse(row.result_json) as NightReplan,
  createdAt: row.created_at,
  appliedAt: row.applied_at,
});

const versionOf = (row: VersionRow): RosterVersion => ({
  id: row.id,
  planId: row.plan_id,
  staffCsv: row.staff_csv,
  result: JSON.parse(row.result_json) as RosterResult,
  planVersion: row.plan_version,
  createdAt: row.created_at,
  supersededAt: row.superseded_at,
  replanId: row.replan_id,
});

export function replansRepo(db: Db) {
  const insert = db.prepare("INSERT INTO roster_replans (plan_id, now, roster_revision, result_json, created_at) VALUES (@planId, @now, @rosterRevision, @result, @createdAt)");
  const byId = db.prepare("SELECT * FROM roster_replans WHERE plan_id = ? AND id = ?");
  const list = db.prepare("SELECT id, plan_id, now, roster_revision, created_at, applied_at FROM roster_replans WHERE plan_id = ? ORDER BY id");
  const roster = db.prepare(
    "SELECT r.staff_csv, r.result_json, r.created_at, r.plan_version, r.revision, p.version AS current_version FROM rosters r JOIN plans p ON p.id = r.plan_id WHERE r.plan_id = ?",
  );
  const keep = db.prepare(
    `INSERT INTO roster_versions (plan_id, staff_csv, result_json, plan_version, created_at, superseded_at, replan_id)
     VALUES (@planId, @staffCsv, @result, @planVersion, @createdAt, @supersededAt, @replanId)`,
  );
  const replace = db.prepare("UPDATE rosters SET result_json = @result, created_at = @now, revision = revision + 1 WHERE plan_id = @planId");
  const markApplied = db.prepare("UPDATE roster_replans SET applied_at = ? WHERE id = ?");
  const versions = db.prepare("SELECT * FROM roster_versions WHERE plan_id = ? ORDER BY id");
  const version = db.prepare("SELECT * FROM roster_versions WHERE plan_id = ? AND id = ?");

  return {
    create(planId: number, rosterRevision: number, result: NightReplan, createdAt: string): ReplanRecord {
      const info = insert.run({ planId, now: result.now, rosterRevision, result: JSON.stringify(result), createdAt });
      return this.get(planId, Number(info.lastInsertRowid)) as ReplanRecord;
    },
    get(planId: number, id: number): ReplanRecord | undefined {
      const row = byId.get(planId, id) as ReplanRow | undefined;
      return row && replanOf(row);
    },
    /** The plan's re-plans without their results (newest last). */
    list(planId: number): Omit<ReplanRecord, "result">[] {
      return (list.all(planId) as Omit<ReplanRow, "result_json">[]).map((row) => ({
        id: row.id,
        planId: row.plan_id,
        now: row.now,
        rosterRevision: row.roster_revision,
        createdAt: row.created_at,
        appliedAt: row.applied_at,
      }));
    },
    /**
     * Makes re-plan `id`'s roster the plan's current one, keeping the current one as a version;
     * refused when the re-plan is missing or applied already, when the roster it was made from
     * is no longer the current one (another solve or re-plan was saved since), or when the
     * plan changed after that roster was solved (stale).
     */
    apply(planId: number, id: number, now: string): ApplyOutcome {
      return db.transaction((): ApplyOutcome => {
        const replan = byId.get(planId, id) as ReplanRow | undefined;
        if (!replan) return { status: "missing" };
        if (replan.applied_at) return { status: "applied" };
        const current = roster.get(planId) as { staff_csv: string; result_json: string; created_at: string; plan_version: number; revision: number; current_version: number } | undefined;
        if (!current || current.revision !== replan.roster_revision) return { status: "changed" };
        if (current.plan_version !== current.current_version) return { status: "stale" };
        keep.run({ planId, staffCsv: current.staff_csv, result: current.result_json, planVersion: current.plan_version, createdAt: current.created_at, supersededAt: now, replanId: id });
        const night = JSON.parse(replan.result_json) as NightReplan;
        replace.run({ planId, result: JSON.stringify(night.roster), now });
        markApplied.run(now, id);
        return { status: "ok" };
      })();
    },
    versions(planId: number): Omit<RosterVersion, "result" | "staffCsv">[] {
      return (versions.all(planId) as VersionRow[]).map((row) => {
        const { result: _r, staffCsv: _s, ...rest } = versionOf(row);
        return rest;
      });
    },
    version(planId: number, id: number): RosterVersion | undefined {
      const row = version.get(planId, id) as VersionRow | undefined;
      return row && versionOf(row);
    },
  };
}

export type ReplansRepo = ReturnType<typeof replansRepo>;
