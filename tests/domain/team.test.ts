import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { serveWithDeferral } from "../../src/domain/backlog.ts";
import { decompose } from "../../src/domain/decompose.ts";
import type { Solve } from "../../src/domain/lp.ts";
import { optimiseTeam, rosterFigures, teamBounds } from "../../src/domain/optimise.ts";
import { buildRoster, fitsRules, type RosterDemand, rosterStatus } from "../../src/domain/roster.ts";
import { enumerateShifts } from "../../src/domain/shifts.ts";
import type { Person, Queue } from "../../src/domain/staff.ts";
import { parsePlan } from "../../src/schemas.ts";
import { createSolve } from "../../src/solver/highs.ts";
import { shortfallWeights, type TeamInstance, teamGroups } from "../../src/domain/team.ts";
import { type Assignment, DEFAULT_RULES, type RosterRules, validateRoster } from "../../src/domain/validate.ts";
import { planInput } from "../fixtures.ts";

let solve: Solve;
beforeAll(async () => {
  solve = await createSolve();
});

const HOUR = 3_600_000;
const at = (local: string) => Date.parse(`2026-${local.replace(" ", "T")}:00+08:00`);
const person = (id: string, overrides: Partial<Person> = {}): Person => ({
  id,
  name: `Agent ${id}`,
  subAccount: `shop:${id}`,
  skills: ["presales"],
  kind: "fulltime",
  trained: true,
  availability: [],
  maxHours: 48,
  ...overrides,
});

/** Hourly demand from Nov 10 12:00 (local), no peak band unless given. */
function demand(presales: number[], aftersales = presales.map(() => 0), peak: [number, number] = [0, 0]): RosterDemand {
  const start = at("11-10 12:00");
  const iso = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace("Z", "+08:00");
  return {
    intervals: presales.map((p, t) => ({ start: iso(start + t * HOUR), presales: { scheduledAgents: p }, aftersales: { scheduledAgents: aftersales[t]! } })),
    peakBand: { start: iso(start + peak[0] * HOUR), end: iso(start + peak[1] * HOUR), fromIndex: peak[0], toIndex: peak[1], source: "plan" },
  };
}

// Nov 10 12:00–24:00, hourly, only 8-hour shifts starting every 4 hours (12:00 and 16:00 fit).
const toyPlan = parsePlan({
  ...planInput(),
  window: { start: "2026-11-10T12:00", end: "2026-11-11T00:00" },
  shifts: { lengthsHours: [8], startStepMinutes: 240, breakRule: null },
  hiring: { profiles: [{ id: "evening", name: "晚班临时", kind: "temp", skills: ["presales"], windows: [{ start: "2026-11-10T16:00", end: "2026-11-11T00:00" }], maxHours: 8 }] },
});
const options = () => ({ solve, clock: () => performance.now(), timeLimitSec: 20 });

