/**
 * The named roster (DESIGN.md §4): who works which shift on which queue.
 *
 * 1. Design then assign (fast, and optimal whenever the team is large enough): each queue's
 *    least-cost shifts (design.ts) are given to named people slot by slot, pre-sales first
 *    (售前优先), each slot to an eligible person (skill, trained, available for the whole
 *    shift, hours left, overlap, minimum rest, continuous-duty cap across stitched
 *    stretches), specialists and the scarcest people first, then the fewest night and total
 *    hours (fairness). With nothing short, the paid hours meet the designs' LP bound.
 * 2. When that leaves work short, the team model (team.ts, optimise.ts) chooses who works
 *    which shift on which queue in one integer model — least weighted shortfall, then paid
 *    cost, then fairness — and the better of the two rosters is kept.
 * 3. Proof: the independent validator (validate.ts) checks the result; coverage, shortfall,
 *    its lower bound and gap (from the team model's relaxation), paid hours with their bound
 *    and gap, each person's hours and longest stretch come with it. When hands are short,
 *    hiring.ts says how many people of which profile would close the gap.
 *
 * All times are epoch milliseconds inside; the result speaks ISO in the plan's zone.
 */
import { DateTime } from "luxon";
import type { Deferral } from "./backlog.ts";
import { nightHoursOf } from "./decompose.ts";
import { type DesignResult, type DesignStatus, designShifts } from "./design.ts";
import { type HiringAnswer, hiringAnswer } from "./hiring.ts";
import type { Solve } from "./lp.ts";
import { optimiseTeam, paidBound, type RosterFigures, rosterFigures, shortfallBounds } from "./optimise.ts";
import { type DesignInstance, enumerateShifts } from "./shifts.ts";
import type { Person, Queue } from "./staff.ts";
import type { PeakBand, Plan } from "./staffing.ts";
import { type RosterGrid, SHORTFALL_WEIGHTS, type TeamInstance, teamGroups } from "./team.ts";
import { type Assignment, type Finding, longestStretchHours, type RosterRules, validateRoster } from "./validate.ts";
import type { SolveStatus } from "./status.ts";

const HOUR = 3_600_000;
const QUEUE_ORDER: readonly Queue[] = ["presales", "aftersales"];

/**
 * optimal: nothing short and paid hours meet their bound; shortfall: work is short, by no more
 * than 10 % (+2 agent-hours) above the least weighted shortfall any roster of this team can
 * reach; feasible: a valid roster whose gap is not closed; timeout: the designs ran out of time.
 */
/** A roster's status (status.ts): never `infeasible`, since a roster always comes back, short or not. */
export type RosterStatus = Exclude<SolveStatus, "infeasible">;

export type RosterOptions = {
  solve: Solve;
  clock: () => number;
  timeLimitSec: number;
  /** Work out the hiring answer when work is short (default true). */
  hiring?: boolean;
};

export type RosterShift = {
  personId: string;
  name: string;
  subAccount: string;
  queue: Queue;
  start: string;
  end: string;
  hours: number;
  breaks: { start: string; end: string }[];
};

export type RosterResult = {
  status: RosterStatus;
  /** Which method made the roster kept: design then assign, the team model, or the night's re-plan. */
  method: "design-then-assign" | "team-model" | "replan";
  zone: string;
  intervalMin: number;
  shifts: RosterShift[];
  /**
   * Per interval and queue: the requirement, who is on it (breaks excluded), the work that
   * arrived then and was served later (after-sales at the peak only), and what was never served.
   */
  coverage: { start: string; presales: CoverageCell; aftersales: CoverageCell }[];
  /** After-sales deferral in force: work arriving in [from, to) may wait up to maxHours. */
  aftersalesDeferral: { maxHours: number; from: string; to: string } | null;
  /** Consecutive short intervals per queue, for explaining a shortfall in words. */
  shortfallRuns: { queue: Queue; from: string; to: string; maxShort: number; agentHoursShort: number }[];
  /** Agent-hours short in all (pre-sales + after-sales, after after-sales waited within its limit). */
  shortfallAgentHours: number;
  shortfallByQueue: Record<Queue, number>;
  /** Proven: no roster of this team leaves fewer agent-hours short (LP of the relaxed team model). */
  shortfallLowerBoundHours: number | null;
  /** (shortfallAgentHours − bound) ÷ shortfallAgentHours; 0 when nothing is short. */
  shortfallGap: number | null;
  /**
   * The objective's first level: agent-hours short weighted by where they fall (pre-sales in
   * the peak band 3, elsewhere 2, after-sales 1), its proven bound and gap; the status is
   * decided on these.
   */
  weightedShortfall: { hours: number; lowerBound: number | null; gap: number | null; weights: typeof SHORTFALL_WEIGHTS };
  people: { id: string; name: string; kind: Person["kind"]; hours: number; nightHours: number; shifts: number; longestStretchHours: number }[];
  /** Temps not yet trained on Tmall rules: never rostered. */
  untrainedTemps: { id: string; name: string }[];
  paidHours: number;
  /** Proven least paid hours of a roster that leaves no more short than this one. */
  lowerBoundHours: number | null;
  /** (paidHours − lowerBoundHours) ÷ paidHours. */
  gap: number | null;
  design: Record<Queue, { status: DesignStatus; paidHours: number; lowerBoundHours: number | null; solveMs: number }>;
  /** Every roster the solve built, the kept one included: how design then assign fared against the team model. */
  candidates: { method: RosterResult["method"]; shortfallAgentHours: number; weightedShortfall: number; paidHours: number }[];
  /** When work is short: the fewest extra people, by hire profile, that close the gap (人手缺口与招聘建议). */
  hiring: HiringAnswer | null;
  /** The validator's findings: always empty in a returned roster. */
  findings: Finding[];
  solveMs: number;
};

