/**
 * The night itself (临时调配, DESIGN.md §4): after 00:00 the shop re-deploys people by the
 * actual inquiry volume, avoiding anyone on duty more than 12 hours straight. From the
 * actual receptions so far: re-forecast the rest (reforecast.ts), re-plan the roster from
 * `now` with the past fixed (replan.ts), and read the new roster back with its proof
 * (roster.ts), beside a change list and the coverage before and after from `now` on.
 */
import { DateTime } from "luxon";
import type { Solve } from "./lp.ts";
import { rosterFigures } from "./optimise.ts";
import { type ActualInput, type Reforecast, type ReforecastOptions, reforecast, reforecastDemand } from "./reforecast.ts";
import { type ChangeKind, replan } from "./replan.ts";
import { type RosterResult, rosterGrid, rosterOf } from "./roster.ts";
import type { Person, Queue } from "./staff.ts";
import type { Plan, StaffingResult } from "./staffing.ts";
import { type Assignment, dutyStretches } from "./validate.ts";
import type { SolveStatus } from "./status.ts";

export type NightOptions = {
  /** Local date-time on the plan's grid. */
  now: string;
  /** The earliest a person off duty can start: now + this many minutes (default 60). */
  noticeMin: number;
  reforecast: Omit<ReforecastOptions, "now">;
  solve: Solve;
  clock: () => number;
  timeLimitSec: number;
};

type ShiftTimes = { start: string; end: string; queue: Queue };

export type NightChange = {
  personId: string;
  name: string;
  kind: ChangeKind;
  before: ShiftTimes | null;
  after: ShiftTimes | null;
  /** The continuous stretch the changed shift is part of in the new roster, hours (worked hours before now included); 0 for a cancellation. */
  stretchHours: number;
};

export type NightReplan = {
  now: string;
  noticeMin: number;
  reforecast: Reforecast;
  changes: NightChange[];
  /** The new roster (same shape as a solved roster; `method: "replan"`). */
  roster: RosterResult;
  /** From now on: the re-forecast requirement, and who is on duty before and after the re-plan. */
  coverage: { start: string; presales: CoverageFromNow; aftersales: CoverageFromNow }[];
  /** Agent-hours short from now on against the re-forecast, with the roster as it was and as re-planned. */
  shortfallAgentHours: { before: number; after: number };
  /** The re-plan model's solver status: optimal means no other choice of options does better. */
  status: Extract<SolveStatus, "optimal" | "feasible" | "timeout">;
  /** How many options were weighed, over everyone. */
  options: number;
  solveMs: number;
};

export type CoverageFromNow = { required: number; before: number; after: number };

/** Re-forecasts from `actuals` and re-plans `current` (the roster solved for `people`) at `options.now`. */
export function replanNight(plan: Plan, staffing: StaffingResult, people: Person[], current: RosterResult, actuals: readonly ActualInput[], options: NightOptions): NightReplan {
  const t0 = options.clock();
  const rf = reforecast(plan, staffing, actuals, { ...options.reforecast, now: options.now });
  const demand = reforecastDemand(staffing, rf);
  const rosterable = people.filter((p) => p.kind !== "temp" || p.trained);
  const grid = rosterGrid(plan, demand);
  const nowMs = Date.parse(rf.now);
  const before: Assignment[] = current.shifts.map((s) => ({
    personId: s.personId,
    queue: s.queue,
    startMs: Date.parse(s.start),
    endMs: Date.parse(s.end),
    breaks: s.breaks.map((b) => ({ startMs: Date.parse(b.start), endMs: Date.parse(b.end) })),
  }));
  const outcome = replan(
    { grid, people: rosterable, current: before, nowMs, shiftLengthsHours: plan.shifts.lengthsHours, breakRule: plan.shifts.breakRule, costPerHour: plan.shifts.costPerHour },
    { solve: options.solve, clock: options.clock, timeLimitSec: Math.max(1, options.timeLimitSec - (options.clock() - t0) / 1000), noticeMin: options.noticeMin },
  );
  const roster = rosterOf(plan, demand, people, outcome.assignments, current, options.clock() - t0);

  // The roster as it was, against the re-forecast; the new one's figures are the read-back's coverage.
  const was = rosterFigures(grid, before);
  const hours = plan.intervalMin / 60;
  const shortBefore = (["presales", "aftersales"] as const).reduce((sum, q) => sum + was.served[q].slice(rf.nowIndex).reduce((s, c) => s + c.shortfall, 0) * hours, 0);
  const shortAfter = roster.coverage.slice(rf.nowIndex).reduce((sum, c) => sum + (c.presales.shortfall + c.aftersales.shortfall) * hours, 0);
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: plan.zone }).toISO() as string;
  const times = (t: { startMs: number; endMs: number; queue: Queue } | null): ShiftTimes | null => t && { start: iso(t.startMs), end: iso(t.endMs), queue: t.queue };
  const stretchOf = (personId: string, startMs: number | undefined) => {
    if (startMs === undefined) return 0;
    const own = outcome.assignments.filter((a) => a.personId === personId);
    const stretch = dutyStretches(own, plan.rules).find((s) => s.startMs <= startMs && startMs < s.endMs);
    return stretch ? (stretch.endMs - stretch.startMs) / 3_600_000 : 0;
  };
  return {
    now: rf.now,
    noticeMin: options.noticeMin,
    reforecast: rf,
    changes: outcome.changes.map((c) => ({ personId: c.personId, name: c.name, kind: c.kind, before: times(c.before), after: times(c.after), stretchHours: stretchOf(c.personId, c.after?.startMs) })),
    roster,
    coverage: rf.intervals.slice(rf.nowIndex).map((row, k) => {
      const t = rf.nowIndex + k;
      const cell = (q: Queue): CoverageFromNow => ({ required: row[q].required, before: was.rostered[q][t]!, after: roster.coverage[t]![q].rostered });
      return { start: row.start, presales: cell("presales"), aftersales: cell("aftersales") };
    }),
    shortfallAgentHours: { before: shortBefore, after: shortAfter },
    status: outcome.status,
    options: outcome.options,
    solveMs: options.clock() - t0,
  };
}
