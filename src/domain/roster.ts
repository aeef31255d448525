/**
 * The named roster (DESIGN.md §4): who works which shift on which queue.
 *
 * 1. Shift design per queue (design.ts): the least-cost shifts covering each interval's
 *    scheduled agents, with their LP lower bound.
 * 2. Assignment: every agent-slot of those shifts goes to a named person. Slots are taken
 *    pre-sales first (售前优先), then after-sales, each queue in order of how much of the
 *    peak it covers, so when hands are short the shortfall lands where it costs least.
 *    For each slot the eligible person (skill, trained, available for the whole shift, hours
 *    left, overlap, minimum rest, continuous-duty cap across stitched stretches) with the
 *    fewest night and total hours so far gets it (fairness), specialists before people who
 *    can work both queues (they are kept for where they are scarce).
 *    After-sales work arriving in the peak band may wait up to the plan's `maxDeferHours`
 *    (售后稍后): its design may serve it later, and the coverage says what waited.
 * 3. Proof: the independent validator (validate.ts) checks the result; coverage, shortfall,
 *    each person's hours and longest stretch, paid hours, the bound and the gap come with it.
 *
 * All times are epoch milliseconds inside; the result speaks ISO in the plan's zone.
 */
import { DateTime } from "luxon";
import { type Deferral, serveWithDeferral } from "./backlog.ts";
import { type DesignResult, type DesignStatus, designShifts } from "./design.ts";
import type { Solve } from "./lp.ts";
import type { DesignInstance } from "./shifts.ts";
import type { Person, Queue } from "./staff.ts";
import type { Plan, StaffingResult } from "./staffing.ts";
import { type Assignment, type Finding, longestStretchHours, type RosterRules, validateRoster } from "./validate.ts";

const HOUR = 3_600_000;
const QUEUE_ORDER: readonly Queue[] = ["presales", "aftersales"];

export type RosterStatus = "optimal" | "feasible" | "shortfall" | "timeout";

export type RosterOptions = { solve: Solve; clock: () => number; timeLimitSec: number };

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
  people: { id: string; name: string; kind: Person["kind"]; hours: number; nightHours: number; shifts: number; longestStretchHours: number }[];
  /** Temps not yet trained on Tmall rules: never rostered. */
  untrainedTemps: { id: string; name: string }[];
  paidHours: number;
  /** Σ over queues of the shift design's LP bound, paid hours. */
  lowerBoundHours: number | null;
  /** (paidHours − lowerBoundHours) ÷ paidHours. */
  gap: number | null;
  design: Record<Queue, { status: DesignStatus; paidHours: number; lowerBoundHours: number | null; solveMs: number }>;
  /** The validator's findings: always empty in a returned roster. */
  findings: Finding[];
  solveMs: number;
};

export type CoverageCell = { required: number; rostered: number; deferred: number; shortfall: number };

/** Thrown when the roster fails its own validation: a bug in the assignment, never a result. */
export class RosterInvalidError extends Error {
  constructor(readonly findings: Finding[]) {
    super(`roster failed validation: ${findings.slice(0, 5).map((f) => f.message).join("; ")}`);
    this.name = "RosterInvalidError";
  }
}

type Slot = { queue: Queue; startMs: number; endMs: number; breaks: { startMs: number; endMs: number }[]; priority: number };

