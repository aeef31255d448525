/** The plans repository: a plan is its inputs plus the staffing computed from them. */
import type { Plan, StaffingResult } from "../domain/staffing.ts";
import { parsePlan } from "../schemas.ts";
import type { Db } from "./db.ts";

export type PlanRecord = {
  id: number;
  name: string;
  /** The plan as validated, defaults filled in. */
  input: Plan;
  result: StaffingResult;
  createdAt: string;
  updatedAt: string;
  /** 1 when created, one more on every update: what a roster records it was solved from. */
  version: number;
};

export type PlanListItem = Pick<PlanRecord, "id" | "name" | "createdAt" | "updatedAt">;

type Row = { id: number; name: string; input_json: string; result_json: string; created_at: string; updated_at: string; version: number };

/**
 * A stored plan's inputs, read back through the plan schema (defaults filled in). A row that
 * is not a valid plan means a corrupted database: a plain Error naming the plan, never a 400.
 */
function storedPlan(id: number, inputJson: string): Plan {
  try {
    return parsePlan(JSON.parse(inputJson));
  } catch (error) {
    throw new Error(`stored plan ${id} is not a valid plan (corrupted database?): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

const fromRow = (row: Row): PlanRecord => ({
  id: row.id,
  name: row.name,
  input: storedPlan(row.id, row.input_json),
  result: JSON.parse(row.result_json) as StaffingResult,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** How many parsed plans a repository keeps (a roster burst on one plan parses it once, not per request). */
const CACHED_PLANS = 16;

/** Freezes a parsed record all the way down, so the copy the cache hands out cannot be changed by one caller for the next. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function plansRepo(db: Db) {
  const insert = db.prepare("INSERT INTO plans (name, input_json, result_json, created_at, updated_at) VALUES (@name, @input, @result, @now, @now)");
  const update = db.prepare("UPDATE plans SET name = @name, input_json = @input, result_json = @result, updated_at = @now, version = version + 1 WHERE id = @id");
  const byId = db.prepare("SELECT * FROM plans WHERE id = ?");
  const versionOf = db.prepare("SELECT version FROM plans WHERE id = ?").pluck();
  // Parsing a stored plan (its JSON, and the plan schema) costs milliseconds on a week of
  // 15-minute intervals; a roster burst would pay it per request on the HTTP thread. A record
  // is kept frozen under its id and handed out while the row's version is the same (ids are
  // never reused, and every update bumps the version).
  const cache = new Map<number, PlanRecord>();
  const list = db.prepare("SELECT id, name, created_at, updated_at FROM plans ORDER BY id");
  const remove = db.prepare("DELETE FROM plans WHERE id = ?");
  const count = db.prepare("SELECT COUNT(*) AS n FROM plans");

  return {
    create(input: Plan, result: StaffingResult, now: string): PlanRecord {
      const info = insert.run({ name: input.name, input: JSON.stringify(input), result: JSON.stringify(result), now });
      return this.get(Number(info.lastInsertRowid)) as PlanRecord;
    },
    /** Saves several plans in one transaction: all or none. */
    createMany(items: { input: Plan; result: StaffingResult }[], now: string): PlanRecord[] {
      return db.transaction(() => items.map((item) => this.create(item.input, item.result, now)))();
    },
    /** Replaces a plan's inputs and results and bumps its version; undefined if there is no such plan. */
    update(id: number, input: Plan, result: StaffingResult, now: string): PlanRecord | undefined {
      const info = update.run({ id, name: input.name, input: JSON.stringify(input), result: JSON.stringify(result), now });
      return info.changes === 0 ? undefined : this.get(id);
    },
    /** The plan, frozen (it may be shared with other callers); undefined if there is no such plan. */
    get(id: number): PlanRecord | undefined {
      const version = versionOf.get(id) as number | undefined;
      if (version === undefined) {
        cache.delete(id);
        return undefined;
      }
      const cached = cache.get(id);
      if (cached?.version === version) return cached;
      const row = byId.get(id) as Row | undefined;
      if (!row) return undefined;
      const record = deepFreeze(fromRow(row));
      // Inside a transaction the row may still be rolled back (and its id and version handed out
      // again): keep it out of the cache until it is committed.
      if (db.inTransaction) return record;
      cache.delete(id);
      cache.set(id, record);
      if (cache.size > CACHED_PLANS) cache.delete(cache.keys().next().value as number);
      return record;
    },
    list(): PlanListItem[] {
      return (list.all() as Omit<Row, "input_json" | "result_json">[]).map((r) => ({
        id: r.id,
        name: r.name,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      }));
    },
    /** True if a plan was deleted. */
    delete(id: number): boolean {
      return remove.run(id).changes > 0;
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
  };
}

export type PlansRepo = ReturnType<typeof plansRepo>;
