/**
 * The team roster end to end (DESIGN.md §4): build the team model (team.ts), solve it,
 * give the shifts to named people (decompose.ts), repair what maximum hours would not let
 * anyone take, and prove the result with bounds from relaxations of the same rules.
 *
 * Build the model, solve it, read it back: the model and the read-back are pure; the
 * solver is injected.
 */
import { serveWithDeferral } from "./backlog.ts";
import { decompose, type Decomposition } from "./decompose.ts";
import type { Solve } from "./lp.ts";
import type { Person, Queue } from "./staff.ts";
import { buildTeamModel, lpBound, QUEUES, type RosterGrid, rosterRestHours, shortfallWeights, solveTeamModel, type TeamGroup, type TeamInstance } from "./team.ts";
import type { Assignment } from "./validate.ts";

export type OptimiseOptions = { solve: Solve; clock: () => number; timeLimitSec: number; zone: string };

/** What a roster's assignments achieve: coverage per queue and interval, and the shortfall served by EDF. */
export type RosterFigures = {
  rostered: Record<Queue, number[]>;
  served: Record<Queue, { deferred: number; shortfall: number }[]>;
  /** Agent-hours short, per queue. */
  shortHours: Record<Queue, number>;
  /** Σ weight × agent-hours short (the objective's first level). */
  weightedShort: number;
  paidHours: number;
};

/**
 * Coverage of `assignments` (a person covers an interval when on duty for the whole of it and
 * not on a break), what is short after after-sales waited within its limit (earliest deadline
 * first), and the weighted shortfall — computed from the shifts' times alone, not the model.
 */
export function rosterFigures(instance: RosterGrid, assignments: Assignment[]): RosterFigures {
  const count = instance.required.presales.length;
  const ivMs = instance.intervalMin * 60_000;
  const rostered = rosteredOf(assignments, instance.windowStartMs, ivMs, count);
  const paidHours = assignments.reduce((sum, a) => sum + (a.endMs - a.startMs) / 3_600_000, 0);
  const served = {
    presales: serveWithDeferral(instance.required.presales, rostered.presales),
    aftersales: serveWithDeferral(instance.required.aftersales, rostered.aftersales, instance.deferral),
  };
  const weights = shortfallWeights(instance);
  const h = instance.intervalMin / 60;
  const shortHours = { presales: 0, aftersales: 0 };
  let weightedShort = 0;
  for (const q of QUEUES) {
    served[q].forEach((cell, t) => {
      shortHours[q] += cell.shortfall * h;
      weightedShort += cell.shortfall * weights[q][t]!;
    });
  }
  return { rostered, served, shortHours, weightedShort, paidHours };
}

/**
 * Agents on duty per queue in each of the `count` intervals from `windowStartMs`: a shift covers
 * an interval when on duty for the whole of it and not on a break.
 */
export function rosteredOf(assignments: readonly Assignment[], windowStartMs: number, ivMs: number, count: number): Record<Queue, number[]> {
  const rostered: Record<Queue, number[]> = { presales: new Array<number>(count).fill(0), aftersales: new Array<number>(count).fill(0) };
  for (const a of assignments) {
    for (let t = Math.max(0, Math.ceil((a.startMs - windowStartMs) / ivMs)); t < count; t++) {
      const t0 = windowStartMs + t * ivMs;
      if (t0 + ivMs > a.endMs) break;
      if (!a.breaks.some((b) => t0 < b.endMs && b.startMs < t0 + ivMs)) rostered[a.queue][t]! += 1;
    }
  }
  return rostered;
}

export type TeamRoster = {
  assignments: Assignment[];
  figures: RosterFigures;
  dutyHours: Decomposition["dutyHours"];
  /** Hires per hire-profile group index (empty without hire profiles). */
  hires: Map<number, number>;
  /** The solve ran out of time before its stages finished. */
  timedOut: boolean;
  /** The first solve's LP optimum (the roster model's relaxation), for the bounds. */
  lpObjective: number | null;
  stages: { stage: string; ms: number; objective: number | null }[];
};

