import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../../src/csv.ts";
import type { Solve } from "../../src/domain/lp.ts";
import { type NightReplan, replanNight } from "../../src/domain/night.ts";
import { replan } from "../../src/domain/replan.ts";
import { DEFAULT_REFORECAST, reforecast } from "../../src/domain/reforecast.ts";
import { buildRoster, type RosterResult } from "../../src/domain/roster.ts";
import { parseStaff } from "../../src/domain/staff.ts";
import { planStaffing } from "../../src/domain/staffing.ts";
import { parsePlan } from "../../src/schemas.ts";
import { createSolve } from "../../src/solver/highs.ts";
import { catalog } from "../fixtures.ts";

// The sample night: the sample plan and staff, the roster solved for them, actuals from
// Nov 10 18:00 to Nov 11 00:30, and a re-plan at 00:30.
const sample = (name: string) => readFileSync(new URL(`../../data/samples/mid-size-double11.${name}`, import.meta.url), "utf8");
const plan = parsePlan(JSON.parse(sample("plan.json")));
const staffing = planStaffing(plan, catalog);
const people = parseStaff(readCsv(sample("staff.csv")), plan.zone);
const NOW = "2026-11-11T00:30";
const nowMs = Date.parse(`${NOW}:00+08:00`);
const HOUR = 3_600_000;

/** Actual human receptions, `factor` × the forecast, for every interval from 18:00 to now. */
const actualsAt = (factor: number) =>
  staffing.intervals
    .filter((r) => r.start.slice(0, 16) >= "2026-11-10T18:00" && r.start.slice(0, 16) < NOW)
    .flatMap((r) => (["presales", "aftersales"] as const).map((queue) => ({ start: r.start.slice(0, 16), queue, receptions: r[queue].humanReceptions * factor })));

let solve: Solve;
let roster: RosterResult;
let busy: NightReplan;
const night = (current: RosterResult, factor: number, noticeMin = 60) =>
  replanNight(plan, staffing, people, current, actualsAt(factor), { now: NOW, noticeMin, reforecast: DEFAULT_REFORECAST, solve, clock: () => performance.now(), timeLimitSec: 30 });

beforeAll(async () => {
  solve = await createSolve();
  roster = buildRoster(plan, staffing, people, { solve, clock: () => performance.now(), timeLimitSec: 60 });
  busy = night(roster, 1.3);
}, 120_000);

describe("reforecast", () => {
  it("actuals 30 % over the forecast for the last 2 hours scale the rest by 1.3, and the requirement rises", () => {
    const rf = reforecast(plan, staffing, actualsAt(1.3), { ...DEFAULT_REFORECAST, now: NOW });
    expect(rf.basis.presales).toMatchObject({ code: "ratio", hours: 2, applied: expect.closeTo(1.3, 9), capped: false });
    const next = rf.intervals[rf.nowIndex]!;
    expect(next.presales.reforecast).toBeCloseTo(next.presales.forecast * 1.3, 9);
    expect(next.presales.required).toBeGreaterThan(next.presales.requiredBefore);
    // Beyond the 12-hour horizon the forecast stands.
    const far = rf.intervals[rf.nowIndex + 24]!;
    expect(far.presales.reforecast).toBe(far.presales.forecast);
  });

  it("caps how far it extrapolates: actuals 5 × the forecast apply at most 2 ×, and say so", () => {
    const rf = reforecast(plan, staffing, actualsAt(5), { ...DEFAULT_REFORECAST, now: NOW });
    expect(rf.basis.presales).toMatchObject({ code: "ratio", applied: 2, capped: true });
  });

  it("a now off the plan's grid is refused, naming now", () => {
    expect(() => reforecast(plan, staffing, [], { ...DEFAULT_REFORECAST, now: "2026-11-11T00:20" })).toThrow(/now/);
  });
});

