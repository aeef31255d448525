import { describe, expect, it } from "vitest";
import type { ActualRow } from "../../src/domain/actuals.ts";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { actualsRepo } from "../../src/store/actuals.ts";
import { openDb } from "../../src/store/db.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { catalog, planInput } from "../fixtures.ts";

/** A database with one saved plan, and its actuals repository. */
function withPlan() {
  const db = openDb(":memory:");
  const input = parsePlan(planInput());
  const plan = plansRepo(db).create(input, planStaffing(input, catalog), "2026-11-01T00:00:00Z");
  return { db, planId: plan.id, actuals: actualsRepo(db) };
}

const row = (start: string, queue: ActualRow["queue"], receptions: number, agentsOnline: number | null = null): ActualRow => ({ start, queue, receptions, agentsOnline, firstResponseSec: null });

describe("actuals repository", () => {
  it("appends rows and reads the current ones by start, pre-sales first", () => {
    const { planId, actuals } = withPlan();
    const counts = actuals.append(planId, [row("2026-11-10T19:00", "aftersales", 4), row("2026-11-10T19:00", "presales", 40), row("2026-11-10T18:00", "presales", 30)], "2026-11-10T11:05:00Z");
    expect(counts).toEqual({ added: 3, replaced: 0, unchanged: 0 });
    expect(actuals.current(planId)).toEqual([row("2026-11-10T18:00", "presales", 30), row("2026-11-10T19:00", "presales", 40), row("2026-11-10T19:00", "aftersales", 4)]);
  });

  it("a re-sent interval replaces the current figures; the old row is kept, superseded at the time, and the new one names it", () => {
    const { planId, actuals } = withPlan();
    actuals.append(planId, [row("2026-11-10T18:00", "presales", 30, 5), row("2026-11-10T18:00", "aftersales", 3)], "2026-11-10T10:10:00Z");
    const counts = actuals.append(planId, [row("2026-11-10T18:00", "presales", 36, 5), row("2026-11-10T18:00", "aftersales", 3)], "2026-11-10T10:40:00Z");
    expect(counts).toEqual({ added: 0, replaced: 1, unchanged: 1 });
    expect(actuals.current(planId)).toEqual([row("2026-11-10T18:00", "presales", 36, 5), row("2026-11-10T18:00", "aftersales", 3)]);
    expect(actuals.replacements(planId)).toBe(1);
    expect(actuals.history(planId)).toEqual([
      { id: 1, ...row("2026-11-10T18:00", "presales", 30, 5), receivedAt: "2026-11-10T10:10:00Z", supersededAt: "2026-11-10T10:40:00Z", replaces: null },
      { id: 2, ...row("2026-11-10T18:00", "aftersales", 3), receivedAt: "2026-11-10T10:10:00Z", supersededAt: null, replaces: null },
      { id: 3, ...row("2026-11-10T18:00", "presales", 36, 5), receivedAt: "2026-11-10T10:40:00Z", supersededAt: null, replaces: 1 },
    ]);
  });

  it("nothing is half-saved: a row the table refuses rolls back the whole append", () => {
    const { planId, actuals } = withPlan();
    actuals.append(planId, [row("2026-11-10T18:00", "presales", 30)], "t1");
    expect(() => actuals.append(planId, [row("2026-11-10T18:00", "presales", 31), row("2026-11-10T18:30", "presales", -1)], "t2")).toThrow(/CHECK constraint failed/);
    expect(actuals.history(planId)).toEqual([{ id: 1, ...row("2026-11-10T18:00", "presales", 30), receivedAt: "t1", supersededAt: null, replaces: null }]);
  });

  it("a plan that does not exist stores nothing", () => {
    const { db, actuals } = withPlan();
    expect(actuals.append(99, [row("2026-11-10T18:00", "presales", 30)], "t")).toBeUndefined();
    expect(db.prepare("SELECT COUNT(*) FROM actuals").pluck().get()).toBe(0);
  });

  it("deleting the plan deletes its log, superseded rows included", () => {
    const { db, planId, actuals } = withPlan();
    actuals.append(planId, [row("2026-11-10T18:00", "presales", 30)], "t1");
    actuals.append(planId, [row("2026-11-10T18:00", "presales", 31)], "t2");
    plansRepo(db).delete(planId);
    expect(db.prepare("SELECT COUNT(*) FROM actuals").pluck().get()).toBe(0);
  });

  it("the table holds at most one current row per plan, interval and queue", () => {
    const { db, planId } = withPlan();
    const insert = db.prepare("INSERT INTO actuals (plan_id, start, queue, receptions, received_at) VALUES (?, '2026-11-10T18:00', 'presales', 1, 't')");
    insert.run(planId);
    expect(() => insert.run(planId)).toThrow(/UNIQUE constraint failed/);
  });
});