/** Builds the named roster for `plan` from its staffing result and a staff pool. */
export function buildRoster(plan: Plan, staffing: StaffingResult, people: Person[], options: RosterOptions): RosterResult {
  const t0 = options.clock();
  const intervalMs = plan.intervalMin * 60_000;
  const windowStartMs = Date.parse(staffing.intervals[0]?.start ?? "");
  const count = staffing.intervals.length;
  const required = (queue: Queue) => requiredOf(staffing, queue);
  const deferral = aftersalesDeferral(plan, staffing);
  const deferralOf = (queue: Queue) => (queue === "aftersales" ? deferral : undefined);

  // Pre-sales may use half of the time limit, after-sales what is left.
  const designFor = (queue: Queue, share: number) =>
    designShifts(designInstance(plan, staffing, required(queue), deferralOf(queue)), {
      ...options,
      timeLimitSec: Math.max(0.5, (options.timeLimitSec - (options.clock() - t0) / 1000) * share),
    });
  const presales = designFor("presales", 0.5);
  const designs: Record<Queue, DesignResult> = { presales, aftersales: designFor("aftersales", 1) };

  const slots = QUEUE_ORDER.flatMap((queue) => slotsOf(queue, designs[queue], required(queue), windowStartMs, intervalMs));
  slots.sort((a, b) => QUEUE_ORDER.indexOf(a.queue) - QUEUE_ORDER.indexOf(b.queue) || b.priority - a.priority || a.startMs - b.startMs);

  const rosterable = people.filter((p) => p.kind !== "temp" || p.trained);
  const states = assign(slots, rosterable, plan.rules, plan.zone);
  const assignments = states.flatMap((s) => s.shifts);

  const findings = validateRoster(people, assignments, plan.rules);
  if (findings.length > 0) throw new RosterInvalidError(findings);

  return readBack(plan, staffing, people, states, designs, { count, intervalMs, windowStartMs, deferral, solveMs: options.clock() - t0 });
}

/** A queue's scheduled agents per interval: what its design covers and its coverage is checked against. */
function requiredOf(staffing: StaffingResult, queue: Queue): number[] {
  return staffing.intervals.map((row) => row[queue].scheduledAgents);
}

/** The plan's after-sales deferral on the grid: the peak band's work may wait maxDeferHours, in whole intervals. */
function aftersalesDeferral(plan: Plan, staffing: StaffingResult): Deferral | undefined {
  const maxIntervals = Math.floor((plan.aftersales.maxDeferHours * 60) / plan.intervalMin + 1e-9);
  if (maxIntervals === 0) return undefined;
  return { maxIntervals, from: staffing.peakBand.fromIndex, to: staffing.peakBand.toIndex };
}

