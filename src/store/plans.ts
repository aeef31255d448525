/** The plans repository: a plan is its inputs plus the staffing computed from them. */
import type { Plan, StaffingResult } from "../domain/staffing.ts";
import type { Db } from "./db.ts";

export type PlanRecord = {
  id: number;
  name: string;
  /** The plan as validated, defaults filled in. */
  input: Plan;
  result: StaffingResult;
  createdAt: string;
  updatedAt: string;
};

export type PlanListItem = Pick<PlanRecord, "id" | "name" | "createdAt" | "updatedAt">;

type Row = { id: number; name: string; input_json: string; result_json: string; created_at: string; updated_at: string };

const fromRow = (row: Row): PlanRecord => ({
  id: row.id,
  name: row.name,
  input: JSON.parse(row.input_json) as Plan,
  result: JSON.parse(row.result_json) as StaffingResult,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function plansRepo(db: Db) {
  const insert = db.prepare(
    "INSERT INTO plans (name, input_json, result_json, created_at, updated_at) VALUES (@name, @input, @result, @now, @now)",
  );
  const update = db.prepare("UPDATE plans SET name = @name, input_json = @input, result_json = @result, updated_at = @now WHERE id = @id");
  const byId = db.prepare("SELECT * FROM plans WHERE id = ?");
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
    /** Replaces a plan's inputs and results; undefined if there is no such plan. */
    update(id: number, input: Plan, result: StaffingResult, now: string): PlanRecord | undefined {
      const info = update.run({ id, name: input.name, input: JSON.stringify(input), result: JSON.stringify(result), now });
      return info.changes === 0 ? undefined : this.get(id);
    },
    get(id: number): PlanRecord | undefined {
      const row = byId.get(id) as Row | undefined;
      return row && fromRow(row);
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
