/**
 * What it would take (人手缺口与招聘建议, DESIGN.md §4): when the team leaves work short, the
 * fewest extra people, by hire profile, that close the gap.
 *
 * The same team model (team.ts) with one more group per hire profile whose head count is an
 * integer variable: a hire occupies a person of that profile like anyone else, and the
 * profile's count must cover its occupancy at every moment. The objective, in order: least
 * weighted shortfall (as the roster's), then fewest hires (each costs 100 paid hours), then
 * paid cost (a hire's hour costs 1.2 × the team's, so the team is used first). The answer is
 * decomposed into named hires exactly like the team; when that staged solve still leaves work
 * short, the team is solved again with the hires as named people (what the manager would do
 * with `answer.people` added to the pool) and the better outcome is reported.
 *
 * Default profiles (a plan may set its own): trained temps for the peak band (pre-sales);
 * evening support 18:00–03:00 on the peak's evening (pre-sales); day-shift temps 09:00–18:00
 * on every day of the window (both queues).
 */
import { DateTime } from "luxon";
import type { Solve } from "./lp.ts";
import { optimiseTeam } from "./optimise.ts";
import type { Person, Queue, StaffKind } from "./staff.ts";
import type { RosterDemand } from "./roster.ts";
import type { HireProfile, Plan } from "./plan.ts";
import { type TeamGroup, type TeamInstance, teamGroups } from "./team.ts";

export type { HireProfile } from "./plan.ts";

export type HiringAnswer = {
  /** The profiles considered, windows as ISO in the plan's zone. */
  profiles: HireProfile[];
  /** Profiles with at least one hire: how many, and the hours they would work. */
  hires: { profileId: string; name: string; kind: StaffKind; skills: Queue[]; windows: { start: string; end: string }[]; count: number; hours: number; hoursByQueue: Record<Queue, number> }[];
  totalHires: number;
  /** The team's shortfall without hires, and what is still short with them (0 when they close it). */
  shortfallBeforeHours: Record<Queue, number>;
  shortfallAfterHours: Record<Queue, number>;
  closesGap: boolean;
  /** False when the solve ran out of time: the hires then need not be the fewest, or may be missing. */
  complete: boolean;
  /** The hires as named people (ids H-<profile>-001 …), ready to add to the pool. */
  people: Person[];
  solveMs: number;
};

/** Every hire costs this many paid hours (× costPerHour) in the objective: fewer people first. */
const HIRE_COST_HOURS = 100;
/** A hire's paid hour costs this much more than the team's, so the team is used first. */
const HIRE_HOUR_FACTOR = 1.2;

/** The plan's hire profiles, or the three defaults around its peak band. Windows are local date-times. */
export function hireProfiles(plan: Plan, staffing: RosterDemand): HireProfile[] {
  if (plan.hiring?.profiles && plan.hiring.profiles.length > 0) return plan.hiring.profiles;
  const zone = plan.zone;
  const local = (dt: DateTime) => dt.toFormat("yyyy-MM-dd'T'HH:mm");
  const bandStart = DateTime.fromISO(staffing.peakBand.start, { zone });
  const bandEnd = DateTime.fromISO(staffing.peakBand.end, { zone });
  // Wall-clock hours (set, not plus): a day with a clock change keeps 18:00 at 18:00.
  const evening = bandStart.minus({ hours: 12 }).set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
  const windowStart = DateTime.fromISO(plan.window.start, { zone });
  const windowEnd = DateTime.fromISO(plan.window.end, { zone });
  const days: { start: string; end: string }[] = [];
  for (let day = windowStart.startOf("day"); day < windowEnd; day = day.plus({ days: 1 })) {
    const from = DateTime.max(day.set({ hour: 9 }), windowStart);
    const to = DateTime.min(day.set({ hour: 18 }), windowEnd);
    if (to > from) days.push({ start: local(from), end: local(to) });
  }
  const bandHours = bandEnd.diff(bandStart, "hours").hours;
  return [
    { id: "peak-temp", name: "高峰临时客服", kind: "temp", skills: ["presales"], windows: [{ start: local(bandStart), end: local(bandEnd) }], maxHours: Math.min(12, bandHours) },
    { id: "evening-support", name: "晚间支援客服", kind: "support", skills: ["presales"], windows: [{ start: local(evening), end: local(evening.plus({ hours: 9 })) }], maxHours: 9 },
    { id: "day-shift", name: "白班临时客服", kind: "temp", skills: ["presales", "aftersales"], windows: days, maxHours: 9 * days.length },
  ];
}

/**
 * The fewest hires, by profile, that close the team's shortfall (see the module comment).
 * `instance` is the team's (its groups are the rosterable people); `before` is what the
 * team's own roster leaves short, agent-hours per queue.
 */
