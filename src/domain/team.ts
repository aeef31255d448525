/**
 * The roster optimised for the team (DESIGN.md §4 "The roster is optimised for the team"):
 * who works which shift on which queue is one decision, so when the team is short the
 * shortfall is the least the team allows, and the result proves it with a bound.
 *
 * People who are interchangeable — the same skills and the same availability — form a
 * group g of n_g people with pooled hours H_g = Σ maxHours. One integer model over
 * groups × shifts × queues (x_gsq = how many of g work shift s on queue q):
 *
 *   min  M·Σ_qt w_qt·short_qt + Σ cost_s·x_gsq (+ hires, hiring.ts)
 *   s.t. coverage_qt + short_qt (± after-sales deferral flows) ≥ required_qt
 *        occupancy_gt ≤ n_g      a shift occupies its person from its start to its end + rest
 *        Σ hours_s·x_gsq ≤ H_g   pooled maximum hours
 *
 * The weights w: an agent-hour of pre-sales short in the peak band counts 3, elsewhere 2,
 * after-sales 1 (售前优先; after-sales may also wait within maxDeferHours). M makes one
 * weighted agent-hour short outweigh 1,000 paid hours, so paid cost only breaks ties.
 *
 * Coverage and occupancy are written as running sums (c_t = c_{t−1} + starts_t − ends_t),
 * so a shift touches four coverage rows and two occupancy rows instead of one row per
 * interval: the 2,000-person week stays a few hundred thousand non-zeros.
 *
 * Two versions of the occupancy: the **roster model** keeps each person's shifts at least
 * `restResetHours` apart (so every shift is its own continuous stretch, at most the cap
 * long), and the **bound model** only `minRestHours` apart, with the continuous-duty cap
 * and individual maximum hours relaxed (pooled). Every valid roster is a solution of the
 * bound model, so its LP optimum is a proven lower bound. With the defaults (rest 6 h =
 * reset 6 h) the two coincide.
 *
 * The integer model is solved in stages (LP, round down and repair the rest, the full MIP
 * warm-started) and the groups' shifts are then given to named people (decompose.ts).
 */
import type { Deferral } from "./backlog.ts";
import { type LinearModel, modelBuilder, type Solve, type SolveOutcome } from "./lp.ts";
import type { Shift } from "./shifts.ts";
import type { Person, Queue } from "./staff.ts";

export const QUEUES: readonly Queue[] = ["presales", "aftersales"];

/** Weight of one agent-hour short: pre-sales in the peak band, pre-sales elsewhere, after-sales. */
export const SHORTFALL_WEIGHTS = { presalesPeak: 3, presales: 2, aftersales: 1 } as const;

/** A token cost per agent-interval of after-sales work per interval it waits: equal rosters keep fewer waiting. */
const WAITING_COST = 1e-6;

/** One weighted agent-hour short costs as much as this many paid hours (× costPerHour). */
const SHORTFALL_PRICE_HOURS = 1000;

/** People who may take each other's place, or a hire profile (count decided by the model). */
export type TeamGroup = {
  key: string;
  people: Person[];
  skills: Queue[];
  /** Epoch ms windows; empty means any time. */
  availability: { startMs: number; endMs: number }[];
  /** n_g; for a hire profile, the most that may be hired. */
  count: number;
  /** Pooled maximum hours (for a hire profile: per person). */
  hoursEach: number[] | number;
  /** Longest shift anyone in the group may take, hours. */
  maxShiftHours: number;
  /** Set for hire profiles: the count is a variable costing this much per person, and each hour costs `hourCostFactor` × the team's. */
  hire?: { costPerPerson: number; hourCostFactor: number } | undefined;
};

/** Groups the rosterable people by skills and availability (maximum hours pool). */
export function teamGroups(people: Person[]): TeamGroup[] {
  const byKey = new Map<string, TeamGroup>();
  for (const person of people) {
    const skills = [...person.skills].sort();
    const key = `${skills.join("+")}|${person.availability.map((w) => `${w.startMs}-${w.endMs}`).join(",")}`;
    const group = byKey.get(key);
    if (group) {
      group.people.push(person);
      group.count++;
      (group.hoursEach as number[]).push(person.maxHours);
      group.maxShiftHours = Math.max(group.maxShiftHours, person.maxHours);
    } else {
      byKey.set(key, { key, people: [person], skills, availability: person.availability, count: 1, hoursEach: [person.maxHours], maxShiftHours: person.maxHours });
    }
  }
  return [...byKey.values()];
}

