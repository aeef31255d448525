import { describe, expect, it } from "vitest";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { openDb } from "../../src/store/db.ts";
import { plansRepo } from "../../src/store/plans.ts";
import { catalog, planInput } from "../fixtures.ts";

const input = parsePlan(planInput());
const result = planStaffing(input, catalog);

describe("plans repository", () => {
  it("round-trips a plan's inputs and results", () => {
    const plans = plansRepo(openDb(":memory:"));
    const saved = plans.create(input, result, "2026-11-01T00:00:00Z");
    expect(plans.get(saved.id)).toEqual({ id: saved.id, name: "test plan", input, result, createdAt: "2026-11-01T00:00:00Z", updatedAt: "2026-11-01T00:00:00Z" });
  });

  it("createMany saves all or none: a failing row rolls the earlier ones back", () => {
    const plans = plansRepo(openDb(":memory:"));
    const broken = { input: { ...input, name: null as unknown as string }, result };
    expect(() => plans.createMany([{ input, result }, broken], "t")).toThrow(/NOT NULL/);
    expect(plans.count()).toBe(0);
  });
});