export function hiringAnswer(
  plan: Plan,
  staffing: RosterDemand,
  instance: TeamInstance,
  before: Record<Queue, number>,
  options: { solve: Solve; clock: () => number; timeLimitSec: number },
): HiringAnswer {
  const t0 = options.clock();
  const zone = plan.zone;
  const profiles = hireProfiles(plan, staffing);
  const toMs = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
  const most = Math.max(1, ...instance.required.presales.map((p, t) => p + instance.required.aftersales[t]!));
  const hireGroups: TeamGroup[] = profiles.map((p) => ({
    key: `hire:${p.id}`,
    people: [],
    skills: [...p.skills].sort(),
    availability: p.windows.map((w) => ({ startMs: toMs(w.start), endMs: toMs(w.end) })).sort((a, b) => a.startMs - b.startMs),
    count: most,
    hoursEach: p.maxHours,
    maxShiftHours: p.maxHours,
    hire: { costPerPerson: HIRE_COST_HOURS, hourCostFactor: HIRE_HOUR_FACTOR },
  }));
  const withHires: TeamInstance = { ...instance, groups: [...instance.groups, ...hireGroups] };
  const profileOf = new Map(hireGroups.map((g, i) => [g, profiles[i]!]));
  const team = optimiseTeam(withHires, {
    solve: options.solve,
    clock: options.clock,
    timeLimitSec: options.timeLimitSec * 0.6,
    // One repair round: what maximum hours leave unplaced is settled by the check below.
    repairs: 1,
    zone,
    costPerHour: plan.shifts.costPerHour,
    hirePeople: (group, count) => hiresOf(profileOf.get(group) as HireProfile, count, zone),
  });
  const hires: HiringAnswer["hires"] = [];
  const people: Person[] = [];
  profiles.forEach((profile, i) => {
    // The profile's hires, by their exact ids (profile ids are unique, so no two profiles share one).
    const candidates = hiresOf(profile, team.hires.get(instance.groups.length + i) ?? 0, zone);
    const candidateIds = new Set(candidates.map((p) => p.id));
    const mine = team.assignments.filter((a) => candidateIds.has(a.personId));
    const ids = new Set(mine.map((a) => a.personId));
    if (ids.size === 0) return;
    const made = candidates.filter((p) => ids.has(p.id));
    people.push(...made);
    const hoursByQueue = { presales: 0, aftersales: 0 };
    for (const a of mine) hoursByQueue[a.queue] += (a.endMs - a.startMs) / 3_600_000;
    hires.push({
      profileId: profile.id,
      name: profile.name,
      kind: profile.kind,
      skills: profile.skills,
      windows: profile.windows.map((w) => ({ start: iso(w.start, zone), end: iso(w.end, zone) })),
      count: made.length,
      hours: hoursByQueue.presales + hoursByQueue.aftersales,
      hoursByQueue,
    });
  });
  let after = team.figures.shortHours;
  let complete = !team.timedOut && team.lpObjective !== null;
  if (after.presales + after.aftersales > 1e-9 && people.length > 0) {
    // The staged solve with hire counts as variables is not exact: solve the team with these
    // hires as named people, as the manager would, and keep the better outcome.
    const check = optimiseTeam(
      { ...instance, groups: teamGroups([...instance.groups.flatMap((g) => g.people), ...people]) },
      { solve: options.solve, clock: options.clock, timeLimitSec: Math.max(1, options.timeLimitSec - (options.clock() - t0) / 1000), zone, costPerHour: plan.shifts.costPerHour },
    );
    if (check.figures.weightedShort < team.figures.weightedShort - 1e-9) after = check.figures.shortHours;
    complete &&= !check.timedOut;
  }
  return {
    profiles: profiles.map((p) => ({ ...p, windows: p.windows.map((w) => ({ start: iso(w.start, zone), end: iso(w.end, zone) })) })),
    hires,
    totalHires: people.length,
    shortfallBeforeHours: { ...before },
    shortfallAfterHours: { presales: after.presales, aftersales: after.aftersales },
    closesGap: after.presales + after.aftersales <= 1e-9,
    complete,
    people,
    solveMs: options.clock() - t0,
  };
}

/** `count` named hires of a profile: H-<profile>-001 …, trained, available in the profile's windows. */
export function hiresOf(profile: HireProfile, count: number, zone: string): Person[] {
  const availability = profile.windows
    .map((w) => ({ startMs: DateTime.fromISO(w.start, { zone }).toMillis(), endMs: DateTime.fromISO(w.end, { zone }).toMillis() }))
    .sort((a, b) => a.startMs - b.startMs);
  return Array.from({ length: count }, (_, i) => {
    const id = `H-${profile.id}-${String(i + 1).padStart(3, "0")}`;
    return { id, name: `${profile.name} ${i + 1}`, subAccount: "", skills: [...profile.skills], kind: profile.kind, trained: true, availability, maxHours: profile.maxHours };
  });
}

function iso(local: string, zone: string): string {
  return DateTime.fromISO(local, { zone }).toISO() as string;
}
