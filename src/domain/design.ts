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
 * With a deferral (after-sales at the peak, backlog.ts), work arriving in a deferrable
 * interval k may instead be served in k+1 … k+D: a continuous flow y_kj moves it from row k
 * to row j, at most the work that arrived (−Σ_j y_kj ≥ −demand_k). Shifts stay integer.
 * Waiting costs a token ε per agent-interval per interval waited, all of it together less
 * than 0.001, so among designs of equal paid cost the one that keeps customers waiting least
 * wins; the proof concerns the paid cost (the bound is lowered by that 0.001).
 *
 * Solved in stages, each with a proof obligation, because the LP relaxation of these
 * models is tight: (1) the LP gives the lower bound and usually an almost integral point;
 * (2) round it down and cover what is left with a small MIP, first over the LP's
 * fractional shifts, then over every shift touching an uncovered interval; (3) only if
 * that does not meet the bound, the full MIP, warm-started from the best solution found.
 * A design is "optimal" when its cost meets the bound, so the gap it reports is proven.
 */
import { DateTime } from "luxon";
import { type Deferral, serveWithDeferral } from "./backlog.ts";
import type { LinearModel, Solve, SolveOutcome } from "./lp.ts";
import { coverageOf, type DesignInstance, enumerateShifts, type Shift } from "./shifts.ts";
import type { SolveStatus } from "./status.ts";

export type DesignOptions = {
  solve: Solve;
  /** Milliseconds from an arbitrary origin (performance.now); used for stage timings and the time limit. */
  clock: () => number;
  timeLimitSec: number;
};

