/**
 * Shift templates → the concrete shifts a design may use (DESIGN.md §4 "Shift templates"),
 * in the instance format of shared/bench/README.md: a start grid × lengths with a break
 * rule, and/or an explicit list of templates; optionally cyclic (the window repeats).
 */
import type { Deferral } from "./backlog.ts";
import { InputError, type InputIssue, issue } from "./errors.ts";
import { MAX_SHIFTS } from "./limits.ts";
import type { BreakRule } from "./plan.ts";

export type { BreakRule } from "./plan.ts";

export type ShiftTemplate = {
  name?: string | undefined;
  /** Offset of the shift start from the window start, minutes. */
  startMinute: number;
  lengthMinutes: number;
  /** Cost of one agent on this shift; default costPerHour × paid hours. */
  cost?: number | undefined;
  /** Breaks, as offsets from the window start; the agent covers nothing during them. */
  breaks?: { startMinute: number; lengthMinutes: number }[] | undefined;
  /** At most this many agents may take the shift. */
  maxCount?: number | undefined;
};

export type DesignInstance = {
  name?: string | undefined;
  /** Window start, ISO with offset. */
  start: string;
  intervalMinutes: number;
  /** Agents required in each interval. */
  demand: number[];
  shiftLengthsHours?: number[] | undefined;
  shiftStartStepMinutes?: number | undefined;
  breakRule?: BreakRule | null | undefined;
  maxContinuousHours?: number | undefined;
  costPerHour?: number | undefined;
  templates?: ShiftTemplate[] | undefined;
  cyclic?: boolean | undefined;
  /** Work of these intervals may be served up to `maxIntervals` later (after-sales at the peak). */
  deferral?: Deferral | undefined;
};

/** One concrete shift: when it runs, its breaks, what it costs and which intervals it covers. */
export type Shift = {
  name: string;
  startMin: number;
  lengthMin: number;
  breaks: { startMin: number; lengthMin: number }[];
  cost: number;
  /** Infinity when unlimited. */
  maxCount: number;
  /** Intervals covered (whole interval on duty, not on a break), ascending, wrapped if cyclic. */
  rows: number[];
};

/**
 * Every shift the instance allows. Generated shifts follow the bench's rules: a start on
 * the step grid, lying wholly inside the window (unless cyclic); a shift of at least
 * `minShiftHours` gets one break per allowed offset o on the interval grid with
 * window[0]·L ≤ o ≤ window[1]·L; a variant whose longest stretch without a break exceeds
 * `maxContinuousHours` is left out. Throws InputError naming the field for grids that do
 * not fit the intervals.
 */