/** The demand side of a roster: the grid, each queue's requirement, the peak band, the after-sales deferral and the rules. */
export type RosterGrid = {
  windowStartMs: number;
  intervalMin: number;
  required: Record<Queue, number[]>;
  /** [from, to) intervals of the peak band. */
  peak: { from: number; to: number };
  deferral: Deferral | undefined;
  rules: { maxContinuousDutyHours: number; restResetHours: number; minRestHours: number };
};

/** The team model's instance: the grid, and the shifts the plan allows and the groups of people to choose from. */
export type TeamInstance = RosterGrid & { shifts: Shift[]; groups: TeamGroup[] };

/**
 * The rest the roster model keeps after each shift: at least `restResetHours` (so no two
 * shifts stitch into one stretch) and at least `minRestHours` (a plan may ask for more rest
 * than it takes to reset a stretch).
 */
export function rosterRestHours(rules: TeamInstance["rules"]): number {
  return Math.max(rules.restResetHours, rules.minRestHours);
}

/** Weight per agent-interval short (already × interval hours): the model's and the report's. */
export function shortfallWeights(instance: Pick<TeamInstance, "required" | "peak" | "intervalMin">): Record<Queue, number[]> {
  const h = instance.intervalMin / 60;
  const inPeak = (t: number) => instance.peak.from <= t && t < instance.peak.to;
  return {
    presales: instance.required.presales.map((_, t) => h * (inPeak(t) ? SHORTFALL_WEIGHTS.presalesPeak : SHORTFALL_WEIGHTS.presales)),
    aftersales: instance.required.aftersales.map(() => h * SHORTFALL_WEIGHTS.aftersales),
  };
}

/** A column of x: group g works shift s on queue q. */
export type ShiftColumn = { group: number; shift: number; queue: Queue };

export type TeamModel = {
  model: Omit<LinearModel, "integer" | "timeLimitSec">;
  columns: ShiftColumn[];
  /** Column index of each hire profile's count, by group index. */
  hireColumn: Map<number, number>;
  /** Column indices of short_qt with their weight per agent-interval and the requirement row they fill. */
  shortColumns: { column: number; queue: Queue; t: number; weight: number; requirementRow: number }[];
  /** What one weighted agent-hour short costs in the "weighted" objective. */
  shortfallPrice: number;
  /** The most the token cost of after-sales waiting can add to the objective. */
  waitingCostMax: number;
  /** Per shift column: the requirement rows (queue × interval) it covers. */
  coversRows: number[][];
  /** Per column: true for integer columns (shifts, hire counts). */
  integer: boolean[];
  /** Paid cost per column (0 for all but shifts). */
  paidCost: number[];
  /** Index of the row −Σ w·short ≥ −cap (its lower bound is −Infinity until set). */
  shortfallCapRow: number;
  /** Per group: the pooled-hours row (−Σ hours·x ≥ −H_g for the team). */
  hoursRow: number[];
};

export type ModelObjective = "weighted" | "shortfall-only" | "plain-shortfall" | "paid-cost";

/**
 * Builds the model. `restGapHours` is how long a shift keeps its person occupied after it
 * ends (rosterRestHours for the roster model, minRestHours for the bound model).
 * `objective`: "weighted" is the roster's (M·weighted short + paid cost + hires);
 * "shortfall-only" and "plain-shortfall" give the weighted and the plain shortfall bounds;
 * "paid-cost" the cost bound under a cap on the weighted shortfall (set on shortfallCapRow).
 */
