/**
 * Shift design (DESIGN.md §4): how many agents take each shift so that every interval's
 * requirement is covered at least cost — the classic set-covering model
 *
 *   min Σ cost_s·x_s   s.t.   Σ_{s covers t} x_s + short_t ≥ demand_t,   0 ≤ x_s ≤ maxCount_s integer
 *
 * where `short_t` (shortfall) is allowed at a penalty above any shift's cost, so an
 * instance that cannot be covered (a `maxCount` too low) comes back as data naming the
 * intervals, never as a solver failure.
 *
 * Solved in stages, each with a proof obligation, because the LP relaxation of these
 * models is tight: (1) the LP gives the lower bound and usually an almost integral point;
 * (2) round it down and cover what is left with a small MIP, first over the LP's
 * fractional shifts, then over every shift touching an uncovered interval; (3) only if
 * that does not meet the bound, the full MIP, warm-started from the best solution found.
 * A design is "optimal" when its cost meets the bound, so the gap it reports is proven.
 */
import { DateTime } from "luxon";
import type { LinearModel, Solve, SolveOutcome } from "./lp.ts";
import { coverageOf, type DesignInstance, enumerateShifts, type Shift } from "./shifts.ts";

export type DesignOptions = {
  solve: Solve;
  /** Milliseconds from an arbitrary origin (performance.now); used for stage timings and the time limit. */
  clock: () => number;
  timeLimitSec: number;
};

export type DesignStatus = "optimal" | "feasible" | "infeasible" | "timeout";

export type ShiftUse = {
  name: string;
  start: string;
  end: string;
  lengthHours: number;
  breaks: { start: string; end: string }[];
  cost: number;
  agents: number;
};

export type DesignResult = {
  name: string;
  status: DesignStatus;
  /** Σ agents × shift length (breaks are paid). */
  paidHours: number;
  cost: number;
  /**
   * Proven lower bound on the cost: the LP relaxation, raised by the MIP's bound if it ran,
   * and rounded up when all costs are whole numbers.
   */
  lowerBound: number | null;
  /** The LP relaxation's bound in paid hours, when cost is paid hours × costPerHour; else null. */
  lowerBoundHours: number | null;
  /** (cost − lowerBound) ÷ cost; 0 means proven optimal. Null when the instance cannot be covered. */
  gap: number | null;
  agentsPerShift: ShiftUse[];
  coverage: { start: string; demand: number; covered: number; shortfall: number }[];
  /** Intervals the design leaves short (only when status is "infeasible"). */
  uncovered: { start: string; shortfall: number }[];
  model: { shifts: number; intervals: number };
  stages: { stage: string; ms: number; cost: number | null }[];
  solveMs: number;
};

/**
 * Designs shifts for `instance`. Throws InputError for an instance whose grid does not fit
 * (see enumerateShifts); every other outcome is a status in the result.
 */