export type CoverageCell = { required: number; rostered: number; deferred: number; shortfall: number };

/** Thrown when the roster fails its own validation: a bug in the assignment, never a result. */
export class RosterInvalidError extends Error {
  constructor(readonly findings: Finding[]) {
    super(
      `roster failed validation: ${findings
        .slice(0, 5)
        .map((f) => f.message)
        .join("; ")}`,
    );
    this.name = "RosterInvalidError";
  }
}

/** What the roster reads of a staffing result: each interval's start and scheduled agents per queue, and the peak band. */
export type RosterDemand = {
  intervals: { start: string; presales: { scheduledAgents: number }; aftersales: { scheduledAgents: number } }[];
  peakBand: PeakBand;
};

type Slot = { queue: Queue; startMs: number; endMs: number; breaks: { startMs: number; endMs: number }[]; priority: number };

/** A roster's shortfall may exceed its proven bound by this share plus PROOF_SLACK_HOURS and still count as proven. */
export const PROOF_TOLERANCE = 0.1;
export const PROOF_SLACK_HOURS = 2;

/** Builds the named roster for `plan` from its staffing result and a staff pool. */
export function buildRoster(plan: Plan, staffing: RosterDemand, people: Person[], options: RosterOptions): RosterResult {
  const t0 = options.clock();
  const remainingSec = () => options.timeLimitSec - (options.clock() - t0) / 1000;
  const rosterable = people.filter((p) => p.kind !== "temp" || p.trained);
  const grid = rosterGrid(plan, staffing);

  // (1) Design then assign. Pre-sales may use a quarter of the time limit, after-sales as much again.
  const designFor = (queue: Queue) =>
    designShifts(designInstance(plan, staffing, grid.required[queue], queue === "aftersales" ? grid.deferral : undefined), {
      ...options,
      timeLimitSec: Math.max(0.5, remainingSec() / 4),
    });
  const presales = designFor("presales");
  const designs: Record<Queue, DesignResult> = { presales, aftersales: designFor("aftersales") };
  const slots = QUEUE_ORDER.flatMap((queue) => slotsOf(queue, designs[queue], grid.required[queue], grid.windowStartMs, plan.intervalMin * 60_000, rosterable.length));
  slots.sort((a, b) => QUEUE_ORDER.indexOf(a.queue) - QUEUE_ORDER.indexOf(b.queue) || b.priority - a.priority || a.startMs - b.startMs);
  const greedy = assign(slots, rosterable, plan.rules, plan.zone).flatMap((s) => s.shifts);
  let chosen: Chosen = { method: "design-then-assign", assignments: greedy, figures: rosterFigures(grid, greedy) };

  // (2) Work left short: the team model, and the proof of how close the roster is to the least shortfall.
  let bounds: { weighted: number | null; plain: number | null; paid: number | null };
  const designBound = QUEUE_ORDER.every((q) => designs[q].lowerBoundHours !== null) ? QUEUE_ORDER.reduce((sum, q) => sum + (designs[q].lowerBoundHours as number), 0) : null;
  let teamTimedOut = false;
  const candidates: Chosen[] = [chosen];
  // The shifts and groups are only needed when work is short (the full pools never enumerate them).
  const instance = chosen.figures.weightedShort > 1e-9 ? teamInstance(plan, staffing, rosterable) : undefined;
  if (instance) {
    const solveOptions = { solve: options.solve, clock: options.clock, zone: plan.zone, costPerHour: plan.shifts.costPerHour };
    // The proof first, on its own share of the time: the least shortfall does not depend on our roster.
    const proof = shortfallBounds(instance, { solve: options.solve, timeLimitSec: Math.min(Math.max(3, remainingSec() * 0.4), Math.max(0.5, remainingSec())) });
    const team = optimiseTeam(instance, { ...solveOptions, timeLimitSec: Math.max(1, remainingSec() * 0.6) });
    teamTimedOut = team.timedOut;
    candidates.push({ method: "team-model", assignments: team.assignments, figures: team.figures });
    if (better(team.figures, chosen.figures)) chosen = { method: "team-model", assignments: team.assignments, figures: team.figures };
    const paid = paidBound(instance, { ...solveOptions, timeLimitSec: Math.max(1, remainingSec() * 0.5) }, chosen.figures.weightedShort, team.lpObjective, proof.weightedLp);
    bounds = { weighted: proof.weightedShortfall, plain: proof.shortfallHours, paid };
  } else {
    // Nothing short: the designs' LP bound (no team limits) bounds every roster's paid hours.
    bounds = { weighted: 0, plain: 0, paid: designBound };
  }

  const findings = validateRoster(people, chosen.assignments, plan.rules);
  if (findings.length > 0) throw new RosterInvalidError(findings);

  const hiring =
    instance && chosen.figures.weightedShort > 1e-9 && options.hiring !== false
      ? hiringAnswer(plan, staffing, instance, chosen.figures.shortHours, { solve: options.solve, clock: options.clock, timeLimitSec: Math.max(1, remainingSec()) })
      : null;
  const timedOut = QUEUE_ORDER.some((q) => designs[q].status === "timeout") && chosen.method === "design-then-assign";
  const designSummary = Object.fromEntries(
    QUEUE_ORDER.map((q) => [q, { status: designs[q].status, paidHours: designs[q].paidHours, lowerBoundHours: designs[q].lowerBoundHours, solveMs: designs[q].solveMs }]),
  ) as RosterResult["design"];
  return readBack(plan, staffing, people, chosen, designSummary, bounds, {
    grid,
    timedOut: timedOut || (teamTimedOut && bounds.weighted === null),
    designsProven: QUEUE_ORDER.every((q) => designs[q].status === "optimal"),
    candidates: candidates.map((c) => ({
      method: c.method,
      shortfallAgentHours: c.figures.shortHours.presales + c.figures.shortHours.aftersales,
      weightedShortfall: c.figures.weightedShort,
      paidHours: c.figures.paidHours,
    })),
    hiring,
    solveMs: options.clock() - t0,
  });
}