describe("a roster built for the team", () => {
  // 1 agent 12–16, 2 agents 16–20, 1 agent 20–24. The cheapest design is unique: 12–20 and 16–24.
  // Both people are available 12:00–20:00 only, so nobody can take 16–24:
  //   design then assign: 12–20 staffed, 16–24 not → short 1 agent 16–24 = 8 agent-hours;
  //   best possible (by hand): both on 12–20 → only 20–24 short = 4 agent-hours, and no roster
  //   can cover 20–24 (nobody is available), so 4 is also the bound.
  const required = [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1];
  const dayOnly = [person("P1"), person("P2")].map((p) => ({ ...p, availability: [{ startMs: at("11-10 12:00"), endMs: at("11-10 20:00") }] }));

  it("when people are available only before 20:00, it leaves the hand-computed least shortfall (4 h, not 8) and proves it", () => {
    const r = buildRoster(toyPlan, demand(required), dayOnly, options());
    expect(r.method).toBe("team-model");
    expect(r.shortfallAgentHours).toBe(4);
    expect(r.shortfallLowerBoundHours).toBe(4);
    expect(r.shortfallGap).toBe(0);
    expect(r.status).toBe("shortfall");
    expect(r.shifts.map((s) => [s.personId, s.start, s.end])).toEqual([
      ["P1", "2026-11-10T12:00:00.000+08:00", "2026-11-10T20:00:00.000+08:00"],
      ["P2", "2026-11-10T12:00:00.000+08:00", "2026-11-10T20:00:00.000+08:00"],
    ]);
    expect(r.shortfallRuns).toEqual([{ queue: "presales", from: "2026-11-10T20:00:00.000+08:00", to: "2026-11-11T00:00:00.000+08:00", maxShort: 1, agentHoursShort: 4 }]);
  });

  it("answers how many of which hire profile close the gap, and those hires added to the pool leave nothing short", () => {
    const r = buildRoster(toyPlan, demand(required), dayOnly, options());
    expect(r.hiring?.hires.map((h) => [h.profileId, h.count])).toEqual([["evening", 1]]);
    expect(r.hiring?.closesGap).toBe(true);
    const again = buildRoster(toyPlan, demand(required), [...dayOnly, ...(r.hiring?.people ?? [])], options());
    expect(again.shortfallAgentHours).toBe(0);
    expect(again.status).toBe("optimal");
    expect(again.hiring).toBeNull();
  });

  it("pre-sales at the peak comes first: one person, two queues short at the same time, takes pre-sales", () => {
    const plan = parsePlan({ ...planInput(), window: { start: "2026-11-10T12:00", end: "2026-11-10T20:00" }, shifts: { lengthsHours: [8], breakRule: null } });
    const both = [person("B1", { skills: ["presales", "aftersales"] })];
    const r = buildRoster(plan, demand([1, 1, 1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 1, 1, 1], [0, 8]), both, options());
    expect(r.shifts.map((s) => s.queue)).toEqual(["presales"]);
    expect(r.shortfallByQueue).toEqual({ presales: 0, aftersales: 8 });
  });
});

describe("rosterStatus", () => {
  const base = { timedOut: false, shortHours: 0, weightedShort: 0, weightedBound: 0 as number | null, paidProven: true, designsProven: true, method: "team-model" as const };
  it("a shortfall within 10 % + 2 weighted agent-hours of its bound is proven: status shortfall", () => {
    expect(rosterStatus({ ...base, shortHours: 40, weightedShort: 100, weightedBound: 90 })).toBe("shortfall");
  });
  it("a shortfall further than that above its bound says feasible, never optimal", () => {
    expect(rosterStatus({ ...base, shortHours: 40, weightedShort: 100, weightedBound: 88 })).toBe("feasible");
  });
  it("a shortfall without a bound is feasible", () => {
    expect(rosterStatus({ ...base, shortHours: 1, weightedShort: 2, weightedBound: null })).toBe("feasible");
  });
  it("nothing short and paid hours at their bound is optimal; above it, feasible", () => {
    expect(rosterStatus(base)).toBe("optimal");
    expect(rosterStatus({ ...base, paidProven: false })).toBe("feasible");
  });
});