describe("replanNight, actuals 30 % over the forecast from 18:00", () => {
  it("extends and calls in people, and leaves less short from now on", () => {
    const kinds = new Set(busy.changes.map((c) => c.kind));
    expect(kinds.has("extend")).toBe(true);
    expect(kinds.has("callIn")).toBe(true);
    expect(busy.shortfallAgentHours.after).toBeLessThan(busy.shortfallAgentHours.before);
  });

  it("nobody's stretch passes 12 hours, counting the hours already worked, and the validator passes the whole new roster", () => {
    expect(Math.max(...busy.roster.people.map((p) => p.longestStretchHours))).toBeLessThanOrEqual(12);
    expect(busy.roster.findings).toEqual([]);
    for (const c of busy.changes.filter((x) => x.kind === "extend")) expect(c.stretchHours).toBeLessThanOrEqual(12);
  });

  it("nothing before now changes: every shift or part of a shift before 00:30 is as it was", () => {
    const pastOf = (r: RosterResult) =>
      r.shifts
        .filter((s) => Date.parse(s.start) < nowMs)
        .map((s) => `${s.personId} ${s.queue} ${s.start} ${Math.min(Date.parse(s.end), nowMs)}`)
        .sort();
    expect(pastOf(busy.roster)).toEqual(pastOf(roster));
  });

  it("a call-in never starts before now + notice", () => {
    const callIns = busy.changes.filter((c) => c.kind === "callIn");
    expect(callIns.length).toBeGreaterThan(0);
    for (const c of callIns) expect(Date.parse(c.after!.start)).toBeGreaterThanOrEqual(nowMs + HOUR);
    const later = night(roster, 1.3, 120);
    for (const c of later.changes.filter((x) => x.kind === "callIn" || x.kind === "shift")) expect(Date.parse(c.after!.start)).toBeGreaterThanOrEqual(nowMs + 2 * HOUR);
  });

  it("someone on duty since 13:00 is never extended past 01:00", () => {
    // FT001 works 13:00–01:00 (12 h, the cap) instead of their own shifts.
    const current: RosterResult = {
      ...roster,
      shifts: [
        ...roster.shifts.filter((s) => s.personId !== "FT001"),
        { ...roster.shifts.find((s) => s.personId === "FT001")!, start: "2026-11-10T13:00:00.000+08:00", end: "2026-11-11T01:00:00.000+08:00", breaks: [] },
      ],
    };
    const r = night(current, 1.3);
    const own = r.roster.shifts.filter((s) => s.personId === "FT001");
    expect(own.every((s) => Date.parse(s.end) <= Date.parse("2026-11-11T01:00:00+08:00") || Date.parse(s.start) >= Date.parse("2026-11-11T07:00:00+08:00"))).toBe(true);
    expect(r.changes.some((c) => c.personId === "FT001" && c.kind === "extend")).toBe(false);
  });
});

describe("replanNight, actuals under the forecast", () => {
  it("sends people to rest early, never leaving an interval below its requirement that was covered", () => {
    const quiet = night(roster, 0.6);
    expect(quiet.changes.some((c) => c.kind === "rest" || c.kind === "shorten")).toBe(true);
    for (const c of quiet.coverage) {
      for (const q of ["presales", "aftersales"] as const) expect(c[q].after).toBeGreaterThanOrEqual(Math.min(c[q].required, c[q].before));
    }
    expect(quiet.roster.paidHours).toBeLessThan(roster.paidHours);
  });
});

describe("replan on toy nights (review regressions)", () => {
  const W0 = Date.parse("2026-11-10T00:00:00+08:00");
  const rules = { maxContinuousDutyHours: 12, restResetHours: 6, minRestHours: 6 };
  const toy = (intervalMin: number, hours: number, need: (h: number) => number) => {
    const count = (hours * 60) / intervalMin;
    return {
      windowStartMs: W0,
      intervalMin,
      required: { presales: Array.from({ length: count }, (_, t) => need((t * intervalMin) / 60)), aftersales: new Array<number>(count).fill(0) },
      peak: { from: 0, to: 0 },
      deferral: undefined,
      shifts: [],
      groups: [],
      rules,
    };
  };
  const p = { id: "P", name: "P", subAccount: "", skills: ["presales" as const], kind: "fulltime" as const, trained: true, availability: [], maxHours: 18 };
  const at = (h: number) => W0 + h * HOUR;
  const shiftOf = (from: number, to: number, breaks: [number, number][] = []) => ({
    personId: "P",
    queue: "presales" as const,
    startMs: at(from),
    endMs: at(to),
    breaks: breaks.map(([a, b]) => ({ startMs: at(a), endMs: at(b) })),
  });
  const run = (instance: ReturnType<typeof toy>, current: ReturnType<typeof shiftOf>[], nowH: number) =>
    replan(
      { grid: instance, people: [p], current, nowMs: at(nowH), shiftLengthsHours: [8], breakRule: null, costPerHour: 1 },
      { solve, clock: () => performance.now(), timeLimitSec: 10, noticeMin: 60 },
    );

  it("never cancels a shift beyond the re-plan's reach to make room tonight (it would look free)", () => {
    // 16 of 18 hours rostered: Nov 10 16–24 and Nov 12 16–24. Tonight needs someone 00–03; extending to
    // 03:00 would take the hours of the Nov 12 shift, which lies beyond the model's reach: the most it
    // may do is extend to 02:00, within the hours left, and keep the Nov 12 shift.
    const instance = toy(60, 96, (h) => ((h >= 24 && h < 27) || (h >= 64 && h < 72) ? 1 : 0));
    const r = run(instance, [shiftOf(16, 24), shiftOf(64, 72)], 20);
    expect(r.changes.map((c) => [c.kind, c.after && (c.after.endMs - W0) / HOUR])).toEqual([["extend", 26]]);
    expect(r.assignments.some((a) => a.startMs === at(64) && a.endMs === at(72))).toBe(true);
  });

  it("sent to rest during a meal break, the part of the break already taken stays on the record", () => {
    const instance = toy(30, 48, () => 0);
    const r = run(instance, [shiftOf(14, 22, [[19.5, 20.5]])], 20);
    expect(r.changes.map((c) => c.kind)).toEqual(["rest"]);
    expect(r.assignments).toEqual([shiftOf(14, 20, [[19.5, 20]])]);
  });
});