export function enumerateShifts(instance: DesignInstance): Shift[] {
  const iv = instance.intervalMinutes;
  const horizon = iv * instance.demand.length;
  const costPerHour = instance.costPerHour ?? 1;
  const maxRunMin = (instance.maxContinuousHours ?? Number.POSITIVE_INFINITY) * 60;
  const cyclic = instance.cyclic ?? false;
  const issues: InputIssue[] = [];
  const shifts: Shift[] = [];

  const lengths = instance.shiftLengthsHours ?? [];
  const step = instance.shiftStartStepMinutes ?? iv;
  const multipleOf = issue("multiple_of_interval", { interval: iv }, `must be a multiple of intervalMinutes (${iv})`);
  if (lengths.length > 0 && step % iv !== 0) issues.push({ path: "shiftStartStepMinutes", ...multipleOf });
  const rule = instance.breakRule ?? null;
  if (rule && rule.breakMinutes % iv !== 0) issues.push({ path: "breakRule.breakMinutes", ...multipleOf });
  lengths.forEach((hours, i) => {
    if (Math.round(hours * 60) % iv !== 0)
      issues.push({ path: `shiftLengthsHours.${i}`, ...issue("shift_length_intervals", { hours, interval: iv }, `${hours} h is not a whole number of ${iv}-minute intervals`) });
  });
  (instance.templates ?? []).forEach((t, i) => {
    const path = `templates.${i}`;
    if (t.startMinute % iv !== 0) issues.push({ path: `${path}.startMinute`, ...issue("on_interval_grid", { interval: iv }, `must lie on the ${iv}-minute interval grid`) });
    if (t.lengthMinutes % iv !== 0) issues.push({ path: `${path}.lengthMinutes`, ...issue("whole_intervals", { interval: iv }, `must be a whole number of ${iv}-minute intervals`) });
    if (!cyclic && (t.startMinute < 0 || t.startMinute + t.lengthMinutes > horizon)) {
      issues.push({ path, ...issue("shift_outside_window", { minutes: horizon }, `the shift must lie inside the ${horizon}-minute window (or set "cyclic": true)`) });
    }
    (t.breaks ?? []).forEach((b, k) => {
      const inside = b.startMinute >= t.startMinute && b.startMinute + b.lengthMinutes <= t.startMinute + t.lengthMinutes;
      if (!inside || b.startMinute % iv !== 0 || b.lengthMinutes % iv !== 0) {
        issues.push({ path: `${path}.breaks.${k}`, ...issue("break_outside_shift", {}, "a break must lie inside its shift, on the interval grid") });
      }
    });
  });
  if (issues.length > 0) throw new InputError(issues);

  const breakOffsetsOf = (hours: number): (number | null)[] => {
    const lengthMin = Math.round(hours * 60);
    if (!rule || hours < rule.minShiftHours) return [null];
    const offsets: number[] = [];
    for (let o = iv; o < lengthMin - rule.breakMinutes; o += iv) {
      if (rule.window[0] * lengthMin <= o && o <= rule.window[1] * lengthMin) offsets.push(o);
    }
    return offsets;
  };
  const lastStartOf = (hours: number) => (cyclic ? horizon - step : horizon - Math.round(hours * 60));
  // Count before building: a fine start grid × many lengths × break places can run to millions.
  const total = lengths.reduce((sum, hours) => sum + (lastStartOf(hours) < 0 ? 0 : Math.floor(lastStartOf(hours) / step) + 1) * breakOffsetsOf(hours).length, 0) + (instance.templates?.length ?? 0);
  if (total > MAX_SHIFTS) {
    throw new InputError([
      {
        path: "shiftLengthsHours",
        ...issue(
          "too_many_shifts",
          { count: total, step, maximum: MAX_SHIFTS },
          `these lengths, starts every ${step} min and break places make ${total.toLocaleString("en")} shifts; at most ${MAX_SHIFTS.toLocaleString("en")}: use fewer lengths or a coarser shift start step`,
        ),
      },
    ]);
  }

  for (const hours of lengths) {
    const lengthMin = Math.round(hours * 60);
    const breakOffsets = breakOffsetsOf(hours);
    const lastStart = lastStartOf(hours);
    for (let s = 0; s <= lastStart; s += step) {
      for (const o of breakOffsets) {
        const breakMin = rule?.breakMinutes ?? 0;
        const longestRun = o === null ? lengthMin : Math.max(o, lengthMin - o - breakMin);
        if (longestRun > maxRunMin) continue;
        const breaks = o === null ? [] : [{ startMin: s + o, lengthMin: breakMin }];
        shifts.push(makeShift(`${hours}h@${s}`, s, lengthMin, breaks, hours * costPerHour, Number.POSITIVE_INFINITY, iv, horizon, cyclic));
      }
    }
  }
  (instance.templates ?? []).forEach((t, i) => {
    const breaks = (t.breaks ?? []).map((b) => ({ startMin: b.startMinute, lengthMin: b.lengthMinutes }));
    const cost = t.cost ?? (t.lengthMinutes / 60) * costPerHour;
    shifts.push(makeShift(t.name ?? `template ${i + 1}`, t.startMinute, t.lengthMinutes, breaks, cost, t.maxCount ?? Number.POSITIVE_INFINITY, iv, horizon, cyclic));
  });
  return shifts;
}

function makeShift(name: string, startMin: number, lengthMin: number, breaks: Shift["breaks"], cost: number, maxCount: number, iv: number, horizon: number, cyclic: boolean): Shift {
  const rows: number[] = [];
  const count = horizon / iv;
  for (let t0 = startMin; t0 + iv <= startMin + lengthMin; t0 += iv) {
    if (breaks.some((b) => t0 < b.startMin + b.lengthMin && b.startMin < t0 + iv)) continue;
    const t = t0 / iv;
    rows.push(cyclic ? ((t % count) + count) % count : t);
  }
  rows.sort((a, b) => a - b);
  return { name, startMin, lengthMin, breaks, cost, maxCount, rows };
}

/**
 * Agents on duty per interval for a set of shifts and their counts, recomputed from the
 * shifts' times and breaks alone (not from `rows`): the independent check on a design.
 * An agent covers an interval only when on duty for the whole of it and not on a break.
 */
export function coverageOf(instance: DesignInstance, chosen: { shift: Pick<Shift, "startMin" | "lengthMin" | "breaks">; agents: number }[]): number[] {
  const iv = instance.intervalMinutes;
  const count = instance.demand.length;
  const horizon = iv * count;
  const covered = new Array<number>(count).fill(0);
  for (const { shift, agents } of chosen) {
    for (let t = 0; t < count; t++) {
      // With a cyclic window, look at the interval in the laps the shift can reach.
      for (const lap of instance.cyclic ? [0, horizon] : [0]) {
        const t0 = t * iv + lap;
        const onDuty = shift.startMin <= t0 && t0 + iv <= shift.startMin + shift.lengthMin;
        const onBreak = shift.breaks.some((b) => t0 < b.startMin + b.lengthMin && b.startMin < t0 + iv);
        if (onDuty && !onBreak) covered[t] = (covered[t] as number) + agents;
      }
    }
  }
  return covered;
}
