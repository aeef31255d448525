import { describe, expect, it } from "vitest";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { openDb } from "../../src/store/db.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { catalog, planInput } from "../fixtures.ts";

const input = parsePlan(planInput());
const result = planStaffing(input, catalog);

describe("plans repository", () => {
  it("round-trips a plan's inputs and results, at version 1", () => {
    const plans = plansRepo(openDb(":memory:"));
    const saved = plans.create(input, result, "2026-11-01T00:00:00Z");
    expect(plans.get(saved.id)).toEqual({
      id: saved.id,
      name: "test plan",
      input,
      result,
      createdAt: "2026-11-01T00:00:00Z",
      updatedAt: "2026-11-01T00:00:00Z",
      version: 1,
    });
  });

  it("each update bumps the version by one", () => {
    const plans = plansRepo(openDb(":memory:"));
    const saved = plans.create(input, result, "t0");
    expect(plans.update(saved.id, input, result, "t1")?.version).toBe(2);
    expect(plans.update(saved.id, input, result, "t2")?.version).toBe(3);
    expect(plans.get(saved.id)?.version).toBe(3);
  });

  it("createMany saves all or none: a failing row rolls the earlier ones back", () => {
    const plans = plansRepo(openDb(":memory:"));
    const broken = { input: { ...input, name: null as unknown as string }, result };
    expect(() => plans.createMany([{ input, result }, broken], "t")).toThrow(/NOT NULL/);
    expect(plans.count()).toBe(0);
  });

  it("ids are never reused: plans 1 and 2, delete 2, the next plan is 3", () => {
    const plans = plansRepo(openDb(":memory:"));
    expect(plans.create(input, result, "t").id).toBe(1);
    expect(plans.create(input, result, "t").id).toBe(2);
    expect(plans.delete(2)).toBe(true);
    expect(plans.create(input, result, "t").id).toBe(3);
    expect(plans.list().map((p) => p.id)).toEqual([1, 3]);
  });

  it("a stored plan is read back through the schema: the defaults it was stored without are filled in", () => {
    const db = openDb(":memory:");
    const { zone: _zone, window: _window, intervalMin: _interval, ...withoutDefaults } = planInput();
    db.prepare("INSERT INTO plans (name, input_json, result_json, created_at, updated_at) VALUES ('old', ?, '{}', 't', 't')").run(JSON.stringify(withoutDefaults));
    expect(plansRepo(db).get(1)?.input).toEqual(input);
  });

  it("a stored plan that is not a valid plan throws an error naming the plan and the bad field", () => {
    const db = openDb(":memory:");
    const plans = plansRepo(db);
    plans.create(input, result, "t");
    db.prepare("UPDATE plans SET input_json = ? WHERE id = 1").run(JSON.stringify({ ...planInput(), intervalMin: 7 }));
    // Read as a server started on this file would (a repository keeps what it parsed while the version stays).
    expect(() => plansRepo(db).get(1)).toThrow("stored plan 1 is not a valid plan (corrupted database?): intervalMin: must be 15, 30 or 60");
  });

  it("hands out one frozen record per version: parsed once, a new one after an update, none after a delete", () => {
    const db = openDb(":memory:");
    const plans = plansRepo(db);
    const first = plans.create(input, result, "t");
    expect(plans.get(first.id)).toBe(first);
    expect(Object.isFrozen(first.input.chain)).toBe(true);
    expect(() => {
      (first.input.chain as { salesTargetYuan: number }).salesTargetYuan = 1;
    }).toThrow(TypeError);
    const renamed = plans.update(first.id, { ...input, name: "改名" }, result, "t1");
    expect(renamed).not.toBe(first);
    expect(plans.get(first.id)?.input.name).toBe("改名");
    expect(plans.get(first.id)?.version).toBe(2);
    expect(plans.delete(first.id)).toBe(true);
    expect(plans.get(first.id)).toBeUndefined();
  });
});

describe("plans repository cache and transactions (review probe)", () => {
  it("a plan created in a rolled-back createMany is not handed out for the next plan that gets its id", () => {
    const plans = plansRepo(openDb(":memory:"));
    const broken = { input: { ...input, name: null as unknown as string }, result };
    expect(() => plans.createMany([{ input: { ...input, name: "rolled back" }, result }, broken], "t")).toThrow(/NOT NULL/);
    const next = plans.create({ ...input, name: "kept" }, result, "t");
    expect(next.name).toBe("kept");
    expect(plans.get(next.id)?.input.name).toBe("kept");
  });
});