export function designShifts(instance: DesignInstance, options: DesignOptions): DesignResult {
  const t0 = options.clock();
  const deadline = t0 + options.timeLimitSec * 1000;
  const remainingSec = () => Math.max(0.01, (deadline - options.clock()) / 1000);
  const stages: DesignResult["stages"] = [];
  const timed = (stage: string, run: () => number[] | null): number[] | null => {
    const start = options.clock();
    const x = run();
    stages.push({ stage, ms: options.clock() - start, cost: x ? costOf(x) : null });
    return x;
  };

  const shifts = enumerateShifts(instance);
  const demand = instance.demand;
  const penalty = shortfallPenalty(shifts, demand.length);
  const full = buildModel(shifts, demand, penalty);
  const costOf = (x: readonly number[]) => x.reduce((sum, v, j) => sum + v * full.cost[j]!, 0);
  const integralCosts = full.cost.every((c) => Number.isInteger(c));
  const meetsBound = (cost: number, bound: number) =>
    integralCosts ? cost <= Math.ceil(bound - 1e-6) + 1e-9 : cost - bound <= 1e-6 * Math.max(1, Math.abs(bound));

  // (1) LP relaxation: the bound, and the point to round.
  let lp: SolveOutcome | undefined;
  const lpX = timed("lp-relaxation", () => {
    lp = options.solve({ ...full.model, integer: false, timeLimitSec: remainingSec() });
    return lp.x ? Array.from(lp.x) : null;
  });
  let bound = lp?.status === "optimal" ? lp.objective : Number.NEGATIVE_INFINITY;
  const lpBound = bound;

  let best: number[] | null = null;
  let proven = false;
  if (lpX && lp?.status === "optimal") {
    if (lpX.every((v) => Math.abs(v - Math.round(v)) <= 1e-9)) {
      best = lpX.map(Math.round);
      proven = true;
      stages.push({ stage: "lp-is-integral", ms: 0, cost: costOf(best) });
    } else {
      // (2) Round down, then cover the rest with a small MIP.
      const floor = lpX.map((v) => Math.floor(v + 1e-9));
      const fractional = lpX.map((v, j) => v - floor[j]! > 1e-9);
      for (const [stage, candidates] of [
        ["residual-over-lp-support", (j: number) => fractional[j]!],
        ["residual-over-all-shifts", () => true],
      ] as const) {
        const x = timed(stage, () => solveResidual(full, floor, candidates, options.solve, remainingSec()));
        if (x && (!best || costOf(x) < costOf(best))) best = x;
        if (best && meetsBound(costOf(best), bound)) {
          proven = true;
          break;
        }
      }
    }
  }

  // (3) The full MIP, warm-started, only when the bound is not yet met.
  let timedOut = lp?.status === "timeout";
  if (!proven && options.clock() < deadline) {
    let mip: SolveOutcome | undefined;
    const x = timed("full-mip", () => {
      mip = options.solve({ ...full.model, integer: true, timeLimitSec: remainingSec(), ...(best ? { start: Float64Array.from(best) } : {}) });
      return mip.x ? Array.from(mip.x, Math.round) : null;
    });
    if (x && (!best || costOf(x) < costOf(best))) best = x;
    if (mip && Number.isFinite(mip.bound)) bound = Math.max(bound, mip.bound);
    proven = mip?.status === "optimal" || (best !== null && meetsBound(costOf(best), bound));
    timedOut = mip?.status === "timeout";
  } else if (!proven) {
    timedOut = true;
  }

  // With whole-number costs every design costs a whole number, so the bound rounds up.
  const provenBound = integralCosts && Number.isFinite(bound) ? Math.ceil(bound - 1e-6) : bound;
  return readBack(instance, shifts, full, best, { proven, timedOut, bound: provenBound, lpBound, stages, solveMs: options.clock() - t0 });
}

/** Above the cost of covering one more agent-interval by any shift, with room to spare. */
function shortfallPenalty(shifts: Shift[], intervals: number): number {
  const maxCost = shifts.reduce((m, s) => Math.max(m, s.cost), 1);
  return maxCost * (intervals + 1);
}

type FullModel = {
  model: Omit<LinearModel, "integer" | "timeLimitSec">;
  /** Per column: the shift index, or −1 − t for the shortfall column of interval t. */
  shiftOf: number[];
  cost: number[];
  rowsOf: (j: number) => Int32Array;
  upper: number[];
  demand: number[];
};

function buildModel(shifts: Shift[], demand: number[], penalty: number): FullModel {
  const shiftOf: number[] = [];
  const cost: number[] = [];
  const upper: number[] = [];
  const starts = [0];
  const indices: number[] = [];
  shifts.forEach((s, i) => {
    if (s.rows.length === 0) return;
    shiftOf.push(i);
    cost.push(s.cost);
    upper.push(s.maxCount);
    indices.push(...s.rows);
    starts.push(indices.length);
  });
  demand.forEach((d, t) => {
    if (d <= 0) return;
    shiftOf.push(-1 - t);
    cost.push(penalty);
    upper.push(Number.POSITIVE_INFINITY);
    indices.push(t);
    starts.push(indices.length);
  });
  const startsArr = Int32Array.from(starts);
  const indicesArr = Int32Array.from(indices);
  return {
    model: {
      numRows: demand.length,
      numCols: cost.length,
      colCost: Float64Array.from(cost),
      colUpper: Float64Array.from(upper),
      rowLower: Float64Array.from(demand),
      starts: startsArr,
      indices: indicesArr,
    },
    shiftOf,
    cost,
    upper,
    demand,
    rowsOf: (j) => indicesArr.subarray(startsArr[j]!, startsArr[j + 1]!),
  };
}

/**
 * With `floor` fixed, covers the demand it leaves over the candidate columns, keeping only
 * the uncovered intervals and, among columns that cover them the same way, the cheapest.
 */