export function buildTeamModel(instance: TeamInstance, restGapHours: number, objective: ModelObjective, costPerHour = 1): TeamModel {
  const T = instance.required.presales.length;
  const iv = instance.intervalMin;
  const weights = shortfallWeights(instance);
  const price = SHORTFALL_PRICE_HOURS * costPerHour;

  const builder = modelBuilder();
  const addRow = builder.row;
  const integer: boolean[] = [];
  const paidCost: number[] = [];
  const addColumn = (cost: number, upper: number, isInteger: boolean, paid: number, entries: [number, number][]) => {
    integer.push(isInteger);
    paidCost.push(paid);
    return builder.column(cost, upper, entries);
  };

  // Rows: coverage balance and requirement per queue and interval.
  const covBal: Record<Queue, number[]> = { presales: [], aftersales: [] };
  const covReq: Record<Queue, (number | undefined)[]> = { presales: [], aftersales: [] };
  for (const q of QUEUES) {
    for (let t = 0; t < T; t++) covBal[q].push(addRow(0, 0));
    for (let t = 0; t < T; t++) covReq[q].push(instance.required[q][t]! > 0 || q === "aftersales" ? addRow(instance.required[q][t]!, Number.POSITIVE_INFINITY) : undefined);
  }
  // Rows: occupancy balance per group and interval, pooled hours per group.
  const occBal = instance.groups.map(() => Array.from({ length: T }, () => addRow(0, 0)));
  const hoursRow = instance.groups.map((g) => (g.hire ? addRow(0, Number.POSITIVE_INFINITY) : addRow(-sum(g.hoursEach), Number.POSITIVE_INFINITY)));
  const hireOcc = instance.groups.map((g) => (g.hire ? Array.from({ length: T }, () => addRow(0, Number.POSITIVE_INFINITY)) : []));
  const shortfallCapRow = addRow(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);

  // Columns: x_gsq.
  const restMin = restGapHours * 60;
  const columns: ShiftColumn[] = [];
  const coversRows: number[][] = [];
  instance.groups.forEach((g, gi) => {
    const factor = g.hire ? g.hire.hourCostFactor : 1;
    instance.shifts.forEach((s, si) => {
      const lengthH = s.lengthMin / 60;
      if (lengthH > g.maxShiftHours + 1e-9 || lengthH > instance.rules.maxContinuousDutyHours + 1e-9) return;
      const startMs = instance.windowStartMs + s.startMin * 60_000;
      const endMs = startMs + s.lengthMin * 60_000;
      if (g.availability.length > 0 && !g.availability.some((w) => w.startMs <= startMs && endMs <= w.endMs)) return;
      const segments = segmentsOf(s.rows);
      const first = s.startMin / iv;
      const release = Math.ceil((s.startMin + s.lengthMin + restMin) / iv - 1e-9);
      for (const q of g.skills) {
        const entries: [number, number][] = [];
        for (const [a, b] of segments) {
          entries.push([covBal[q][a]!, 1]);
          if (b < T) entries.push([covBal[q][b]!, -1]);
        }
        entries.push([occBal[gi]![first]!, 1]);
        if (release < T) entries.push([occBal[gi]![release]!, -1]);
        entries.push([hoursRow[gi]!, -lengthH]);
        const paid = s.cost * factor;
        const cost = objective === "weighted" || objective === "paid-cost" ? paid : 0;
        addColumn(cost, Number.POSITIVE_INFINITY, true, paid, entries);
        columns.push({ group: gi, shift: si, queue: q });
        coversRows.push(s.rows.flatMap((t) => (covReq[q][t] === undefined ? [] : [covReq[q][t]!])));
      }
    });
  });

  // Columns: running coverage c_qt, short_qt.
  const shortColumns: TeamModel["shortColumns"] = [];
  for (const q of QUEUES) {
    for (let t = 0; t < T; t++) {
      const entries: [number, number][] = [[covBal[q][t]!, -1]];
      if (t + 1 < T) entries.push([covBal[q][t + 1]!, 1]);
      if (covReq[q][t] !== undefined) entries.push([covReq[q][t]!, 1]);
      addColumn(0, Number.POSITIVE_INFINITY, false, 0, entries);
    }
    for (let t = 0; t < T; t++) {
      const required = instance.required[q][t]!;
      if (required <= 0) continue;
      const w = weights[q][t]!;
      const cost = objective === "weighted" ? price * w : objective === "shortfall-only" ? w : objective === "plain-shortfall" ? iv / 60 : 0;
      const column = addColumn(cost, required, false, 0, [
        [covReq[q][t]!, 1],
        [shortfallCapRow, -w],
      ]);
      shortColumns.push({ column, queue: q, t, weight: w, requirementRow: covReq[q][t]! });
    }
  }
  // Columns: running occupancy o_gt (at most n_g; a hire profile's at most its count).
  instance.groups.forEach((g, gi) => {
    for (let t = 0; t < T; t++) {
      const entries: [number, number][] = [[occBal[gi]![t]!, -1]];
      if (t + 1 < T) entries.push([occBal[gi]![t + 1]!, 1]);
      if (g.hire) entries.push([hireOcc[gi]![t]!, -1]);
      addColumn(0, g.hire ? Number.POSITIVE_INFINITY : g.count, false, 0, entries);
    }
  });
  // Columns: hire counts.
  const hireColumn = new Map<number, number>();
  instance.groups.forEach((g, gi) => {
    if (!g.hire) return;
    const each = typeof g.hoursEach === "number" ? g.hoursEach : Math.max(...g.hoursEach);
    const entries: [number, number][] = [[hoursRow[gi]!, each], ...hireOcc[gi]!.map((row): [number, number] => [row, 1])];
    const cost = objective === "weighted" ? g.hire.costPerPerson * costPerHour : 0;
    hireColumn.set(gi, addColumn(cost, g.count, true, 0, entries));
  });
  // Columns: after-sales deferral flows y_kj (work arriving in k served in j ≤ k + D), at most what arrived.
  const d = instance.deferral;
  const after = instance.required.aftersales;
  let waitingCostMax = 0;
  if (d && d.maxIntervals > 0) {
    for (let k = Math.max(0, d.from); k < Math.min(d.to, T - 1); k++) {
      if (after[k]! <= 0) continue;
      const capRow = addRow(-after[k]!, Number.POSITIVE_INFINITY);
      if (objective === "weighted") waitingCostMax += WAITING_COST * after[k]! * d.maxIntervals;
      for (let j = k + 1; j <= Math.min(T - 1, k + d.maxIntervals); j++) {
        // Waiting costs only in the roster's objective: in the bound objectives any cost would lift the bound.
        addColumn(objective === "weighted" ? WAITING_COST * (j - k) : 0, Number.POSITIVE_INFINITY, false, 0, [
          [covReq.aftersales[k]!, 1],
          [covReq.aftersales[j]!, -1],
          [capRow, -1],
        ]);
      }
    }
  }

  return {
    model: { ...builder.build(), integrality: Uint8Array.from(integer, Number) },
    columns,
    hireColumn,
    shortColumns,
    integer,
    paidCost,
    shortfallCapRow,
    hoursRow,
    coversRows,
    shortfallPrice: price,
    waitingCostMax,
  };
}

