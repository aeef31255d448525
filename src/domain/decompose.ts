/**
 * From the team model's counts (how many of a group work each shift on each queue) to named
 * people (DESIGN.md §4). Within a group everyone has the same skills and availability, and
 * the model keeps at most n_g shifts (each with its rest after it) at any moment, so taking
 * the group's shifts in start order always finds someone free — interval-graph colouring.
 * What the model only pooled is each person's maximum hours: among those free, the shift
 * goes to the person with the most hours left, and for night or peak shifts first to the one
 * with the fewest night and peak hours so far (fairness). When everyone free has too few
 * hours left, one of a free person's earlier shifts is handed to someone else who can take
 * it (free then, hours left), which frees the hours. A shift still nobody can take is
 * returned as unplaced; the caller re-solves with the group's hours lowered.
 */
import { DateTime } from "luxon";
import type { Person, Queue } from "./staff.ts";
import type { ShiftColumn, TeamGroup } from "./team.ts";
import type { Assignment } from "./validate.ts";

const HOUR = 3_600_000;

export type ShiftTimes = { startMs: number; endMs: number; breaks: { startMs: number; endMs: number }[] };

export type DecomposeInput = {
  groups: TeamGroup[];
  /** Each group's people (hire profiles: the hires made for them). */
  peopleOf: (group: number) => Person[];
  columns: ShiftColumn[];
  counts: number[];
  timesOf: (shift: number) => ShiftTimes;
  /** Rest a person keeps after a shift before the next (restResetHours: no stitched stretches). */
  restMs: number;
  zone: string;
  peak: { startMs: number; endMs: number };
};

export type Decomposition = {
  assignments: Assignment[];
  /** Shifts nobody in their group could take within their maximum hours, per group. */
  unplaced: { group: number; queue: Queue; hours: number }[];
  /** Night (00:00–08:00) and peak-band hours per person id. */
  dutyHours: Map<string, { hours: number; nightHours: number; peakHours: number }>;
};

type Held = { assignment: Assignment; releaseMs: number; hours: number; night: number; peak: number };
type State = { person: Person; own: Held[]; freeAtMs: number; hours: number; nightPeak: number; nightHours: number; peakHours: number };

/** Gives every counted shift to a named person of its group; see the module comment. */
export function decompose(input: DecomposeInput): Decomposition {
  const assignments: Assignment[] = [];
  const unplaced: Decomposition["unplaced"] = [];
  const dutyHours: Decomposition["dutyHours"] = new Map();
  input.groups.forEach((_, g) => {
    const jobs: { column: ShiftColumn; times: ShiftTimes }[] = [];
    input.columns.forEach((column, j) => {
      if (column.group !== g) return;
      for (let k = 0; k < input.counts[j]!; k++) jobs.push({ column, times: input.timesOf(column.shift) });
    });
    if (jobs.length === 0) return;
    jobs.sort((a, b) => a.times.startMs - b.times.startMs || b.times.endMs - a.times.endMs);
    const states: State[] = input.peopleOf(g).map((person) => ({ person, own: [], freeAtMs: Number.NEGATIVE_INFINITY, hours: 0, nightPeak: 0, nightHours: 0, peakHours: 0 }));
    for (const { column, times } of jobs) {
      const hours = (times.endMs - times.startMs) / HOUR;
      const night = nightHoursOf(times.startMs, times.endMs, input.zone);
      const peak = overlapHours(times, input.peak);
      const unsocial = night + peak > 0;
      let best: State | undefined;
      for (const s of states) {
        if (s.freeAtMs > times.startMs || s.hours + hours > s.person.maxHours + 1e-9) continue;
        if (!best || better(s, best, unsocial)) best = s;
      }
      best ??= handOver(states, times.startMs, hours);
      if (!best) {
        unplaced.push({ group: g, queue: column.queue, hours });
        continue;
      }
      const assignment: Assignment = { personId: best.person.id, queue: column.queue, startMs: times.startMs, endMs: times.endMs, breaks: times.breaks };
      take(best, { assignment, releaseMs: times.endMs + input.restMs, hours, night, peak });
    }
    for (const s of states) {
      if (s.own.length === 0) continue;
      assignments.push(...s.own.map((h) => h.assignment));
      dutyHours.set(s.person.id, { hours: s.hours, nightHours: s.nightHours, peakHours: s.peakHours });
    }
  });
  return { assignments, unplaced, dutyHours };
}

function take(state: State, held: Held): void {
  state.own.push(held);
  held.assignment.personId = state.person.id;
  state.freeAtMs = Math.max(state.freeAtMs, held.releaseMs);
  state.hours += held.hours;
  state.nightHours += held.night;
  state.peakHours += held.peak;
  state.nightPeak += held.night + held.peak;
}

function give(state: State, held: Held): void {
  state.own.splice(state.own.indexOf(held), 1);
  state.freeAtMs = state.own.reduce((m, h) => Math.max(m, h.releaseMs), Number.NEGATIVE_INFINITY);
  state.hours -= held.hours;
  state.nightHours -= held.night;
  state.peakHours -= held.peak;
  state.nightPeak -= held.night + held.peak;
}

/**
 * Someone free at `startMs` who lacks the hours for a shift of `hours`: hands one of their
 * shifts to another person who is free for it (its time and rest clash with none of theirs)
 * and has the hours, so the first person can take the new shift. Returns that person.
 */
function handOver(states: State[], startMs: number, hours: number): State | undefined {
  for (const p of states) {
    if (p.freeAtMs > startMs) continue;
    const need = p.hours + hours - p.person.maxHours;
    for (const held of p.own) {
      if (held.hours < need - 1e-9) continue;
      const start = held.assignment.startMs;
      const q = states.find(
        (other) => other !== p && other.hours + held.hours <= other.person.maxHours + 1e-9 && other.own.every((o) => o.releaseMs <= start || held.releaseMs <= o.assignment.startMs),
      );
      if (!q) continue;
      give(p, held);
      take(q, held);
      return p;
    }
  }
  return undefined;
}

/** Night or peak shifts: fewest such hours first; then the most hours left, then the pool's order. */
function better(a: State, b: State, unsocial: boolean): boolean {
  if (unsocial && Math.abs(a.nightPeak - b.nightPeak) > 1e-9) return a.nightPeak < b.nightPeak;
  const leftA = a.person.maxHours - a.hours;
  const leftB = b.person.maxHours - b.hours;
  return leftA > leftB + 1e-9;
}

function overlapHours(a: { startMs: number; endMs: number }, b: { startMs: number; endMs: number }): number {
  return Math.max(0, Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs)) / HOUR;
}

/** Hours between 00:00 and 08:00 local time (the night the rotation should share out). */
export function nightHoursOf(startMs: number, endMs: number, zone: string): number {
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