type Chosen = { method: RosterResult["method"]; assignments: Assignment[]; figures: RosterFigures };

/**
 * A roster result for given assignments (the night's re-plan): coverage, shortfall runs,
 * people's hours and stretches, checked by the validator. No bounds are claimed for it
 * (the re-plan's own proof is its solver status); `design` is carried over from the roster
 * it came from.
 */
export function rosterOf(plan: Plan, staffing: RosterDemand, people: Person[], assignments: Assignment[], from: Pick<RosterResult, "design">, solveMs: number): RosterResult {
  const findings = validateRoster(people, assignments, plan.rules);
  if (findings.length > 0) throw new RosterInvalidError(findings);
  const grid = rosterGrid(plan, staffing);
  const figures = rosterFigures(grid, assignments);
  return readBack(
    plan,
    staffing,
    people,
    { method: "replan", assignments, figures },
    from.design,
    { weighted: null, plain: null, paid: null },
    {
      grid,
      timedOut: false,
      designsProven: false,
      candidates: [],
      hiring: null,
      solveMs,
    },
  );
}

/** Less weighted shortfall, then fewer paid hours. */
function better(a: RosterFigures, b: RosterFigures): boolean {
  if (Math.abs(a.weightedShort - b.weightedShort) > 1e-9) return a.weightedShort < b.weightedShort;
  return a.paidHours < b.paidHours - 1e-9;
}