/**
 * Solves the team model for `groups` (hire profiles included, their people made by
 * `hirePeople`), decomposes it into named people, and re-solves with a group's pooled hours
 * lowered by what could not be placed (at most `repairs` times). Returns the best roster by
 * weighted shortfall, then paid hours.
 */
export function optimiseTeam(instance: TeamInstance, options: OptimiseOptions & { costPerHour: number; hirePeople?: (group: TeamGroup, count: number) => Person[]; repairs?: number }): TeamRoster {
  const t0 = options.clock();
  const deadline = t0 + options.timeLimitSec * 1000;
  const team = buildTeamModel(instance, rosterRestHours(instance.rules), "weighted", options.costPerHour);
  const restMs = rosterRestHours(instance.rules) * 3_600_000;
  const peak = peakMs(instance);
  const stages: TeamRoster["stages"] = [];
  let best: TeamRoster | undefined;
  let timedOut = false;
  let lpObjective: number | null = null;
  for (let round = 0; round <= (options.repairs ?? 3); round++) {
    const remaining = (deadline - options.clock()) / 1000;
    if (round > 0 && remaining < 0.5) break;
    const solution = solveTeamModel(team, options.solve, options.clock, Math.max(0.5, round === 0 ? remaining : remaining / 2));
    stages.push(...solution.stages.map((s) => ({ ...s, stage: round === 0 ? s.stage : `${s.stage} (repair ${round})` })));
    timedOut ||= solution.status === "timeout";
    if (round === 0) lpObjective = solution.lpObjective;
    if (solution.status === "error") break;
    const hired = new Map<number, Person[]>();
    for (const [g, n] of solution.hires) hired.set(g, options.hirePeople?.(instance.groups[g]!, n) ?? []);
    const split = decompose({
      groups: instance.groups,
      peopleOf: (g) => hired.get(g) ?? instance.groups[g]!.people,
      columns: team.columns,
      counts: solution.counts,
      timesOf: (s) => shiftTimes(instance, s),
      restMs,
      zone: options.zone,
      peak,
    });
    const figures = rosterFigures(instance, split.assignments);
    const candidate: TeamRoster = { assignments: split.assignments, figures, dutyHours: split.dutyHours, hires: solution.hires, timedOut, lpObjective, stages };
    if (!best || figures.weightedShort < best.figures.weightedShort - 1e-9 || (Math.abs(figures.weightedShort - best.figures.weightedShort) <= 1e-9 && figures.paidHours < best.figures.paidHours)) {
      best = candidate;
    }
    stages.push({ stage: `decompose: ${split.unplaced.length} unplaced, weighted short ${figures.weightedShort}`, ms: 0, objective: null });
    if (split.unplaced.length === 0) break;
    // Lower each group's pooled hours by what its people could not take, and solve again.
    for (const u of split.unplaced) {
      if (instance.groups[u.group]!.hire) continue;
      team.model.rowLower[team.hoursRow[u.group]!]! += u.hours;
    }
  }
  return best ?? { assignments: [], figures: rosterFigures(instance, []), dutyHours: new Map(), hires: new Map(), timedOut: true, lpObjective, stages };
}

export type TeamBounds = {
  /** Least weighted shortfall any roster can reach (LP of the bound model). */
  weightedShortfall: number | null;
  /** Least plain agent-hours short any roster can reach. */
  shortfallHours: number | null;
  /** Least paid hours of any roster whose weighted shortfall is at most the cap. */
  paidHours: number | null;
};

/**
 * Lower bounds from the bound model's LP relaxation (rest = minRestHours; the continuous-duty
 * cap and individual maximum hours pooled), valid for every roster of these people:
 * the least weighted and the least plain shortfall, and the least paid hours of a roster
 * whose weighted shortfall is at most `weightedCap`: from the weighted LP's optimum z, any
 * such roster pays at least z − price·cap − (the most waiting can cost). `rosterLp` is the
 * roster model's LP optimum, reused when the two models coincide (rest = reset).
 */
export function teamBounds(instance: TeamInstance, options: { solve: Solve; timeLimitSec: number; costPerHour: number }, weightedCap: number, rosterLp: number | null): TeamBounds {
  const shortfall = shortfallBounds(instance, { solve: options.solve, timeLimitSec: (options.timeLimitSec * 2) / 3 });
  return { ...shortfall, paidHours: paidBound(instance, { ...options, timeLimitSec: options.timeLimitSec / 3 }, weightedCap, rosterLp, shortfall.weightedLp) };
}