describe("the assignment's own rule checks", () => {
  // minRestHours 1 < restResetHours 6: periods 1.5 h apart stitch into one stretch.
  const rules: RosterRules = { ...DEFAULT_RULES, minRestHours: 1 };
  const shift = (from: string, to: string): Assignment => ({ personId: "p1", queue: "presales", startMs: at(from), endMs: at(to), breaks: [] });
  const slot = (from: string, to: string) => ({ queue: "presales" as Queue, startMs: at(from), endMs: at(to), breaks: [], priority: 1 });

  it("design then assign refuses 02:00–07:00 after 18:00–00:30: a 13-hour stitched stretch", () => {
    expect(fitsRules([shift("11-10 18:00", "11-11 00:30")], slot("11-11 02:00", "11-11 07:00"), rules)).toBe(false);
    // The same shift after 6 h of rest starts a new stretch.
    expect(fitsRules([shift("11-10 18:00", "11-11 00:30")], slot("11-11 06:30", "11-11 11:30"), rules)).toBe(true);
  });

  it("design then assign refuses a shift closer than minRestHours to another", () => {
    expect(fitsRules([shift("11-10 08:00", "11-10 12:00")], slot("11-10 12:30", "11-10 14:00"), rules)).toBe(false);
    expect(fitsRules([shift("11-10 08:00", "11-10 12:00")], slot("11-10 13:00", "11-10 14:00"), rules)).toBe(true);
  });

  const times = [
    { startMs: at("11-10 18:00"), endMs: at("11-11 00:30"), breaks: [] },
    { startMs: at("11-11 02:00"), endMs: at("11-11 07:00"), breaks: [] },
  ];
  const split = (people: Person[], counts: number[], restHours: number) =>
    decompose({
      groups: teamGroups(people),
      peopleOf: () => people,
      columns: [
        { group: 0, shift: 0, queue: "presales" },
        { group: 0, shift: 1, queue: "presales" },
      ],
      counts,
      timesOf: (s) => times[s]!,
      restMs: restHours * HOUR,
      zone: "Asia/Shanghai",
      peak: { startMs: 0, endMs: 0 },
    });

  it("the team's decomposition never stitches 18:00–00:30 and 02:00–07:00 onto one person: it keeps restResetHours between shifts", () => {
    const d = split([person("p1"), person("p2")], [1, 1], rules.restResetHours);
    expect(d.unplaced).toEqual([]);
    expect(new Set(d.assignments.map((a) => a.personId)).size).toBe(2);
    // With one person, the second shift is left unplaced rather than stitched.
    expect(split([person("p1")], [1, 1], rules.restResetHours).unplaced).toEqual([{ group: 0, queue: "presales", hours: 5 }]);
  });

  it("the team's decomposition keeps each person within their maximum hours", () => {
    // With 1 h of rest one person could work both (11.5 h), but p1 may work 7 h and p2 6.5 h.
    const people = [person("p1", { maxHours: 7 }), person("p2", { maxHours: 6.5 })];
    const d = split(people, [1, 1], 1);
    expect(d.unplaced).toEqual([]);
    expect(d.assignments.map((a) => a.personId).sort()).toEqual(["p1", "p2"]);
    expect(validateRoster(people, d.assignments, { ...rules, restResetHours: 1 })).toEqual([]);
    // One person with 7 h cannot take both: the second is unplaced, not over their hours.
    expect(split([person("p1", { maxHours: 7 })], [1, 1], 1).unplaced).toEqual([{ group: 0, queue: "presales", hours: 5 }]);
  });
});