/** The roster's grid: the requirement per queue, the peak band, the after-sales deferral and the rules. */
export function rosterGrid(plan: Plan, staffing: RosterDemand): RosterGrid {
  return {
    windowStartMs: Date.parse(staffing.intervals[0]?.start ?? ""),
    intervalMin: plan.intervalMin,
    required: { presales: requiredOf(staffing, "presales"), aftersales: requiredOf(staffing, "aftersales") },
    peak: { from: staffing.peakBand.fromIndex, to: staffing.peakBand.toIndex },
    deferral: aftersalesDeferral(plan, staffing),
    rules: plan.rules,
  };
}

/** The team model's instance: the grid, the shifts the plan allows and the groups of `people`. */
export function teamInstance(plan: Plan, staffing: RosterDemand, people: Person[]): TeamInstance {
  const grid = rosterGrid(plan, staffing);
  return { ...grid, shifts: enumerateShifts(designInstance(plan, staffing, grid.required.presales, undefined)), groups: teamGroups(people) };
}

/** A queue's scheduled agents per interval: what its design covers and its coverage is checked against. */
function requiredOf(staffing: RosterDemand, queue: Queue): number[] {
  return staffing.intervals.map((row) => row[queue].scheduledAgents);
}

/** The plan's after-sales deferral on the grid: the peak band's work may wait maxDeferHours, in whole intervals. */
function aftersalesDeferral(plan: Plan, staffing: RosterDemand): Deferral | undefined {
  const maxIntervals = Math.floor((plan.aftersales.maxDeferHours * 60) / plan.intervalMin + 1e-9);
  if (maxIntervals === 0) return undefined;
  return { maxIntervals, from: staffing.peakBand.fromIndex, to: staffing.peakBand.toIndex };
}

function designInstance(plan: Plan, staffing: RosterDemand, demand: number[], deferral: Deferral | undefined): DesignInstance {
  return {
    name: plan.name,
    start: staffing.intervals[0]?.start ?? "",
    intervalMinutes: plan.intervalMin,
    demand,
    shiftLengthsHours: plan.shifts.lengthsHours,
    shiftStartStepMinutes: plan.shifts.startStepMinutes ?? plan.intervalMin,
    breakRule: plan.shifts.breakRule,
    maxContinuousHours: plan.rules.maxContinuousDutyHours,
    costPerHour: plan.shifts.costPerHour,
    deferral,
  };
}

/**
 * One slot per agent per designed shift; priority = the requirement it covers at its busiest.
 * A shift gets at most `poolSize` slots: one person takes a shift once, so copies beyond the
 * pool stay open anyway (and a huge requirement cannot blow up the slot list).
 */
function slotsOf(queue: Queue, design: DesignResult, required: number[], windowStartMs: number, intervalMs: number, poolSize: number): Slot[] {
  return design.agentsPerShift.flatMap((use) => {
    const startMs = Date.parse(use.start);
    const endMs = Date.parse(use.end);
    const first = Math.floor((startMs - windowStartMs) / intervalMs);
    const last = Math.ceil((endMs - windowStartMs) / intervalMs);
    const priority = Math.max(0, ...required.slice(first, last));
    const breaks = use.breaks.map((b) => ({ startMs: Date.parse(b.start), endMs: Date.parse(b.end) }));
    return Array.from({ length: Math.min(use.agents, poolSize) }, () => ({ queue, startMs, endMs, breaks, priority }));
  });
}

type PersonState = {
  person: Person;
  shifts: Assignment[];
  hours: number;
  nightHours: number;
  generalist: boolean;
  /** Hours the person could work at all (availability, capped by maxHours): the scarcer, the sooner used. */
  reach: number;
};

/**
 * Gives each slot to an eligible person: specialists before generalists, then the person
 * with the least reach (support staff lent for one evening before temps before full-timers,
 * so the flexible stay free for the hours only they can cover), then the fewest night hours
 * and hours so far (fairness). A slot nobody can take stays open (a shortfall).
 * Returns each person's state: their shifts in time order, hours and night hours.
 */