/**
 * The least weighted and plain shortfall any roster can reach: the LPs of the bound model,
 * rounded up to the interval grain. They do not depend on our roster, so buildRoster solves them
 * first, on a budget of their own: the proof is never what a long optimisation crowds out.
 * `weightedLp` is the weighted LP's raw optimum, for paidBound.
 */
export function shortfallBounds(instance: TeamInstance, options: { solve: Solve; timeLimitSec: number }): Pick<TeamBounds, "weightedShortfall" | "shortfallHours"> & { weightedLp: number | null } {
  const rest = instance.rules.minRestHours;
  const each = Math.max(0.5, options.timeLimitSec / 2);
  // Pure shortfall objectives are highly degenerate (every shift costs 0): interior point solves them many times faster than simplex.
  const weightedLp = lpBound(buildTeamModel(instance, rest, "shortfall-only"), options.solve, each, "ipm");
  const shortfallHours = lpBound(buildTeamModel(instance, rest, "plain-shortfall"), options.solve, each, "ipm");
  // Every roster's shortfall is a whole number of agent-intervals with whole weights: the bounds round up to that grain.
  const grain = instance.intervalMin / 60;
  const roundUp = (z: number | null) => (z === null ? null : Math.max(0, Math.ceil((z - solverSlack(z)) / grain) * grain));
  return { weightedShortfall: roundUp(weightedLp), shortfallHours: roundUp(shortfallHours), weightedLp };
}

/**
 * The least paid hours of any roster whose weighted shortfall is at most `weightedCap` (ours).
 * When ours meets the least possible (`weightedLp`), the weighted LP's optimum z gives it
 * (z − price·cap − waiting; the roster model's own LP when the two models coincide, rest =
 * reset); otherwise the LP with the cap as a row (interior point: the cap row makes simplex crawl).
 */
export function paidBound(
  instance: TeamInstance,
  options: { solve: Solve; timeLimitSec: number; costPerHour: number },
  weightedCap: number,
  rosterLp: number | null,
  weightedLp: number | null,
): number | null {
  const rest = instance.rules.minRestHours;
  const limit = Math.max(0.5, options.timeLimitSec);
  let paid: number | null;
  if (weightedLp !== null && weightedCap <= weightedLp + 1e-6) {
    const weighted = buildTeamModel(instance, rest, "weighted", options.costPerHour);
    const z = rest === rosterRestHours(instance.rules) && rosterLp !== null ? rosterLp : lpBound(weighted, options.solve, limit);
    paid = z === null ? null : (z - weighted.shortfallPrice * weightedCap - weighted.waitingCostMax - solverSlack(z)) / options.costPerHour;
  } else {
    const capped = buildTeamModel(instance, rest, "paid-cost", options.costPerHour);
    capped.model.rowLower[capped.shortfallCapRow] = -(weightedCap + 1e-6);
    const z = lpBound(capped, options.solve, limit, "ipm");
    paid = z === null ? null : (z - solverSlack(z)) / options.costPerHour;
  }
  return paid === null ? null : Math.max(0, paid - 1e-6);
}

/** What an LP optimum may be off by through the solver's tolerances: a bound is lowered by it before rounding. */
function solverSlack(z: number): number {
  return 1e-6 * Math.max(1, Math.abs(z));
}

function shiftTimes(instance: TeamInstance, s: number) {
  const shift = instance.shifts[s]!;
  const at = (min: number) => instance.windowStartMs + min * 60_000;
  return {
    startMs: at(shift.startMin),
    endMs: at(shift.startMin + shift.lengthMin),
    breaks: shift.breaks.map((b) => ({ startMs: at(b.startMin), endMs: at(b.startMin + b.lengthMin) })),
  };
}

function peakMs(instance: TeamInstance) {
  const ivMs = instance.intervalMin * 60_000;
  return { startMs: instance.windowStartMs + instance.peak.from * ivMs, endMs: instance.windowStartMs + instance.peak.to * ivMs };
}
