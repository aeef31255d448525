import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import type { Solve } from "../../src/domain/lp.ts";
import { buildRoster } from "../../src/domain/roster.ts";
import { type Person, parseStaff } from "../../src/domain/staff.ts";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { createSolve } from "../../src/solver/highs.ts";
import { catalog, FACTOR_SAMPLE_PLAN, planInput } from "../fixtures.ts";

let solve: Solve;
beforeAll(async () => {
  solve = await createSolve();
});

// One day (Nov 11), hourly, the guide's 50万 shop: a handful of agents at the midnight peak.
const plan = parsePlan({ ...planInput(), window: { start: "2026-11-11T00:00", end: "2026-11-12T00:00" }, shifts: { lengthsHours: [4, 8] } });
const staffing = planStaffing(plan, catalog);
const roster = (people: Person[]) => buildRoster(plan, staffing, people, { solve, clock: () => performance.now(), timeLimitSec: 20 });
const at = (local: string) => Date.parse(`2026-11-${local.replace(" ", "T")}:00+08:00`);

const person = (id: string, overrides: Partial<Person> = {}): Person => ({
  id,
  name: `Agent ${id}`,
  subAccount: `shop:${id}`,
  skills: ["presales", "aftersales"],
  kind: "fulltime",
  trained: true,
  availability: [],
  maxHours: 12,
  ...overrides,
});
const pool = (n: number, overrides: Partial<Person> = {}) => Array.from({ length: n }, (_, i) => person(`p${i + 1}`, overrides));

describe("buildRoster", () => {
  it("with a large enough pool, covers every interval at the design's optimum, and obeys every rule", () => {
    const r = roster(pool(40));
    expect(r.status).toBe("optimal");
    expect(r.findings).toEqual([]);
    expect(r.shortfallRuns).toEqual([]);
    expect(r.coverage.every((c) => c.presales.rostered >= c.presales.required && c.aftersales.rostered >= c.aftersales.required)).toBe(true);
    expect(r.paidHours).toBe(r.design.presales.paidHours + r.design.aftersales.paidHours);
    expect(r.gap).toBe(0);
    expect(Math.max(...r.people.map((p) => p.longestStretchHours))).toBeLessThanOrEqual(12);
  });

  it("an untrained temp is never placed, and is listed", () => {
    const r = roster([...pool(40), person("t1", { kind: "temp", trained: false })]);
    expect(r.shifts.some((s) => s.personId === "t1")).toBe(false);
    expect(r.untrainedTemps).toEqual([{ id: "t1", name: "Agent t1" }]);
  });

  it("an unavailable hour is never used: evening-only staff work only in their window", () => {
    const evening = pool(10, { availability: [{ startMs: at("11 18:00"), endMs: at("12 00:00") }] }).map((p, i) => ({ ...p, id: `e${i}` }));
    const r = roster([...pool(30), ...evening]);
    for (const s of r.shifts.filter((x) => x.personId.startsWith("e"))) {
      expect(Date.parse(s.start)).toBeGreaterThanOrEqual(at("11 18:00"));
      expect(Date.parse(s.end)).toBeLessThanOrEqual(at("12 00:00"));
    }
    expect(r.findings).toEqual([]);
  });

  it("when the pool is too small, the result is a shortfall naming the intervals, pre-sales covered first", () => {
    const r = roster(pool(3));
    expect(r.status).toBe("shortfall");
    expect(r.shortfallRuns.length).toBeGreaterThan(0);
    const short = (q: "presales" | "aftersales") => r.coverage.reduce((s, c) => s + c[q].shortfall, 0);
    const required = (q: "presales" | "aftersales") => r.coverage.reduce((s, c) => s + c[q].required, 0);
    expect(short("presales") / required("presales")).toBeLessThan(short("aftersales") / required("aftersales"));
    for (const run of r.shortfallRuns) {
      const inRun = r.coverage.filter((c) => Date.parse(c.start) >= Date.parse(run.from) && Date.parse(c.start) < Date.parse(run.to));
      expect(inRun.every((c) => c[run.queue].shortfall > 0)).toBe(true);
    }
    expect(r.findings).toEqual([]);
  });

  it("a pre-sales-only agent is never put on after-sales", () => {
    const r = roster(pool(40, { skills: ["presales"] }));
    expect(r.shifts.every((s) => s.queue === "presales")).toBe(true);
    expect(r.status).toBe("shortfall");
  });

  it("after-sales work arriving in the peak band waits up to the plan's limit: fewer paid hours, nothing short", () => {
    // After-sales concentrated in the first hour of the day (every order contacts once, intraday
    // weight 40 at 00:00 and 1 elsewhere), 4-hour shifts: without deferral the 00:00 spike needs
    // agents of its own; with 2 h of deferral the hours after it absorb part of it.
    const spiky = { ...plan, shifts: { ...plan.shifts, lengthsHours: [4] }, aftersales: { ...plan.aftersales, contactRate: 1, intradayHourly: [40, ...new Array(23).fill(1)] } };
    const deferring = { ...spiky, aftersales: { ...spiky.aftersales, maxDeferHours: 2 }, peakBand: { start: "2026-11-11T00:00", end: "2026-11-11T01:00" } };
    const build = (p: typeof plan) => buildRoster(p, planStaffing(p, catalog), pool(60), { solve, clock: () => performance.now(), timeLimitSec: 20 });
    const now = build(spiky);
    const later = build(deferring);

    expect(now.aftersalesDeferral).toBeNull();
    expect(later.aftersalesDeferral).toEqual({ maxHours: 2, from: "2026-11-11T00:00:00.000+08:00", to: "2026-11-11T01:00:00.000+08:00" });
    expect(later.status).toBe("optimal");
    expect(later.design.aftersales.paidHours).toBeLessThan(now.design.aftersales.paidHours);
    const first = later.coverage[0]!.aftersales;
    expect(first.deferred).toBeGreaterThan(0);
    expect(first.rostered + first.deferred).toBe(first.required);
    expect(later.coverage.every((c) => c.aftersales.shortfall === 0)).toBe(true);
    expect(later.findings).toEqual([]);
  });
});

