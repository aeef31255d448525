import { beforeAll, describe, expect, it } from "vitest";
import { buildRoster, type RosterResult } from "../../src/domain/roster.ts";
import type { Person } from "../../src/domain/staff.ts";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { createSolve } from "../../src/solver/highs.ts";
import { openDb } from "../../src/store/db.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { rostersRepo } from "../../src/store/rosters.ts";
import { catalog, planInput } from "../fixtures.ts";

// One day (Nov 11), hourly, a pool large enough to cover it: a small real roster to store.
const plan = parsePlan({ ...planInput(), window: { start: "2026-11-11T00:00", end: "2026-11-12T00:00" }, shifts: { lengthsHours: [4, 8] } });
const staffing = planStaffing(plan, catalog);
const people = Array.from(
  { length: 40 },
  (_, i): Person => ({ id: `p${i + 1}`, name: `Agent ${i + 1}`, subAccount: `shop:p${i + 1}`, skills: ["presales", "aftersales"], kind: "fulltime", trained: true, availability: [], maxHours: 12 }),
);
let result: RosterResult;
beforeAll(async () => {
  result = buildRoster(plan, staffing, people, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec: 20 });
});

const setup = () => {
  const db = openDb(":memory:");
  const plans = plansRepo(db);
  return { db, plans, rosters: rostersRepo(db), planId: plans.create(plan, staffing, "t0").id };
};

describe("rosters repository: saveIfCurrent", () => {
  it("saves a roster solved from the plan's current version: ok, that planVersion, not stale", () => {
    const { rosters, planId } = setup();
    const outcome = rosters.saveIfCurrent(planId, 1, "csv", result, "t1");
    const stored = { planId, staffCsv: "csv", result, createdAt: "t1", planVersion: 1, revision: 1, stale: false };
    expect(outcome).toEqual({ status: "ok", roster: stored });
    expect(rosters.get(planId)).toEqual(stored);
  });

  it("refuses a roster solved from an older version: changed, naming both versions; nothing stored", () => {
    const { plans, rosters, planId } = setup();
    plans.update(planId, plan, staffing, "t1");
    expect(rosters.saveIfCurrent(planId, 1, "csv", result, "t2")).toEqual({ status: "changed", expectedVersion: 1, currentVersion: 2 });
    expect(rosters.get(planId)).toBeUndefined();
  });

  it("refuses a roster whose plan was deleted: missing; nothing stored", () => {
    const { plans, rosters, planId } = setup();
    plans.delete(planId);
    expect(rosters.saveIfCurrent(planId, 1, "csv", result, "t1")).toEqual({ status: "missing" });
    expect(rosters.get(planId)).toBeUndefined();
  });

  it("a roster whose plan is updated afterwards is stale and keeps the version it was solved from", () => {
    const { plans, rosters, planId } = setup();
    rosters.saveIfCurrent(planId, 1, "csv", result, "t1");
    plans.update(planId, plan, staffing, "t2");
    expect(rosters.get(planId)).toMatchObject({ planVersion: 1, stale: true });
  });

  it("re-solving after an update replaces the stale roster with one at the new version", () => {
    const { plans, rosters, planId } = setup();
    rosters.saveIfCurrent(planId, 1, "old", result, "t1");
    plans.update(planId, plan, staffing, "t2");
    expect(rosters.saveIfCurrent(planId, 2, "new", result, "t3")).toMatchObject({ status: "ok", roster: { staffCsv: "new", planVersion: 2, revision: 2, stale: false } });
  });

  it("deleting a plan deletes its roster row (the foreign key cascades)", () => {
    const { db, plans, rosters, planId } = setup();
    rosters.saveIfCurrent(planId, 1, "csv", result, "t1");
    plans.delete(planId);
    expect(db.prepare("SELECT COUNT(*) AS n FROM rosters").get()).toEqual({ n: 0 });
  });
});
