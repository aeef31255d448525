/**
 * The night's re-plan (临时调配, DESIGN.md §4): the roster re-planned from `now` against the
 * re-forecast requirement, with the past fixed.
 *
 * Every person gets a short list of **options** for the rest of the window, each a set of
 * changes with its rule:
 * - keep: nothing changes;
 * - extend / shorten the running shift (to any interval boundary), or send them to rest now;
 * - call in someone off duty: a new shift of a plan length starting no earlier than
 *   now + notice (on the grid, within the next 8 hours), on any queue they have the skill for;
 * - cancel their next shift, shift it (same length, up to 4 hours either way, not before
 *   now + notice), or move it to their other queue (a cross-skilled person, at the shift's
 *   boundary).
 * A later shift that the new times would leave too little rest before is cancelled with it.
 * Each option is checked with the person's whole schedule — what they already worked
 * included — by the independent validator (continuous-duty cap, rest, maximum hours,
 * availability, skills), so nobody's stretch passes the cap counting the hours worked.
 *
 * One integer model then picks exactly one option per person: least weighted shortfall from
 * `now` on (the roster's weights), then changes (each priced like 1 paid hour on site, 2 for
 * calling someone in or touching a future shift: cheap enough that surplus people may be
 * sent to rest), then paid hours from now on.
 */
import { modelBuilder, type Solve } from "./lp.ts";
import { rosteredOf } from "./optimise.ts";
import type { Person, Queue } from "./staff.ts";
import { type RosterGrid, shortfallWeights } from "./team.ts";
import { type Assignment, type RosterRules, validateRoster } from "./validate.ts";
import type { SolveStatus } from "./status.ts";

export type ChangeKind = "extend" | "shorten" | "rest" | "callIn" | "move" | "cancel" | "shift";

export type Change = {
  personId: string;
  name: string;
  kind: ChangeKind;
  /** The shift as it was (absent for a call-in). */
  before: { startMs: number; endMs: number; queue: Queue } | null;
  /** The shift as it will be (absent for a cancellation; for rest, it ends now). */
  after: { startMs: number; endMs: number; queue: Queue } | null;
};

export type ReplanOptions = { solve: Solve; clock: () => number; timeLimitSec: number; noticeMin: number };

export type ReplanInput = {
  grid: RosterGrid;
  people: Person[];
  /** The roster being re-planned (every shift, past ones included). */
  current: Assignment[];
  nowMs: number;
  shiftLengthsHours: number[];
  breakRule: { minShiftHours: number; breakMinutes: number; window: [number, number] } | null;
  costPerHour: number;
};

export type ReplanOutcome = {
  assignments: Assignment[];
  changes: Change[];
  /** optimal: within 0.01 % of the LP bound; feasible: further; timeout: no answer in time (nothing changes). */
  status: Extract<SolveStatus, "optimal" | "feasible" | "timeout">;
  /** The chosen options' objective and the LP bound under it (shortfall priced first, then changes and paid hours). */
  objective: number;
  bound: number;
  options: number;
  solveMs: number;
};

/** An hour short, weighted, costs this many paid hours: shortfall first. */
const SHORTFALL_PRICE_HOURS = 1000;
/** What a change costs, in paid hours: moves of people on site, and calls or touching a future shift. */
const CHANGE_COST = { extend: 1, shorten: 1, rest: 1, move: 1, callIn: 2, cancel: 2, shift: 2 } as const satisfies Record<ChangeKind, number>;
const CALL_IN_WINDOW_HOURS = 8;
/** Call-ins start on the hour grid from now + notice (finer starts multiplied the options for little gain). */
const CALL_IN_STEP_MIN = 60;
const SHIFT_BY_HOURS = 4;
/** The re-plan reaches shifts starting within this many hours of now (the night and the next day). */
const REPLAN_HORIZON_HOURS = 24;
/** Options move times in whole hours: finer steps multiplied the model (2,000 people: 100,000 options) for little gain. */
const OPTION_STEP_MIN = 60;

