import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { designShifts } from "../../src/domain/design.ts";
import type { Solve } from "../../src/domain/lp.ts";
import { coverageOf, type DesignInstance, enumerateShifts } from "../../src/domain/shifts.ts";
import { parseDesignInstance } from "../../src/schemas.ts";
import { createSolve } from "../../src/solver/highs.ts";

let solve: Solve;
beforeAll(async () => {
  solve = await createSolve();
});
const design = (instance: DesignInstance) => designShifts(instance, { solve, clock: () => performance.now(), timeLimitSec: 60 });
const bench = (size: string) => parseDesignInstance(JSON.parse(readFileSync(new URL(`../fixtures/bench/d11-${size}.json`, import.meta.url), "utf8")));

// Hillier & Lieberman, "Introduction to Operations Research", §3.4 personnel scheduling
// (Union Airlines): five 8-hour shifts from 6:00 with daily costs $170, 160, 175, 180, 195;
// agents needed per period from 6:00: 48, 79, 65, 87, 64, 73, 82, 43, 52, then 15 from
// midnight to 6:00. Published optimum: (48, 31, 39, 43, 15) agents, total cost $30,610.
const unionAirlines: DesignInstance = {
  name: "Union Airlines",
  start: "2026-11-10T06:00:00+08:00",
  intervalMinutes: 120,
  demand: [48, 79, 65, 87, 64, 73, 82, 43, 52, 15, 15, 15],
  templates: [
    { name: "S1 06-14", startMinute: 0, lengthMinutes: 480, cost: 170 },
    { name: "S2 08-16", startMinute: 120, lengthMinutes: 480, cost: 160 },
    { name: "S3 12-20", startMinute: 360, lengthMinutes: 480, cost: 175 },
    { name: "S4 16-24", startMinute: 600, lengthMinutes: 480, cost: 180 },
    { name: "S5 22-06", startMinute: 960, lengthMinutes: 480, cost: 195 },
  ],
};

// Winston, "Operations Research: Applications and Algorithms", §3.5 (post office): each
// employee works five consecutive days of a repeating week; needs Mon–Sun 17, 13, 15, 19, 14,
// 16, 11. The LP optimum is 67/3 = 22.33 employees; the integer optimum is 23.
const postOffice: DesignInstance = {
  name: "post office",
  start: "2026-11-09T00:00:00+08:00",
  intervalMinutes: 1440,
  demand: [17, 13, 15, 19, 14, 16, 11],
  shiftLengthsHours: [120],
  shiftStartStepMinutes: 1440,
  costPerHour: 1 / 120,
  cyclic: true,
};

describe("enumerateShifts", () => {
  // The peers' model sizes in shared/bench/README.md: 85, 1,887, 6,747 and 17,115 variables.
  it.each([
    ["S", 85],
    ["M", 1887],
    ["L", 6747],
    ["XL", 17115],
  ])("builds the same %s model as the peers (%i shifts)", (size, count) => {
    expect(enumerateShifts(bench(size))).toHaveLength(count);
  });

  it("a 10 h shift with a 60 min break in [0.4, 0.6] of it covers 9 h, never during its break", () => {
    const [withBreak] = enumerateShifts({
      start: "2026-11-10T00:00:00+08:00",
      intervalMinutes: 60,
      demand: new Array(24).fill(1),
      shiftLengthsHours: [10],
      shiftStartStepMinutes: 60,
      breakRule: { minShiftHours: 8, breakMinutes: 60, window: [0.4, 0.6] },
    });
    expect(withBreak?.rows).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(withBreak?.breaks).toEqual([{ startMin: 240, lengthMin: 60 }]);
  });

  it("a cyclic shift wraps past the end of the window to its start", () => {
    const sundayStart = enumerateShifts(postOffice).find((s) => s.startMin === 6 * 1440);
    expect(sundayStart?.rows).toEqual([0, 1, 2, 3, 6]);
  });

  it("rejects a start step off the interval grid, naming the field", () => {
    expect(() => enumerateShifts({ ...bench("S"), shiftStartStepMinutes: 90 })).toThrow(/shiftStartStepMinutes/);
  });
});