describe("the bound is never above the least shortfall (brute force on random small pools)", () => {
  // Six hourly intervals from Nov 10 18:00, 2- and 3-hour shifts every hour, peak 20:00–22:00,
  // after-sales arriving at the peak may wait an hour. Every roster of up to three people is
  // enumerated (each person's schedules checked by the independent validator), and the least
  // weighted shortfall found is compared with the team model's bound and its roster.
  const start = at("11-10 18:00");
  const T = 6;
  const shifts = enumerateShifts({ start: "2026-11-10T18:00:00+08:00", intervalMinutes: 60, demand: new Array(T).fill(0), shiftLengthsHours: [2, 3], shiftStartStepMinutes: 60, breakRule: null });
  const windows = [[], [{ startMs: start, endMs: start + 3 * HOUR }], [{ startMs: start + 2 * HOUR, endMs: start + 6 * HOUR }]];
  const skillSets: Queue[][] = [["presales"], ["aftersales"], ["presales", "aftersales"]];
  const arbPerson = fc.record({ skills: fc.integer({ min: 0, max: 2 }), window: fc.integer({ min: 0, max: 2 }), maxHours: fc.constantFrom(2, 3, 5, 6) });
  const arbCase = fc.record({
    presales: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: T, maxLength: T }),
    aftersales: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: T, maxLength: T }),
    people: fc.array(arbPerson, { minLength: 1, maxLength: 3 }),
  });

  const instanceOf = (c: { presales: number[]; aftersales: number[]; people: Person[] }, rules: RosterRules): TeamInstance => ({
    windowStartMs: start,
    intervalMin: 60,
    required: { presales: c.presales, aftersales: c.aftersales },
    peak: { from: 2, to: 4 },
    deferral: { maxIntervals: 1, from: 2, to: 4 },
    shifts,
    groups: teamGroups(c.people),
    rules,
  });

  /** Least weighted and least plain shortfall over every valid roster. */
  function bruteForce(instance: TeamInstance, people: Person[]): { weighted: number; plain: number } {
    const weights = shortfallWeights(instance);
    const schedules = people.map((p) => coverageVectors(p, instance));
    let weighted = Number.POSITIVE_INFINITY;
    let plain = Number.POSITIVE_INFINITY;
    const walk = (i: number, pre: number[], after: number[]) => {
      if (i === schedules.length) {
        const sp = serveWithDeferral(instance.required.presales, pre);
        const sa = serveWithDeferral(instance.required.aftersales, after, instance.deferral);
        weighted = Math.min(weighted, sp.reduce((s, c, t) => s + c.shortfall * weights.presales[t]!, 0) + sa.reduce((s, c, t) => s + c.shortfall * weights.aftersales[t]!, 0));
        plain = Math.min(
          plain,
          [...sp, ...sa].reduce((s, c) => s + c.shortfall, 0),
        );
        return;
      }
      for (const v of schedules[i]!)
        walk(
          i + 1,
          pre.map((x, t) => x + v.presales[t]!),
          after.map((x, t) => x + v.aftersales[t]!),
        );
    };
    walk(0, new Array(T).fill(0), new Array(T).fill(0));
    return { weighted, plain };
  }

  /** Every valid schedule of one person, as distinct coverage vectors per queue. */
  function coverageVectors(p: Person, instance: TeamInstance): { presales: number[]; aftersales: number[] }[] {
    const options: Assignment[] = shifts.flatMap((s) =>
      p.skills.map((queue) => ({ personId: p.id, queue, startMs: start + s.startMin * 60_000, endMs: start + (s.startMin + s.lengthMin) * 60_000, breaks: [] })),
    );
    const seen = new Map<string, { presales: number[]; aftersales: number[] }>();
    const grow = (from: number, own: Assignment[]) => {
      const f = rosterFigures(instance, own);
      seen.set(`${f.rostered.presales}|${f.rostered.aftersales}`, f.rostered);
      for (let k = from; k < options.length; k++) {
        const next = [...own, options[k]!];
        if (validateRoster([p], next, instance.rules).length === 0) grow(k + 1, next);
      }
    };
    grow(0, []);
    return [...seen.values()];
  }

  const toPeople = (list: { skills: number; window: number; maxHours: number }[]) =>
    list.map((x, i) => person(`r${i}`, { skills: skillSets[x.skills]!, availability: windows[x.window]!, maxHours: x.maxHours }));

  /** One random case: the pool, the brute-force least shortfall, the team model's roster and its bounds. */
  function solveCase(c: { presales: number[]; aftersales: number[]; people: { skills: number; window: number; maxHours: number }[] }, rules: RosterRules) {
    const people = toPeople(c.people);
    const instance = instanceOf({ ...c, people }, rules);
    const team = optimiseTeam(instance, { ...options(), zone: "Asia/Shanghai", costPerHour: 1 });
    const bounds = teamBounds(instance, { solve, timeLimitSec: 10, costPerHour: 1 }, team.figures.weightedShort, team.lpObjective);
    return { people, best: bruteForce(instance, people), team, bounds };
  }

  it("with stitched stretches allowed (rest 1 h < reset 2 h): bound ≤ least possible ≤ the roster's", async () => {
    const rules = { maxContinuousDutyHours: 6, restResetHours: 2, minRestHours: 1 };
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const { people, best, team, bounds } = solveCase(c, rules);
        expect(validateRoster(people, team.assignments, rules)).toEqual([]);
        expect(bounds.weightedShortfall).not.toBeNull();
        expect(bounds.weightedShortfall!).toBeLessThanOrEqual(best.weighted + 1e-9);
        expect(bounds.shortfallHours!).toBeLessThanOrEqual(best.plain + 1e-9);
        expect(team.figures.weightedShort).toBeGreaterThanOrEqual(best.weighted - 1e-9);
      }),
      { seed: 20261111, numRuns: 40 },
    );
  });

  it("with rest = reset (the defaults' shape), the team model finds the least shortfall, and its bound is not above it", async () => {
    const rules = { maxContinuousDutyHours: 6, restResetHours: 1, minRestHours: 1 };
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const { best, team, bounds } = solveCase(c, rules);
        expect(team.figures.weightedShort).toBeCloseTo(best.weighted, 9);
        expect(bounds.weightedShortfall!).toBeLessThanOrEqual(best.weighted + 1e-9);
      }),
      { seed: 20261110, numRuns: 40 },
    );
  });
});