function assign(slots: Slot[], people: Person[], rules: RosterRules, zone: string): PersonState[] {
  const states: PersonState[] = people.map((person) => ({
    person,
    shifts: [],
    hours: 0,
    nightHours: 0,
    generalist: person.skills.length > 1,
    reach: Math.min(person.maxHours, person.availability.length === 0 ? Number.POSITIVE_INFINITY : person.availability.reduce((s, w) => s + (w.endMs - w.startMs) / HOUR, 0)),
  }));
  const byQueue = new Map(QUEUE_ORDER.map((q) => [q, states.filter((s) => s.person.skills.includes(q))]));
  for (const slot of slots) {
    const hours = (slot.endMs - slot.startMs) / HOUR;
    let best: PersonState | undefined;
    for (const state of byQueue.get(slot.queue) ?? []) {
      if (state.hours + hours > state.person.maxHours + 1e-9) continue;
      if (best && !preferred(state, best)) continue;
      if (!available(state.person, slot) || !fitsRules(state.shifts, slot, rules)) continue;
      best = state;
    }
    if (!best) continue;
    const assignment: Assignment = { personId: best.person.id, queue: slot.queue, startMs: slot.startMs, endMs: slot.endMs, breaks: slot.breaks };
    insertSorted(best.shifts, assignment);
    best.hours += hours;
    best.nightHours += nightHoursOf(slot.startMs, slot.endMs, zone);
  }
  return states;
}

function preferred(a: PersonState, b: PersonState): boolean {
  if (a.generalist !== b.generalist) return !a.generalist;
  if (a.reach !== b.reach) return a.reach < b.reach;
  if (a.nightHours !== b.nightHours) return a.nightHours < b.nightHours;
  return a.hours < b.hours;
}

function available(person: Person, slot: Slot): boolean {
  return person.availability.length === 0 || person.availability.some((w) => w.startMs <= slot.startMs && slot.endMs <= w.endMs);
}

/** No overlap, enough rest on both sides, and the stitched stretch containing the slot within the cap. */
export function fitsRules(own: Assignment[], slot: Slot, rules: RosterRules): boolean {
  const minRest = rules.minRestHours * HOUR;
  const reset = rules.restResetHours * HOUR;
  let i = 0;
  while (i < own.length && own[i]!.startMs < slot.startMs) i++;
  const before = own[i - 1];
  const after = own[i];
  if (before && slot.startMs < before.endMs + minRest) return false;
  if (after && after.startMs < slot.endMs + minRest) return false;
  let stretchStart = slot.startMs;
  let stretchEnd = slot.endMs;
  for (let k = i - 1; k >= 0 && stretchStart - own[k]!.endMs < reset; k--) stretchStart = own[k]!.startMs;
  for (let k = i; k < own.length && own[k]!.startMs - stretchEnd < reset; k++) stretchEnd = Math.max(stretchEnd, own[k]!.endMs);
  return stretchEnd - stretchStart <= rules.maxContinuousDutyHours * HOUR;
}

function insertSorted(own: Assignment[], a: Assignment): void {
  let i = own.length;
  while (i > 0 && own[i - 1]!.startMs > a.startMs) i--;
  own.splice(i, 0, a);
}

/**
 * The status a roster's proof earns: `shortfall` when work is short but within 10 % + 2
 * weighted agent-hours of the least any roster of the team can reach, `feasible` when the
 * gap is wider or unknown (never `optimal`), `optimal` when nothing is short and paid hours
 * meet their bound (design then assign: both designs proven optimal).
 */
export function rosterStatus(f: {
  timedOut: boolean;
  shortHours: number;
  weightedShort: number;
  weightedBound: number | null;
  paidProven: boolean;
  designsProven: boolean;
  method: RosterResult["method"];
}): RosterStatus {
  if (f.timedOut) return "timeout";
  if (f.shortHours > 1e-9) {
    const proven = f.weightedBound !== null && f.weightedShort <= f.weightedBound * (1 + PROOF_TOLERANCE) + PROOF_SLACK_HOURS + 1e-9;
    return proven ? "shortfall" : "feasible";
  }
  return (f.method === "design-then-assign" ? f.designsProven : f.paidProven) ? "optimal" : "feasible";
}