describe("designShifts", () => {
  it("finds the published Union Airlines optimum: $30,610 with (48, 31, 39, 43, 15) agents", () => {
    const r = design(unionAirlines);
    expect(r.status).toBe("optimal");
    expect(r.cost).toBe(30_610);
    expect(r.agentsPerShift.map((s) => s.agents)).toEqual([48, 31, 39, 43, 15]);
    expect(r.gap).toBe(0);
  });

  it("finds the post office's 23 employees although the LP bound is 22.33, and proves it", () => {
    const r = design(postOffice);
    expect(r.status).toBe("optimal");
    expect(r.cost).toBeCloseTo(23, 9);
    expect(r.lowerBoundHours).toBeCloseTo((67 / 3) * 120, 6);
    // Whole-number costs: the bound 22.33 rounds up to 23, which the design meets.
    expect(r.lowerBound).toBe(23);
    expect(r.gap).toBe(0);
    expect(r.coverage.every((c) => c.covered >= c.demand)).toBe(true);
  });

  it("when the LP bound cannot prove the rounding optimal, the full MIP runs and proves it", () => {
    // Costs of 1.1 per employee are not whole numbers, so 22.33 × 1.1 does not round up to a proof.
    const r = design({ ...postOffice, costPerHour: 1.1 / 120 });
    expect(r.stages.map((s) => s.stage)).toContain("full-mip");
    expect(r.status).toBe("optimal");
    expect(r.cost).toBeCloseTo(23 * 1.1, 9);
    expect(r.lowerBound).toBeCloseTo(23 * 1.1, 6);
  });

  it("a solver that runs out of time is reported as a timeout, not thrown", () => {
    const timeout: Solve = () => ({ status: "timeout", x: null, objective: Number.NaN, bound: Number.NEGATIVE_INFINITY });
    const r = designShifts(unionAirlines, { solve: timeout, clock: () => 0, timeLimitSec: 1 });
    expect(r.status).toBe("timeout");
    expect(r.agentsPerShift).toEqual([]);
    expect(r.gap).toBeNull();
  });

  it.each(["S", "M"])("solves bench instance %s to its published optimum with coverage ≥ demand everywhere", (size) => {
    const optimum = { S: 402, M: 3234 }[size as "S" | "M"];
    const r = design(bench(size));
    expect(r.status).toBe("optimal");
    expect(r.paidHours).toBe(optimum);
    expect(r.lowerBoundHours).toBeCloseTo(optimum, 6);
    expect(r.gap).toBe(0);
    // Re-check coverage from the reported shift times alone.
    const instance = bench(size);
    const chosen = r.agentsPerShift.map((s) => ({
      agents: s.agents,
      shift: {
        startMin: minutesFrom(instance.start, s.start),
        lengthMin: s.lengthHours * 60,
        breaks: s.breaks.map((b) => ({ startMin: minutesFrom(instance.start, b.start), lengthMin: minutesFrom(b.start, b.end) })),
      },
    }));
    const covered = coverageOf(instance, chosen);
    expect(covered.filter((c, t) => c < instance.demand[t]!)).toEqual([]);
  });

  it("when maxCount is too low, the result says shortfall and names the short intervals", () => {
    const capped = { ...unionAirlines, templates: unionAirlines.templates?.map((t) => (t.name === "S5 22-06" ? { ...t, maxCount: 10 } : t)) };
    const r = design(capped);
    expect(r.status).toBe("shortfall");
    expect(r.gap).toBeNull();
    expect(r.uncovered).toEqual([
      { start: "2026-11-11T00:00:00.000+08:00", shortfall: 5 },
      { start: "2026-11-11T02:00:00.000+08:00", shortfall: 5 },
      { start: "2026-11-11T04:00:00.000+08:00", shortfall: 5 },
    ]);
    expect(r.agentsPerShift.find((s) => s.name === "S5 22-06")?.agents).toBe(10);
  });

  it("an all-zero demand needs nobody", () => {
    const r = design({ ...bench("S"), demand: new Array(24).fill(0) });
    expect(r.status).toBe("optimal");
    expect(r.paidHours).toBe(0);
    expect(r.agentsPerShift).toEqual([]);
  });
});

function minutesFrom(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / 60_000;
}

describe("designShifts with after-sales deferral", () => {
  // Hourly, 4-hour shifts only, 2 agents needed all day and 6 at t=2. Hand calculation:
  // t=0 is covered only by shifts starting at 0 and t=7 only by shifts starting at 4, so 2 + 2
  // agents are needed there, and they cover 2 at every hour. Without deferral t=2 needs 4 more
  // agents on shifts covering t=2: 8 shifts, 32 h. If t=2's work may wait 2 h, each extra agent
  // on duty at t=2..4 serves at most 3 of the 4 waiting units (one per hour), so 2 more are
  // needed and enough: 6 shifts, 24 h.
  const peaky: DesignInstance = {
    start: "2026-11-10T20:00:00+08:00",
    intervalMinutes: 60,
    demand: [2, 2, 6, 2, 2, 2, 2, 2],
    shiftLengthsHours: [4],
  };

  it("without a deferral, the peak hour is covered when it arrives: 32 paid hours", () => {
    const result = design(peaky);
    expect(result.status).toBe("optimal");
    expect(result.paidHours).toBe(32);
  });

  it("when the peak hour's work may wait 2 h, the optimum is 24 paid hours and no work is short", () => {
    const result = design({ ...peaky, deferral: { maxIntervals: 2, from: 2, to: 3 } });
    expect(result.status).toBe("optimal");
    expect(result.paidHours).toBe(24);
    // The LP relaxation spreads 4/3 extra agents over t=2..4: 16 + 4/3 × 4 = 21.33 h; the
    // integer optimum 24 meets the MIP's bound, so the design is proven optimal.
    expect(result.lowerBoundHours).toBeCloseTo(64 / 3, 9);
    expect(result.lowerBound).toBe(24);
    expect(result.coverage[2]).toMatchObject({ demand: 6, deferred: 2, shortfall: 0 });
    expect(result.coverage.every((c) => c.shortfall === 0)).toBe(true);
  });

  it("nobody is kept waiting when waiting saves nothing", () => {
    // 2-hour shifts, 3 agents needed at 02:00 and at 03:00, work may wait 1 h: 3 agents from
    // 02:00 serve it all on arrival; 3 from 03:00 serve 02:00's work at 03:00 and 03:00's at
    // 04:00. Both cost 6 paid hours; only the first keeps nobody waiting.
    const ties: DesignInstance = { start: peaky.start, intervalMinutes: 60, demand: [0, 0, 3, 3, 0, 0], shiftLengthsHours: [2] };
    const result = design({ ...ties, deferral: { maxIntervals: 1, from: 0, to: 6 } });
    expect(result.paidHours).toBe(6);
    expect(result.coverage.map((c) => c.deferred)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("work may wait only inside the window: a window elsewhere changes nothing", () => {
    const result = design({ ...peaky, deferral: { maxIntervals: 2, from: 4, to: 8 } });
    expect(result.paidHours).toBe(32);
  });
});