type Option = { future: Assignment[]; changes: Change[]; cost: number };

/** Re-plans from `nowMs` (on the grid); see the module comment. */
export function replan(input: ReplanInput, options: ReplanOptions): ReplanOutcome {
  const t0 = options.clock();
  const { grid, nowMs } = input;
  const ivMs = grid.intervalMin * 60_000;
  const nowIndex = Math.round((nowMs - grid.windowStartMs) / ivMs);
  // The model looks as far as any option reaches: shifts starting in the next 24 h, up to 12 h long.
  const T = Math.min(grid.required.presales.length, nowIndex + Math.ceil(((REPLAN_HORIZON_HOURS + 12) * 3_600_000) / ivMs));
  const horizonEndMs = grid.windowStartMs + T * ivMs;
  const byPerson = new Map<string, Assignment[]>();
  for (const a of input.current) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a]);

  const people = input.people.filter((p) => p.kind !== "temp" || p.trained);
  const past = new Map<string, Assignment[]>();
  const choices = people.map((person) => {
    const own = (byPerson.get(person.id) ?? []).slice().sort((a, b) => a.startMs - b.startMs);
    past.set(
      person.id,
      own.filter((a) => a.endMs <= nowMs),
    );
    return { person, options: optionsOf(person, own, input, options.noticeMin) };
  });

  // The model: one binary per person and option (a person with only "keep" needs none), a
  // coverage row per queue and interval from now on. (A running-sum coverage, as the team
  // model uses, made HiGHS's branch and bound six times slower here.)
  const weights = shortfallWeights(grid);
  const cover = (future: Assignment[]) => rosteredOf(future, grid.windowStartMs, ivMs, T);
  const model = modelBuilder();
  const requirement: Record<Queue, number[]> = { presales: [], aftersales: [] };
  for (const q of QUEUES) for (let t = nowIndex; t < T; t++) requirement[q].push(model.row(grid.required[q][t]!, Number.POSITIVE_INFINITY));
  const fixed: Assignment[] = [];
  const columns: { person: number; option: number }[] = [];
  // Paid hours in the model's horizon (later ones are the same whichever option is chosen).
  const paidFromNow = (future: Assignment[]) => future.reduce((s, a) => s + Math.max(0, Math.min(a.endMs, horizonEndMs) - Math.max(a.startMs, nowMs)) / 3_600_000, 0);
  choices.forEach((choice, p) => {
    if (choice.options.length === 1) {
      fixed.push(...choice.options[0]!.future);
      return;
    }
    const pick = model.row(1, 1);
    choice.options.forEach((option, o) => {
      const covered = cover(option.future);
      const entries: [number, number][] = [[pick, 1]];
      for (const q of QUEUES) for (let t = nowIndex; t < T; t++) if (covered[q][t]! > 0) entries.push([requirement[q][t - nowIndex]!, covered[q][t]!]);
      model.column((option.cost + paidFromNow(option.future)) * input.costPerHour, 1, entries);
      columns.push({ person: p, option: o });
    });
  });
  // Coverage already given by people with a single option lowers the requirement; what is left may be short.
  const fixedCover = cover(fixed);
  for (const q of QUEUES) {
    for (let t = nowIndex; t < T; t++) {
      const row = requirement[q][t - nowIndex]!;
      model.lower[row]! -= fixedCover[q][t]!;
      const need = model.lower[row]!;
      if (need > 0) model.column(SHORTFALL_PRICE_HOURS * input.costPerHour * weights[q][t]!, need, [[row, 1]]);
    }
  }
  // After-sales waiting within the deferral is left to the read-back's EDF: the model covers
  // after-sales on arrival (conservative: it may keep a little more after-sales cover).
  // Solve: the LP first (its optimum is the proof); people whose LP choice is already whole
  // keep it, and a MIP decides the rest. Within 0.01 % of the LP bound the answer is optimal.
  const built = model.build();
  const integrality = new Uint8Array(model.cost.length);
  for (let j = 0; j < columns.length; j++) integrality[j] = 1;
  const remaining = () => Math.max(1, options.timeLimitSec - (options.clock() - t0) / 1000);
  const lp = options.solve({ ...built, integer: false, timeLimitSec: remaining() });
  let x: Float64Array | null = null;
  let bound = Number.NEGATIVE_INFINITY;
  let status: ReplanOutcome["status"] = "timeout";
  if (lp.status === "optimal" && lp.x) {
    bound = lp.objective;
    const lpX = lp.x;
    const settled = new Set<number>();
    columns.forEach((c, j) => {
      if (lpX[j]! > 1 - 1e-6) settled.add(c.person);
    });
    const colLower = new Float64Array(model.cost.length);
    const colUpper = Float64Array.from(built.colUpper);
    columns.forEach((c, j) => {
      if (!settled.has(c.person)) return;
      const whole = lpX[j]! > 1 - 1e-6 ? 1 : 0;
      colLower[j] = whole;
      colUpper[j] = whole;
    });
    const mip = options.solve({ ...built, colLower, colUpper, integrality, integer: true, mipRelGap: 1e-4, timeLimitSec: remaining() });
    if (mip.x) {
      x = mip.x;
      status = mip.objective - bound <= 1e-4 * Math.max(1, Math.abs(bound)) ? "optimal" : mip.status === "timeout" ? "timeout" : "feasible";
    }
  }
  const outcome = { x, objective: x ? built.colCost.reduce((sum, c, j) => sum + c * x![j]!, 0) : Number.NaN, bound };

  const chosen = choices.map(() => 0);
  if (outcome.x) {
    columns.forEach((c, j) => {
      if (outcome.x![j]! > 0.5) chosen[c.person] = c.option;
    });
  }
  const assignments: Assignment[] = [];
  const changes: Change[] = [];
  choices.forEach((choice, p) => {
    const option = choice.options[chosen[p]!]!;
    assignments.push(...(past.get(choice.person.id) ?? []), ...option.future);
    changes.push(...option.changes);
  });
  return {
    assignments,
    changes,
    status,
    objective: outcome.objective,
    bound: outcome.bound,
    options: choices.reduce((s, c) => s + c.options.length, 0),
    solveMs: options.clock() - t0,
  };
}