describe("review regressions", () => {
  const W0 = at("11-10 12:00");

  it("after-sales waiting does not lift the shortfall bounds above a real roster's (15-minute grain)", () => {
    // One after-sales person on 12:15–14:00; 1 pre-sales and 1 after-sales at 12:00, which may wait two intervals.
    const p = person("A", { skills: ["aftersales"] });
    const instance: TeamInstance = {
      windowStartMs: W0,
      intervalMin: 15,
      required: { presales: [1, 0, 0, 0, 0, 0, 0, 0], aftersales: [1, 0, 0, 0, 0, 0, 0, 0] },
      peak: { from: 0, to: 8 },
      deferral: { maxIntervals: 2, from: 0, to: 8 },
      shifts: [{ name: "s", startMin: 15, lengthMin: 105, breaks: [], cost: 1.75, maxCount: Number.POSITIVE_INFINITY, rows: [1, 2, 3, 4, 5, 6, 7] }],
      groups: teamGroups([p]),
      rules: DEFAULT_RULES,
    };
    const roster: Assignment[] = [{ personId: "A", queue: "aftersales", startMs: W0 + 15 * 60_000, endMs: W0 + 120 * 60_000, breaks: [] }];
    expect(validateRoster([p], roster, DEFAULT_RULES)).toEqual([]);
    const f = rosterFigures(instance, roster);
    // The after-sales work waits 15 minutes and is served; the pre-sales quarter-hour (peak, ×3) is short.
    expect(f.weightedShort).toBe(0.75);
    for (const cap of [f.weightedShort, f.weightedShort + 1]) {
      const b = teamBounds(instance, { solve, timeLimitSec: 10, costPerHour: 1 }, cap, null);
      expect(b.weightedShortfall).toBe(0.75);
      expect(b.shortfallHours).toBe(0.25);
      expect(b.paidHours!).toBeLessThanOrEqual(f.paidHours);
    }
  });

  it("a plan asking for more rest than it takes to reset a stretch (minRest 8 h > reset 2 h) gets a valid team roster", () => {
    const rules = { maxContinuousDutyHours: 12, restResetHours: 2, minRestHours: 8 };
    const p = person("A");
    const required = [1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 0];
    const instance: TeamInstance = {
      windowStartMs: W0,
      intervalMin: 60,
      required: { presales: required, aftersales: required.map(() => 0) },
      peak: { from: 0, to: 0 },
      deferral: undefined,
      shifts: enumerateShifts({ start: "2026-11-10T12:00:00+08:00", intervalMinutes: 60, demand: required, shiftLengthsHours: [4], breakRule: null }),
      groups: teamGroups([p]),
      rules,
    };
    const team = optimiseTeam(instance, { ...options(), zone: "Asia/Shanghai", costPerHour: 1 });
    expect(validateRoster([p], team.assignments, rules)).toEqual([]);
    // 12–16 and 19–23 are 3 h apart: one person can work only one of them.
    expect(team.figures.shortHours.presales).toBe(4);
  });

  it("hires are told apart by their exact ids, even when one profile's id begins with another's", () => {
    const plan = parsePlan({
      ...toyPlan,
      hiring: {
        profiles: [
          { id: "ev", name: "早班", kind: "temp", skills: ["presales"], windows: [{ start: "2026-11-10T12:00", end: "2026-11-10T13:00" }], maxHours: 1 },
          { id: "ev-late", name: "晚班临时", kind: "temp", skills: ["presales"], windows: [{ start: "2026-11-10T16:00", end: "2026-11-11T00:00" }], maxHours: 8 },
        ],
      },
    });
    const dayOnly = [person("P1"), person("P2")].map((p) => ({ ...p, availability: [{ startMs: at("11-10 12:00"), endMs: at("11-10 20:00") }] }));
    const r = buildRoster(plan, demand([1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1, 1]), dayOnly, options());
    expect(r.hiring?.hires.map((h) => [h.profileId, h.count, h.hours])).toEqual([["ev-late", 1, 8]]);
  });

  it("a plan with two hire profiles of the same id is refused, naming the field", () => {
    const profile = { id: "x", name: "X", kind: "temp", skills: ["presales"], windows: [{ start: "2026-11-10T16:00", end: "2026-11-11T00:00" }], maxHours: 8 };
    expect(() => parsePlan({ ...planInput(), hiring: { profiles: [profile, profile] } })).toThrow(/hiring\.profiles.*unique|unique/);
  });
});