function readBack(
  plan: Plan,
  staffing: RosterDemand,
  people: Person[],
  chosen: Chosen,
  design: RosterResult["design"],
  bounds: { weighted: number | null; plain: number | null; paid: number | null },
  info: { grid: RosterGrid; timedOut: boolean; designsProven: boolean; candidates: RosterResult["candidates"]; hiring: HiringAnswer | null; solveMs: number },
): RosterResult {
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: plan.zone }).toISO() as string;
  const intervalMs = plan.intervalMin * 60_000;
  const { assignments, figures } = chosen;
  const byId = new Map(people.map((p) => [p.id, p]));
  const coverage = staffing.intervals.map((row, t) => {
    const cell = (queue: Queue): CoverageCell => ({ required: row[queue].scheduledAgents, rostered: figures.rostered[queue][t]!, ...figures.served[queue][t]! });
    return { start: row.start, presales: cell("presales"), aftersales: cell("aftersales") };
  });

  const shortfallRuns: RosterResult["shortfallRuns"] = [];
  for (const queue of QUEUE_ORDER) {
    let run: RosterResult["shortfallRuns"][number] | undefined;
    coverage.forEach((c, t) => {
      const short = c[queue].shortfall;
      if (short > 1e-9) {
        const endIso = iso(info.grid.windowStartMs + (t + 1) * intervalMs);
        if (!run) {
          run = { queue, from: c.start, to: endIso, maxShort: 0, agentHoursShort: 0 };
          shortfallRuns.push(run);
        }
        run.to = endIso;
        run.maxShort = Math.max(run.maxShort, short);
        run.agentHoursShort += (short * plan.intervalMin) / 60;
      } else {
        run = undefined;
      }
    });
  }

  const byPerson = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const own = byPerson.get(a.personId);
    if (own) own.push(a);
    else byPerson.set(a.personId, [a]);
  }
  const shortHours = figures.shortHours.presales + figures.shortHours.aftersales;
  const relGap = (value: number, bound: number | null) => (bound === null ? null : value <= 1e-9 ? 0 : Math.max(0, (value - bound) / value));
  const paidHours = figures.paidHours;
  // Paid hours are whole when every shift length is: the bound then rounds up.
  const wholeHours = plan.shifts.lengthsHours.every((h) => Number.isInteger(h));
  const paidBound = bounds.paid === null ? null : Math.min(paidHours, wholeHours ? Math.ceil(bounds.paid) : bounds.paid);
  const weightedGap = relGap(figures.weightedShort, bounds.weighted);
  const status = rosterStatus({
    timedOut: info.timedOut,
    shortHours,
    weightedShort: figures.weightedShort,
    weightedBound: bounds.weighted,
    paidProven: paidBound !== null && paidHours <= paidBound + 1e-6,
    designsProven: info.designsProven,
    method: chosen.method,
  });

  return {
    status,
    method: chosen.method,
    zone: plan.zone,
    intervalMin: plan.intervalMin,
    shifts: assignments
      .slice()
      .sort((a, b) => a.startMs - b.startMs || a.personId.localeCompare(b.personId))
      .map((a) => {
        const person = byId.get(a.personId) as Person;
        return {
          personId: a.personId,
          name: person.name,
          subAccount: person.subAccount,
          queue: a.queue,
          start: iso(a.startMs),
          end: iso(a.endMs),
          hours: (a.endMs - a.startMs) / HOUR,
          breaks: a.breaks.map((b) => ({ start: iso(b.startMs), end: iso(b.endMs) })),
        };
      }),
    coverage,
    aftersalesDeferral: info.grid.deferral ? { maxHours: (info.grid.deferral.maxIntervals * plan.intervalMin) / 60, from: staffing.peakBand.start, to: staffing.peakBand.end } : null,
    shortfallRuns,
    shortfallAgentHours: shortHours,
    shortfallByQueue: { presales: figures.shortHours.presales, aftersales: figures.shortHours.aftersales },
    shortfallLowerBoundHours: bounds.plain === null ? null : Math.min(shortHours, bounds.plain),
    shortfallGap: relGap(shortHours, bounds.plain),
    weightedShortfall: { hours: figures.weightedShort, lowerBound: bounds.weighted === null ? null : Math.min(figures.weightedShort, bounds.weighted), gap: weightedGap, weights: SHORTFALL_WEIGHTS },
    people: people
      .filter((p) => byPerson.has(p.id))
      .map((p) => {
        const own = (byPerson.get(p.id) as Assignment[]).sort((a, b) => a.startMs - b.startMs);
        return {
          id: p.id,
          name: p.name,
          kind: p.kind,
          hours: own.reduce((sum, a) => sum + (a.endMs - a.startMs) / HOUR, 0),
          nightHours: own.reduce((sum, a) => sum + nightHoursOf(a.startMs, a.endMs, plan.zone), 0),
          shifts: own.length,
          longestStretchHours: longestStretchHours(own, plan.rules),
        };
      }),
    untrainedTemps: people.filter((p) => p.kind === "temp" && !p.trained).map((p) => ({ id: p.id, name: p.name })),
    paidHours,
    lowerBoundHours: paidBound,
    gap: paidHours <= 1e-9 ? null : relGap(paidHours, paidBound),
    design,
    candidates: info.candidates,
    hiring: info.hiring,
    findings: [],
    solveMs: info.solveMs,
  };
}