const QUEUES: readonly Queue[] = ["presales", "aftersales"];

/** A person's options from now on (the first is "keep"); each checked with their whole schedule. */
function optionsOf(person: Person, own: Assignment[], input: ReplanInput, noticeMin: number): Option[] {
  const { grid, nowMs } = input;
  const ivMs = grid.intervalMin * 60_000;
  /** New ends and shifted starts move in steps of an hour (or the interval, if longer). */
  const stepMs = Math.max(ivMs, OPTION_STEP_MIN * 60_000);
  /** Shifts starting before this are the re-plan's to change; later ones stay as they are. */
  const reachMs = nowMs + REPLAN_HORIZON_HOURS * 3_600_000;
  const windowEndMs = grid.windowStartMs + grid.required.presales.length * ivMs;
  const rules: RosterRules = grid.rules;
  const past = own.filter((a) => a.endMs <= nowMs);
  const running = own.find((a) => a.startMs < nowMs && nowMs < a.endMs);
  const future = own.filter((a) => a.startMs >= nowMs);
  const keep: Option = { future: [...(running ? [running] : []), ...future], changes: [], cost: 0 };
  const options: Option[] = [keep];
  const valid = (schedule: Assignment[]) => validateRoster([person], [...past, ...schedule], rules).length === 0;
  const times = (a: Assignment) => ({ startMs: a.startMs, endMs: a.endMs, queue: a.queue });
  const change = (kind: ChangeKind, before: Assignment | null, after: Assignment | null): Change => ({
    personId: person.id,
    name: person.name,
    kind,
    before: before && times(before),
    after: after && times(after),
  });
  /** `shifts` plus the person's later shifts that still fit; those that do not are cancelled. */
  const withLater = (shifts: Assignment[], changes: Change[], later: Assignment[]): Option | null => {
    const kept = [...shifts];
    const all = [...changes];
    for (const f of later) {
      if (valid([...kept, f])) kept.push(f);
      // Only shifts the model can see may be cancelled: one beyond its reach would look free.
      else if (f.startMs < reachMs) all.push(change("cancel", f, null));
      else return null;
    }
    if (!valid(kept)) return null;
    return { future: kept, changes: all, cost: all.reduce((s, c) => s + CHANGE_COST[c.kind], 0) };
  };
  const add = (option: Option | null) => {
    if (option) options.push(option);
  };

  if (running) {
    const lastEnd = running.startMs + rules.maxContinuousDutyHours * 3_600_000;
    for (let end = nowMs; end <= lastEnd; end += stepMs) {
      if (end === running.endMs) continue;
      // Sent to rest now, the shift keeps the part already worked.
      if (end > windowEndMs) break;
      // A break already begun stays on the record, cut at the new end.
      const cut: Assignment = { ...running, endMs: end, breaks: running.breaks.filter((b) => b.startMs < end).map((b) => ({ startMs: b.startMs, endMs: Math.min(b.endMs, end) })) };
      const kind: ChangeKind = end === nowMs ? "rest" : end < running.endMs ? "shorten" : "extend";
      add(withLater([cut], [change(kind, running, cut)], future));
    }
  } else {
    const earliest = nowMs + Math.ceil((noticeMin * 60_000) / ivMs) * ivMs;
    for (let start = earliest; start < nowMs + CALL_IN_WINDOW_HOURS * 3_600_000; start += CALL_IN_STEP_MIN * 60_000) {
      for (const hours of input.shiftLengthsHours) {
        const end = start + hours * 3_600_000;
        if (end > windowEndMs) continue;
        for (const queue of person.skills) {
          const shift: Assignment = { personId: person.id, queue, startMs: start, endMs: end, breaks: breakOf(start, end, input.breakRule, ivMs) };
          add(withLater([shift], [change("callIn", null, shift)], future));
        }
      }
    }
  }

  // The next shift may be cancelled, shifted or moved when it starts within the horizon.
  const next = future[0] && future[0].startMs < reachMs ? future[0] : undefined;
  if (next) {
    const others = future.slice(1);
    add(withLater(running ? [running] : [], [change("cancel", next, null)], others));
    const earliest = nowMs + noticeMin * 60_000;
    for (let by = -SHIFT_BY_HOURS * 3_600_000; by <= SHIFT_BY_HOURS * 3_600_000; by += stepMs) {
      if (by === 0 || next.startMs + by < earliest) continue;
      const moved: Assignment = { ...next, startMs: next.startMs + by, endMs: next.endMs + by, breaks: next.breaks.map((b) => ({ startMs: b.startMs + by, endMs: b.endMs + by })) };
      if (moved.endMs > windowEndMs) continue;
      add(withLater([...(running ? [running] : []), moved], [change("shift", next, moved)], others));
    }
    for (const queue of person.skills) {
      if (queue === next.queue) continue;
      const moved: Assignment = { ...next, queue };
      add(withLater([...(running ? [running] : []), moved], [change("move", next, moved)], others));
    }
  }
  return options;
}

/** A meal break in the middle of the break rule's window, on the grid, for shifts long enough to need one. */
function breakOf(startMs: number, endMs: number, rule: ReplanInput["breakRule"], ivMs: number): Assignment["breaks"] {
  const lengthMs = endMs - startMs;
  if (!rule || lengthMs < rule.minShiftHours * 3_600_000) return [];
  const middle = ((rule.window[0] + rule.window[1]) / 2) * lengthMs;
  const offset = Math.round(middle / ivMs) * ivMs;
  return [{ startMs: startMs + offset, endMs: startMs + offset + rule.breakMinutes * 60_000 }];
}