/** The design's status (status.ts): `shortfall` when the shifts allowed cannot cover every interval. */
export type DesignStatus = SolveStatus;

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
  /**
   * Per interval: the demand, agents on duty, the work that arrived here and waited for a
   * later interval (0 without a deferral), and the work never served in time.
   */
  coverage: { start: string; demand: number; covered: number; deferred: number; shortfall: number }[];
  /** Intervals the design leaves short (only when status is "shortfall"). */
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
    stages.push({ stage, ms: options.clock() - start, cost: x ? paidCostOf(x) : null });
    return x;
  };

  const shifts = enumerateShifts(instance);
  const demand = instance.demand;
  const penalty = shortfallPenalty(shifts, demand.length);
  const full = buildModel(shifts, demand, penalty, instance.deferral);
  /** The objective: paid cost, shortfall penalty and the token cost of waiting. */
  const costOf = (x: readonly number[]) => x.reduce((sum, v, j) => sum + v * full.cost[j]!, 0);
  /** Without the token cost of waiting: what the proof is about. */
  const paidCostOf = (x: readonly number[]) => x.reduce((sum, v, j) => sum + (full.integer[j] ? v * full.cost[j]! : 0), 0);
  const integral = (v: number, j: number) => !full.integer[j] || Math.abs(v - Math.round(v)) <= 1e-9;
  const rounded = (x: ArrayLike<number>) => Array.from(x, (v, j) => (full.integer[j] ? Math.round(v) : v));
  const integralCosts = full.cost.every((c, j) => !full.integer[j] || Number.isInteger(c));
  const meetsBound = (cost: number, bound: number) => (integralCosts ? cost <= Math.ceil(bound - 1e-6) + 1e-9 : cost - bound <= 1e-6 * Math.max(1, Math.abs(bound)));

  // (1) LP relaxation: the bound, and the point to round.
  let lp: SolveOutcome | undefined;
  const lpX = timed("lp-relaxation", () => {
    lp = options.solve({ ...full.model, integer: false, timeLimitSec: remainingSec() });
    return lp.x ? Array.from(lp.x) : null;
  });
  let bound = lp?.status === "optimal" ? lp.objective - full.waitingCostMax : Number.NEGATIVE_INFINITY;
  let lpBound = bound;
  if (full.waitingCostMax > 0 && lp?.status === "optimal") {
    // The LP bound on paid cost alone, for the report (and a bound at least as good).
    const paidOnly = options.solve({ ...full.model, colCost: Float64Array.from(full.cost, (c, j) => (full.integer[j] ? c : 0)), integer: false, timeLimitSec: remainingSec() });
    if (paidOnly.status === "optimal") {
      lpBound = paidOnly.objective;
      bound = Math.max(bound, lpBound);
    }
  }

  let best: number[] | null = null;
  let proven = false;
  if (lpX && lp?.status === "optimal") {
    if (lpX.every(integral)) {
      best = rounded(lpX);
      proven = true;
      stages.push({ stage: "lp-is-integral", ms: 0, cost: paidCostOf(best) });
    } else {
      // (2) Round down, then cover the rest with a small MIP.
      // Continuous columns (deferral flows) are not fixed: the residual MIP chooses them afresh.
      const floor = lpX.map((v, j) => (full.integer[j] ? Math.floor(v + 1e-9) : 0));
      const fractional = lpX.map((v, j) => !integral(v, j));
      for (const [stage, candidates] of [
        ["residual-over-lp-support", (j: number) => fractional[j]!],
        ["residual-over-all-shifts", () => true],
      ] as const) {
        const x = timed(stage, () => solveResidual(full, floor, candidates, options.solve, remainingSec()));
        if (x && (!best || costOf(x) < costOf(best))) best = x;
        if (best && meetsBound(paidCostOf(best), bound)) {
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
      return mip.x ? rounded(mip.x) : null;
    });
    if (x && (!best || costOf(x) < costOf(best))) best = x;
    if (mip && Number.isFinite(mip.bound)) bound = Math.max(bound, mip.bound - full.waitingCostMax);
    proven = mip?.status === "optimal" || (best !== null && meetsBound(paidCostOf(best), bound));
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

/** The most all waiting together may add to the objective: far below any shift's cost. */
const WAITING_COST_TOTAL = 1e-3;

type FullModel = {
  model: Omit<LinearModel, "integer" | "timeLimitSec">;
  /** Per column: the shift index, or −1 for a shortfall or deferral column. */
  shiftOf: number[];
  cost: number[];
  /** Per column: integer (shifts, shortfall) or continuous (deferral flows). */
  integer: boolean[];
  rowsOf: (j: number) => Int32Array;
  valuesOf: (j: number) => Float64Array;
  upper: number[];
  rowLower: number[];
  /** Upper bound on the total token cost of waiting in any solution (0 without a deferral). */
  waitingCostMax: number;
};

/**
 * Rows 0 … T−1 cover the intervals; with a deferral, one more row per deferrable interval
 * with work caps what may leave it. Columns: shifts, then a shortfall per interval with
 * work, then the deferral flows.
 */
function buildModel(shifts: Shift[], demand: number[], penalty: number, deferral: Deferral | undefined): FullModel {
  const shiftOf: number[] = [];
  const cost: number[] = [];
  const integer: boolean[] = [];
  const upper: number[] = [];
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower = demand.slice();
  const addColumn = (shift: number, columnCost: number, columnUpper: number, isInteger: boolean, entries: [row: number, value: number][]) => {
    shiftOf.push(shift);
    cost.push(columnCost);
    upper.push(columnUpper);
    integer.push(isInteger);
    for (const [row, value] of entries) {
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
  };

  shifts.forEach((s, i) => {
    if (s.rows.length > 0)
      addColumn(
        i,
        s.cost,
        s.maxCount,
        true,
        s.rows.map((t) => [t, 1]),
      );
  });
  const last = demand.length - 1;
  const flows: { from: number; to: number; capRow: number }[] = [];
  /** Σ_k demand_k × longest wait: bounds Σ wait × y_kj, since Σ_j y_kj ≤ demand_k. */
  let waitMax = 0;
  if (deferral && deferral.maxIntervals > 0) {
    for (let k = Math.max(0, deferral.from); k < Math.min(deferral.to, demand.length); k++) {
      if (demand[k]! <= 0 || k === last) continue;
      const capRow = rowLower.push(-demand[k]!) - 1;
      for (let j = k + 1; j <= Math.min(last, k + deferral.maxIntervals); j++) {
        flows.push({ from: k, to: j, capRow });
      }
      waitMax += demand[k]! * (Math.min(last, k + deferral.maxIntervals) - k);
    }
  }
  const waitingCostMax = waitMax > 0 ? WAITING_COST_TOTAL : 0;
  const epsilon = waitMax > 0 ? WAITING_COST_TOTAL / waitMax : 0;
  demand.forEach((d, t) => {
    if (d > 0) addColumn(-1, penalty, Number.POSITIVE_INFINITY, true, [[t, 1]]);
  });
  for (const { from, to, capRow } of flows) {
    addColumn(-1, epsilon * (to - from), Number.POSITIVE_INFINITY, false, [
      [from, 1],
      [to, -1],
      [capRow, -1],
    ]);
  }

  const startsArr = Int32Array.from(starts);
  const indicesArr = Int32Array.from(indices);
  const valuesArr = Float64Array.from(values);
  return {
    model: {
      numRows: rowLower.length,
      numCols: cost.length,
      colCost: Float64Array.from(cost),
      colUpper: Float64Array.from(upper),
      rowLower: Float64Array.from(rowLower),
      starts: startsArr,
      indices: indicesArr,
      ...(flows.length > 0 ? { values: valuesArr, integrality: Uint8Array.from(integer, Number) } : {}),
    },
    shiftOf,
    cost,
    integer,
    upper,
    rowLower,
    waitingCostMax,
    rowsOf: (j) => indicesArr.subarray(startsArr[j]!, startsArr[j + 1]!),
    valuesOf: (j) => valuesArr.subarray(startsArr[j]!, startsArr[j + 1]!),
  };
}

/**
 * With the integer columns' `floor` fixed, covers what it leaves over the candidate columns
 * and every continuous one, keeping only the rows still short or touched by a continuous
 * column and, among unbounded columns that cover those rows alike, the cheapest.
 */
function solveResidual(full: FullModel, floor: number[], candidate: (j: number) => boolean, solve: Solve, timeLimitSec: number): number[] | null {
  const residual = full.rowLower.slice();
  floor.forEach((v, j) => {
    if (v === 0) return;
    const values = full.valuesOf(j);
    full.rowsOf(j).forEach((row, k) => {
      residual[row]! -= v * values[k]!;
    });
  });
  if (residual.every((r) => r <= 1e-9)) return floor;

  const keep = residual.map((r) => r > 1e-9);
  full.integer.forEach((isInteger, j) => {
    if (!isInteger) for (const row of full.rowsOf(j)) keep[row] = true;
  });
  const rowIndex = new Map<number, number>();
  keep.forEach((kept, row) => {
    if (kept) rowIndex.set(row, rowIndex.size);
  });

  /** Residual pattern → index in `columns` of the cheapest unbounded integer column with it. */
  const byPattern = new Map<string, number>();
  const columns: { j: number; rows: number[]; values: number[] }[] = [];
  for (let j = 0; j < full.cost.length; j++) {
    if (!candidate(j) && full.shiftOf[j]! >= 0) continue;
    if (full.upper[j]! - floor[j]! <= 0) continue;
    const rows: number[] = [];
    const values: number[] = [];
    const allValues = full.valuesOf(j);
    full.rowsOf(j).forEach((row, k) => {
      const r = rowIndex.get(row);
      if (r === undefined) return;
      rows.push(r);
      values.push(allValues[k]!);
    });
    if (rows.length === 0) continue;
    // Unbounded covering columns that cover the residual alike are interchangeable: keep the
    // cheapest. (Bounded ones are kept apart: their capacities would have to be added up.)
    if (full.integer[j] && !Number.isFinite(full.upper[j]!)) {
      const key = rows.join(",");
      const same = byPattern.get(key);
      if (same !== undefined) {
        if (full.cost[j]! < full.cost[columns[same]!.j]!) columns[same] = { j, rows, values };
        continue;
      }
      byPattern.set(key, columns.length);
    }
    columns.push({ j, rows, values });
  }

  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const c of columns) {
    indices.push(...c.rows);
    values.push(...c.values);
    starts.push(indices.length);
  }
  const outcome = solve({
    numRows: rowIndex.size,
    numCols: columns.length,
    colCost: Float64Array.from(columns, (c) => full.cost[c.j]!),
    colUpper: Float64Array.from(columns, (c) => full.upper[c.j]! - floor[c.j]!),
    rowLower: Float64Array.from(rowIndex.keys(), (row) => residual[row]!),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
    integrality: Uint8Array.from(columns, (c) => Number(full.integer[c.j])),
    integer: true,
    timeLimitSec,
  });
  if (!outcome.x || (outcome.status !== "optimal" && outcome.status !== "timeout")) return null;
  const x = floor.slice();
  columns.forEach((c, k) => {
    const v = outcome.x![k]!;
    x[c.j]! += full.integer[c.j] ? Math.round(v) : v;
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

  // The independent check: serve the demand with the shifts' own coverage (not the model's flows).
  const covered = coverageOf(instance, used);
  const served = serveWithDeferral(instance.demand, covered, instance.deferral);
  const coverage = instance.demand.map((d, t) => ({
    start: at(t * instance.intervalMinutes),
    demand: d,
    covered: covered[t]!,
    deferred: served[t]!.deferred,
    shortfall: served[t]!.shortfall,
  }));
  const uncovered = coverage.filter((c) => c.shortfall > 1e-9).map((c) => ({ start: c.start, shortfall: c.shortfall }));
  const cost = used.reduce((s, u) => s + u.agents * u.shift.cost, 0);
  const paidHours = used.reduce((s, u) => s + (u.agents * u.shift.lengthMin) / 60, 0);
  const costPerHour = instance.costPerHour ?? 1;
  const costIsHours = shifts.every((s) => Math.abs(s.cost - (s.lengthMin / 60) * costPerHour) < 1e-9);

  const status: DesignStatus = x === null ? (info.timedOut ? "timeout" : "infeasible") : uncovered.length > 0 ? "shortfall" : info.proven ? "optimal" : "feasible";
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