function designInstance(plan: Plan, staffing: StaffingResult, demand: number[], deferral: Deferral | undefined): DesignInstance {
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

/** One slot per agent per designed shift; priority = the requirement it covers at its busiest. */
function slotsOf(queue: Queue, design: DesignResult, required: number[], windowStartMs: number, intervalMs: number): Slot[] {
  return design.agentsPerShift.flatMap((use) => {
    const startMs = Date.parse(use.start);
    const endMs = Date.parse(use.end);
    const first = Math.floor((startMs - windowStartMs) / intervalMs);
    const last = Math.ceil((endMs - windowStartMs) / intervalMs);
    const priority = Math.max(0, ...required.slice(first, last));
    const breaks = use.breaks.map((b) => ({ startMs: Date.parse(b.start), endMs: Date.parse(b.end) }));
    return Array.from({ length: use.agents }, () => ({ queue, startMs, endMs, breaks, priority }));
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
      if (best && !better(state, best)) continue;
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

function better(a: PersonState, b: PersonState): boolean {
  if (a.generalist !== b.generalist) return !a.generalist;
  if (a.reach !== b.reach) return a.reach < b.reach;
  if (a.nightHours !== b.nightHours) return a.nightHours < b.nightHours;
  return a.hours < b.hours;
}

function available(person: Person, slot: Slot): boolean {
  return person.availability.length === 0 || person.availability.some((w) => w.startMs <= slot.startMs && slot.endMs <= w.endMs);
}

/** No overlap, enough rest on both sides, and the stitched stretch containing the slot within the cap. */
function fitsRules(own: Assignment[], slot: Slot, rules: RosterRules): boolean {
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

/** Hours between 00:00 and 08:00 local time (the night the rotation should share out). */
function nightHoursOf(startMs: number, endMs: number, zone: string): number {
  let total = 0;
  let day = DateTime.fromMillis(startMs, { zone }).startOf("day");
  while (day.toMillis() < endMs) {
    const nightStart = day.toMillis();
    const nightEnd = day.plus({ hours: 8 }).toMillis();
    total += Math.max(0, Math.min(endMs, nightEnd) - Math.max(startMs, nightStart));
    day = day.plus({ days: 1 });
  }
  return total / HOUR;
}

function readBack(
  plan: Plan,
  staffing: StaffingResult,
  people: Person[],
  states: PersonState[],
  designs: Record<Queue, DesignResult>,
  info: { count: number; intervalMs: number; windowStartMs: number; deferral: Deferral | undefined; solveMs: number },
): RosterResult {
  const iso = (ms: number) => DateTime.fromMillis(ms, { zone: plan.zone }).toISO() as string;
  const assignments = states.flatMap((s) => s.shifts);
  const byId = new Map(people.map((p) => [p.id, p]));

  const rostered = { presales: new Array<number>(info.count).fill(0), aftersales: new Array<number>(info.count).fill(0) };
  for (const a of assignments) {
    for (let t = Math.max(0, Math.floor((a.startMs - info.windowStartMs) / info.intervalMs)); t < info.count; t++) {
      const t0 = info.windowStartMs + t * info.intervalMs;
      if (t0 >= a.endMs) break;
      const whole = a.startMs <= t0 && t0 + info.intervalMs <= a.endMs;
      const onBreak = a.breaks.some((b) => t0 < b.endMs && b.startMs < t0 + info.intervalMs);
      if (whole && !onBreak) rostered[a.queue][t]! += 1;
    }
  }
  const served = {
    presales: serveWithDeferral(requiredOf(staffing, "presales"), rostered.presales),
    aftersales: serveWithDeferral(requiredOf(staffing, "aftersales"), rostered.aftersales, info.deferral),
  };
  const coverage = staffing.intervals.map((row, t) => {
    const cell = (queue: Queue): CoverageCell => ({ required: row[queue].scheduledAgents, rostered: rostered[queue][t]!, ...served[queue][t]! });
    return { start: row.start, presales: cell("presales"), aftersales: cell("aftersales") };
  });

  const shortfallRuns: RosterResult["shortfallRuns"] = [];
  for (const queue of QUEUE_ORDER) {
    let run: RosterResult["shortfallRuns"][number] | undefined;
    coverage.forEach((c, t) => {
      const short = c[queue].shortfall;
      if (short > 1e-9) {
        const endIso = iso(info.windowStartMs + (t + 1) * info.intervalMs);
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

  const paidHours = states.reduce((s, state) => s + state.hours, 0);
  const bounds = QUEUE_ORDER.map((q) => designs[q].lowerBoundHours);
  const lowerBoundHours = bounds.every((b) => b !== null) ? bounds.reduce((s: number, b) => s + (b as number), 0) : null;
  const short = shortfallRuns.length > 0;
  const timedOut = QUEUE_ORDER.some((q) => designs[q].status === "timeout");
  const proven = QUEUE_ORDER.every((q) => designs[q].status === "optimal");
  // Every designed shift staffed and both designs proven optimal: the roster's paid hours are optimal too.
  const status: RosterStatus = timedOut ? "timeout" : short ? "shortfall" : proven ? "optimal" : "feasible";

  return {
    status,
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
    aftersalesDeferral: info.deferral
      ? { maxHours: (info.deferral.maxIntervals * plan.intervalMin) / 60, from: staffing.peakBand.start, to: staffing.peakBand.end }
      : null,
    shortfallRuns,
    people: states
      .filter((s) => s.shifts.length > 0)
      .map((s) => ({
        id: s.person.id,
        name: s.person.name,
        kind: s.person.kind,
        hours: s.hours,
        nightHours: s.nightHours,
        shifts: s.shifts.length,
        longestStretchHours: longestStretchHours(s.shifts, plan.rules),
      })),
    untrainedTemps: people.filter((p) => p.kind === "temp" && !p.trained).map((p) => ({ id: p.id, name: p.name })),
    paidHours,
    lowerBoundHours,
    gap: lowerBoundHours === null || paidHours === 0 ? null : Math.max(0, (paidHours - lowerBoundHours) / paidHours),
    design: Object.fromEntries(
      QUEUE_ORDER.map((q) => [q, { status: designs[q].status, paidHours: designs[q].paidHours, lowerBoundHours: designs[q].lowerBoundHours, solveMs: designs[q].solveMs }]),
    ) as RosterResult["design"],
    findings: [],
    solveMs: info.solveMs,
  };
}