describe("buildRoster on the sample plan", () => {
  const samplePlan = parsePlan(JSON.parse(readFileSync(new URL("../../data/samples/mid-size-double11.plan.json", import.meta.url), "utf8")));
  const sampleStaffing = planStaffing(samplePlan, catalog);
  const sampleStaff = parseStaff(readCsv(readFileSync(new URL("../../data/samples/mid-size-double11.staff.csv", import.meta.url), "utf8")), samplePlan.zone);
  const solveSample = (people: Person[]) => buildRoster(samplePlan, sampleStaffing, people, { solve, clock: () => performance.now(), timeLimitSec: 60 });
  // Issue 10's short pool rests on the sample's requirement on the factor method (its pre-sales
  // peak needs 239 agents; the chat model's 210 leave the pool without support staff enough).
  const factorPlan = parsePlan(JSON.parse(readFileSync(new URL(`../../${FACTOR_SAMPLE_PLAN}`, import.meta.url), "utf8")));
  const factorStaffing = planStaffing(factorPlan, catalog);
  const solveFactor = (people: Person[]) => buildRoster(factorPlan, factorStaffing, people, { solve, clock: () => performance.now(), timeLimitSec: 60 });

  it("with the whole sample pool: nothing short, paid hours at their bound, no findings", () => {
    const r = solveSample(sampleStaff);
    expect(r.status).toBe("optimal");
    expect(r.method).toBe("design-then-assign");
    expect(r.shortfallAgentHours).toBe(0);
    expect(r.paidHours).toBe(r.lowerBoundHours);
    expect(r.findings).toEqual([]);
    expect(r.hiring).toBeNull();
  });

  // Issue 10's case: without the 40 support staff, design-then-assign left 110 agent-hours of
  // pre-sales short while a relaxation proves 1 is the least possible.
  it("without the support staff: the shortfall is within 10 % + 2 h of its proven bound, and the suggested hires close it", () => {
    const people = sampleStaff.filter((p) => p.kind !== "support");
    const r = solveFactor(people);
    expect(r.status).toBe("shortfall");
    expect(r.shortfallLowerBoundHours).not.toBeNull();
    expect(r.weightedShortfall.hours).toBeLessThanOrEqual(r.weightedShortfall.lowerBound! * 1.1 + 2);
    expect(r.shortfallAgentHours).toBeLessThan(110);
    expect(r.hiring?.closesGap).toBe(true);
    const withHires = solveFactor([...people, ...(r.hiring?.people ?? [])]);
    expect(withHires.shortfallAgentHours).toBe(0);
    expect(withHires.findings).toEqual([]);
  }, 90_000);
});
