/**
 * The independent roster validator (DESIGN.md §4 "Rules"): checks a roster of named people
 * against every hard rule, from the assignments' times alone. It shares no code with the
 * optimizer; a roster it finds fault with is a bug, never a result. Each rule is a named
 * function returning its findings, so each can be tested on a toy roster.
 */
import type { Person, Queue } from "./staff.ts";
import type { RosterRules } from "./plan.ts";

export { DEFAULT_RULES, type RosterRules } from "./plan.ts";

/** One shift of one person on one queue; meal breaks lie inside [startMs, endMs) and count as duty. */
export type Assignment = {
  personId: string;
  queue: Queue;
  startMs: number;
  endMs: number;
  breaks: { startMs: number; endMs: number }[];
};

export type RuleName = "continuous-duty" | "min-rest" | "overlap" | "availability" | "skills" | "trained" | "max-hours" | "unknown-person";

export type Finding = { rule: RuleName; personId: string; message: string };

const HOUR = 3_600_000;

/** Every finding for the roster; an empty list means it obeys all the rules. */
export function validateRoster(people: Person[], assignments: Assignment[], rules: RosterRules): Finding[] {
  const byPerson = groupByPerson(assignments);
  const known = new Map(people.map((p) => [p.id, p]));
  const findings: Finding[] = [];
  for (const [personId, own] of byPerson) {
    const person = known.get(personId);
    if (!person) {
      findings.push({ rule: "unknown-person", personId, message: `${personId} is not in the staff pool` });
      continue;
    }
    findings.push(
      ...checkContinuousDuty(person, own, rules),
      ...checkMinRest(person, own, rules),
      ...checkOverlap(person, own),
      ...checkAvailability(person, own),
      ...checkSkills(person, own),
      ...checkTrained(person, own),
      ...checkMaxHours(person, own),
    );
  }
  return findings;
}

/**
 * Stitches a person's duty periods: periods separated by less than `restResetHours` join
 * into one stretch (breaks inside shifts count as duty). Returns the stretches.
 */
export function dutyStretches(own: Assignment[], rules: RosterRules): { startMs: number; endMs: number }[] {
  const stretches: { startMs: number; endMs: number }[] = [];
  for (const a of sorted(own)) {
    const last = stretches.at(-1);
    if (last && a.startMs - last.endMs < rules.restResetHours * HOUR) last.endMs = Math.max(last.endMs, a.endMs);
    else stretches.push({ startMs: a.startMs, endMs: a.endMs });
  }
  return stretches;
}

/** The longest continuous stretch, hours. */
export function longestStretchHours(own: Assignment[], rules: RosterRules): number {
  return dutyStretches(own, rules).reduce((m, s) => Math.max(m, (s.endMs - s.startMs) / HOUR), 0);
}

export function checkContinuousDuty(person: Person, own: Assignment[], rules: RosterRules): Finding[] {
  return dutyStretches(own, rules)
    .filter((s) => s.endMs - s.startMs > rules.maxContinuousDutyHours * HOUR)
    .map((s) => ({
      rule: "continuous-duty" as const,
      personId: person.id,
      message: `${person.name}: ${((s.endMs - s.startMs) / HOUR).toFixed(2)} h of continuous duty from ${new Date(s.startMs).toISOString()} exceeds ${rules.maxContinuousDutyHours} h`,
    }));
}

export function checkMinRest(person: Person, own: Assignment[], rules: RosterRules): Finding[] {
  const list = sorted(own);
  const findings: Finding[] = [];
  for (let i = 1; i < list.length; i++) {
    const rest = list[i]!.startMs - list[i - 1]!.endMs;
    if (rest >= 0 && rest < rules.minRestHours * HOUR) {
      findings.push({
        rule: "min-rest",
        personId: person.id,
        message: `${person.name}: ${(rest / HOUR).toFixed(2)} h of rest before the shift at ${new Date(list[i]!.startMs).toISOString()}, less than ${rules.minRestHours} h`,
      });
    }
  }
  return findings;
}

export function checkOverlap(person: Person, own: Assignment[]): Finding[] {
  const list = sorted(own);
  const findings: Finding[] = [];
  for (let i = 1; i < list.length; i++) {
    if (list[i]!.startMs < list[i - 1]!.endMs) {
      findings.push({ rule: "overlap", personId: person.id, message: `${person.name}: two shifts overlap at ${new Date(list[i]!.startMs).toISOString()}` });
    }
  }
  return findings;
}

export function checkAvailability(person: Person, own: Assignment[]): Finding[] {
  if (person.availability.length === 0) return [];
  return own
    .filter((a) => !person.availability.some((w) => w.startMs <= a.startMs && a.endMs <= w.endMs))
    .map((a) => ({ rule: "availability" as const, personId: person.id, message: `${person.name} is not available for the whole shift from ${new Date(a.startMs).toISOString()}` }));
}

export function checkSkills(person: Person, own: Assignment[]): Finding[] {
  return own.filter((a) => !person.skills.includes(a.queue)).map((a) => ({ rule: "skills" as const, personId: person.id, message: `${person.name} has no ${a.queue} skill` }));
}

export function checkTrained(person: Person, own: Assignment[]): Finding[] {
  if (person.kind !== "temp" || person.trained || own.length === 0) return [];
  return [{ rule: "trained", personId: person.id, message: `${person.name} is a temp not yet trained on Tmall rules and may not be rostered` }];
}

export function checkMaxHours(person: Person, own: Assignment[]): Finding[] {
  const hours = own.reduce((s, a) => s + (a.endMs - a.startMs) / HOUR, 0);
  if (hours <= person.maxHours + 1e-9) return [];
  return [{ rule: "max-hours", personId: person.id, message: `${person.name}: ${hours.toFixed(2)} h rostered, more than the ${person.maxHours} h allowed` }];
}

function groupByPerson(assignments: Assignment[]): Map<string, Assignment[]> {
  const map = new Map<string, Assignment[]>();
  for (const a of assignments) {
    const list = map.get(a.personId);
    if (list) list.push(a);
    else map.set(a.personId, [a]);
  }
  return map;
}

function sorted(own: Assignment[]): Assignment[] {
  return own.slice().sort((a, b) => a.startMs - b.startMs);
}