/** Maximal runs of consecutive intervals, as [first, end) pairs. */
function segmentsOf(rows: number[]): [number, number][] {
  const segments: [number, number][] = [];
  for (const t of rows) {
    const last = segments.at(-1);
    if (last && last[1] === t) last[1] = t + 1;
    else segments.push([t, t + 1]);
  }
  return segments;
}

function sum(values: number[] | number): number {
  return typeof values === "number" ? values : values.reduce((s, v) => s + v, 0);
}

export type TeamSolution = {
  /** Agents of each column (x_gsq), integer. */
  counts: number[];
  /** Hires per hire-profile group index. */
  hires: Map<number, number>;
  /** The LP relaxation's optimum (a lower bound on this model's objective), or null. */
  lpObjective: number | null;
  status: "solved" | "timeout" | "error";
  stages: { stage: string; ms: number; objective: number | null }[];
};

/** Models up to this many columns also get the full MIP when the repairs leave a gap (HiGHS's MIP is slow on larger ones). */
const FULL_MIP_MAX_COLUMNS = 4000;

/**
 * Solves the roster model in stages until its objective is within 0.5 % of the LP bound or
 * the time is up: (1) the LP; (2) its integer columns rounded down and the rest repaired by
 * a MIP over the LP's fractional columns; (3) on small models, the full MIP, warm-started.
 * (Freeing more columns in the repair was tried: on the sample's cuts HiGHS then overran its
 * time limit several times over and found worse solutions.)
 */