function solveResidual(full: FullModel, floor: number[], candidate: (j: number) => boolean, solve: Solve, timeLimitSec: number): number[] | null {
  const covered = new Float64Array(full.demand.length);
  floor.forEach((v, j) => {
    if (v > 0) for (const t of full.rowsOf(j)) covered[t]! += v;
  });
  const residualRows = new Map<number, number>();
  full.demand.forEach((d, t) => {
    if (d - covered[t]! > 1e-9) residualRows.set(t, residualRows.size);
  });
  if (residualRows.size === 0) return floor;

  /** Residual pattern → index in `columns` of the cheapest unbounded column with it. */
  const byPattern = new Map<string, number>();
  const columns: { j: number; rows: number[] }[] = [];
  for (let j = 0; j < full.cost.length; j++) {
    if (!candidate(j) && full.shiftOf[j]! >= 0) continue;
    if (full.upper[j]! - floor[j]! <= 0) continue;
    const rows = Array.from(full.rowsOf(j)).flatMap((t) => {
      const r = residualRows.get(t);
      return r === undefined ? [] : [r];
    });
    if (rows.length === 0) continue;
    // Unbounded columns that cover the residual alike are interchangeable: keep the cheapest.
    // (Bounded ones are kept apart: their capacities would have to be added up.)
    if (!Number.isFinite(full.upper[j]!)) {
      const key = rows.join(",");
      const same = byPattern.get(key);
      if (same !== undefined) {
        if (full.cost[j]! < full.cost[columns[same]!.j]!) columns[same] = { j, rows };
        continue;
      }
      byPattern.set(key, columns.length);
    }
    columns.push({ j, rows });
  }

  const starts = [0];
  const indices: number[] = [];
  for (const c of columns) {
    indices.push(...c.rows);
    starts.push(indices.length);
  }
  const outcome = solve({
    numRows: residualRows.size,
    numCols: columns.length,
    colCost: Float64Array.from(columns, (c) => full.cost[c.j]!),
    colUpper: Float64Array.from(columns, (c) => full.upper[c.j]! - floor[c.j]!),
    rowLower: Float64Array.from(residualRows.keys(), (t) => full.demand[t]! - covered[t]!),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    integer: true,
    timeLimitSec,
  });
  if (!outcome.x || (outcome.status !== "optimal" && outcome.status !== "timeout")) return null;
  const x = floor.slice();
  columns.forEach((c, k) => {
    x[c.j]! += Math.round(outcome.x![k]!);
  });
  return x;
}

function readBack(
  instance: DesignInstance,
  shifts: Shift[],
  full: FullModel,
  x: number[] | null,
  info: { proven: boolean; timedOut: boolean; bound: number; lpBound: number; stages: DesignResult["stages"]; solveMs: number },
): DesignResult {
  const start = DateTime.fromISO(instance.start, { setZone: true });
  const at = (min: number) => start.plus({ minutes: min }).toISO() as string;
  const used: { shift: Shift; agents: number }[] = [];
  (x ?? []).forEach((v, j) => {
    const i = full.shiftOf[j]!;
    if (i >= 0 && v > 0) used.push({ shift: shifts[i]!, agents: v });
  });
  used.sort((a, b) => a.shift.startMin - b.shift.startMin || a.shift.lengthMin - b.shift.lengthMin);

  const covered = coverageOf(instance, used);
  const coverage = instance.demand.map((d, t) => ({
    start: at(t * instance.intervalMinutes),
    demand: d,
    covered: covered[t]!,
    shortfall: Math.max(0, d - covered[t]!),
  }));
  const uncovered = coverage.filter((c) => c.shortfall > 0).map((c) => ({ start: c.start, shortfall: c.shortfall }));
  const cost = used.reduce((s, u) => s + u.agents * u.shift.cost, 0);
  const paidHours = used.reduce((s, u) => s + (u.agents * u.shift.lengthMin) / 60, 0);
  const costPerHour = instance.costPerHour ?? 1;
  const costIsHours = shifts.every((s) => Math.abs(s.cost - (s.lengthMin / 60) * costPerHour) < 1e-9);

  const status: DesignStatus = x === null ? (info.timedOut ? "timeout" : "infeasible") : uncovered.length > 0 ? "infeasible" : info.proven ? "optimal" : "feasible";
  const covers = status === "optimal" || status === "feasible";
  const lowerBound = covers && Number.isFinite(info.bound) ? info.bound : null;
  return {
    name: instance.name ?? "design",
    status,
    paidHours,
    cost,
    lowerBound,
    lowerBoundHours: covers && costIsHours && Number.isFinite(info.lpBound) ? info.lpBound / costPerHour : null,
    gap: lowerBound === null ? null : status === "optimal" ? 0 : cost > 0 ? Math.max(0, (cost - lowerBound) / cost) : 0,
    agentsPerShift: used.map(({ shift, agents }) => ({
      name: shift.name,
      start: at(shift.startMin),
      end: at(shift.startMin + shift.lengthMin),
      lengthHours: shift.lengthMin / 60,
      breaks: shift.breaks.map((b) => ({ start: at(b.startMin), end: at(b.startMin + b.lengthMin) })),
      cost: shift.cost,
      agents,
    })),
    coverage,
    uncovered,
    model: { shifts: shifts.length, intervals: instance.demand.length },
    stages: info.stages,
    solveMs: info.solveMs,
  };
}