export function solveTeamModel(team: TeamModel, solve: Solve, clock: () => number, timeLimitSec: number): TeamSolution {
  const t0 = clock();
  const deadline = t0 + timeLimitSec * 1000;
  const remaining = () => Math.max(0.05, (deadline - clock()) / 1000);
  const stages: TeamSolution["stages"] = [];
  const { model, integer } = team;
  const objectiveOf = (x: ArrayLike<number>) => {
    let total = 0;
    for (let j = 0; j < x.length; j++) total += x[j]! * model.colCost[j]!;
    return total;
  };
  const run = (stage: string, m: LinearModel): SolveOutcome => {
    const start = clock();
    const outcome = solve(m);
    stages.push({ stage, ms: clock() - start, objective: outcome.x ? objectiveOf(outcome.x) : null });
    return outcome;
  };
  const failed = (status: TeamSolution["status"], lpObjective: number | null): TeamSolution => ({ counts: team.columns.map(() => 0), hires: new Map(), lpObjective, status, stages });

  const lp = run("lp", { ...model, integer: false, timeLimitSec: remaining() });
  if (!lp.x || lp.status !== "optimal") return failed(lp.status === "timeout" ? "timeout" : "error", null);
  const lpX = lp.x;
  const bound = lp.objective;
  const goodEnough = (value: number) => value - bound <= 0.005 * Math.abs(bound) + 1e-6;
  const isIntegral = (v: number) => Math.abs(v - Math.round(v)) <= 1e-6;
  const integralOf = (x: Float64Array) => Float64Array.from(x, (v, j) => (integer[j] ? Math.round(v) : v));
  let best: Float64Array | null = null;
  let bestObjective = Number.POSITIVE_INFINITY;
  const consider = (x: Float64Array | null) => {
    if (!x) return;
    const value = objectiveOf(x);
    if (value < bestObjective - 1e-9) {
      best = x;
      bestObjective = value;
    }
  };

  if (integer.every((isInt, j) => !isInt || isIntegral(lpX[j]!))) {
    consider(integralOf(lpX));
  } else {
    const floor = Float64Array.from(lpX, (v, j) => (integer[j] ? Math.floor(v + 1e-6) : 0));
    const fractional = (j: number) => integer[j]! && !isIntegral(lpX[j]!);
    const repair = (stage: string, free: (j: number) => boolean) => {
      const colLower = Float64Array.from(model.colUpper, (_, j) => (integer[j] ? floor[j]! : 0));
      const colUpper = Float64Array.from(model.colUpper, (u, j) => (integer[j] && !free(j) ? floor[j]! : u));
      const outcome = run(stage, { ...model, colLower, colUpper, integer: true, mipRelGap: 1e-4, timeLimitSec: Math.min(remaining(), 20) });
      consider(outcome.x && integralOf(outcome.x));
    };
    repair("repair-fractional", fractional);
  }
  let status: TeamSolution["status"] = "solved";
  if (!(best && goodEnough(bestObjective)) && clock() < deadline && team.model.numCols <= FULL_MIP_MAX_COLUMNS) {
    const outcome = run("full-mip", { ...model, integer: true, mipRelGap: 1e-4, timeLimitSec: remaining(), ...(best ? { start: best } : {}) });
    consider(outcome.x && integralOf(outcome.x));
    if (outcome.status === "timeout") status = "timeout";
  }
  const found: Float64Array | null = best;
  if (!found) return failed(status === "timeout" ? "timeout" : "error", bound);
  const x: Float64Array = found;
  return {
    counts: team.columns.map((_, j) => Math.max(0, Math.round(x[j]!))),
    hires: new Map([...team.hireColumn].map(([g, j]) => [g, Math.max(0, Math.round(x[j]!))])),
    lpObjective: bound,
    status,
    stages,
  };
}

/** The LP optimum of a bound model, or null if it could not be solved in time. */
export function lpBound(team: TeamModel, solve: Solve, timeLimitSec: number, lpMethod: LinearModel["lpMethod"] = "simplex"): number | null {
  const outcome = solve({ ...team.model, integer: false, lpMethod, timeLimitSec });
  return outcome.status === "optimal" ? outcome.objective : null;
}
