/**
 * On the night (临时调配, DESIGN.md §4): the rest of the window re-forecast from the receptions
 * that actually arrived, and the requirement recomputed with the plan's own method.
 *
 * - **ratio** (the default): the remaining forecast scaled by actual ÷ forecast over the last
 *   `windowHours` before `now` ("近2小时实际为预测的 1.31 倍"), per queue;
 * - **run-rate**: the mean actual per interval over those hours, held flat.
 *
 * Either way the extrapolation is capped: the factor applied to the forecast stays within
 * [1 ÷ maxRatio, maxRatio], and only the next `horizonHours` are re-forecast (the forecast
 * stands beyond them). Actuals are human receptions (千牛's 咨询人数 counts the customers who
 * reached a person), so they are compared with the forecast's human receptions. Intervals
 * before `now` keep their actuals where there are some.
 */
import { InputError, issue } from "./errors.ts";
import type { RequirementRow } from "./requirement.ts";
import type { Queue } from "./staff.ts";
import { type Plan, queueRequirement, type StaffingResult } from "./staffing.ts";

export type ActualInput = { start: string; queue: Queue; receptions: number };

export type ReforecastOptions = {
  /** Local date-time on the plan's grid: the re-plan's "now". */
  now: string;
  method: "ratio" | "run-rate";
  windowHours: number;
  /** The factor applied to the forecast stays within [1 ÷ maxRatio, maxRatio]. */
  maxRatio: number;
  horizonHours: number;
};

export const DEFAULT_REFORECAST: Omit<ReforecastOptions, "now"> = { method: "ratio", windowHours: 2, maxRatio: 2, horizonHours: 12 };

/** Why the forecast moved, for words on the page and in the CLI: code + params. */
export type ReforecastBasis =
  | { code: "ratio"; hours: number; ratio: number; applied: number; capped: boolean }
  | { code: "run-rate"; hours: number; perInterval: number; forecastPerInterval: number }
  | { code: "no-actuals"; hours: number };

export type Reforecast = {
  now: string;
  nowIndex: number;
  method: ReforecastOptions["method"];
  windowHours: number;
  horizonHours: number;
  maxRatio: number;
  basis: Record<Queue, ReforecastBasis>;
  intervals: {
    start: string;
    presales: ReforecastCell;
    aftersales: ReforecastCell;
  }[];
};

export type ReforecastCell = {
  /** The plan's forecast of human receptions. */
  forecast: number;
  actual: number | null;
  /** Actual before now (forecast where none), re-forecast from now on. */
  reforecast: number;
  requiredBefore: number;
  /** Scheduled agents for the re-forecast, by the plan's method. */
  required: number;
};

const QUEUES: readonly Queue[] = ["presales", "aftersales"];

/**
 * Re-forecasts `staffing` (the plan's forecast) from `actuals` at `options.now` and recomputes
 * the requirement. Throws InputError when `now` is not on the plan's grid inside its window.
 */
export function reforecast(plan: Plan, staffing: StaffingResult, actuals: readonly ActualInput[], options: ReforecastOptions): Reforecast {
  const local = staffing.intervals.map((row) => row.start.slice(0, 16));
  const nowIndex = local.indexOf(options.now.slice(0, 16));
  if (nowIndex < 0) {
    const [first, last] = [local[0] ?? "", local.at(-1) ?? ""];
    const message = `${options.now} is not an interval start of the plan's window (${first} … ${last}, every ${plan.intervalMin} min)`;
    throw new InputError([{ path: "now", ...issue("now_not_interval", { value: options.now, first, last, interval: plan.intervalMin }, message) }]);
  }
  const perHour = 60 / plan.intervalMin;
  const windowFrom = Math.max(0, nowIndex - Math.round(options.windowHours * perHour));
  const horizonTo = Math.min(local.length, nowIndex + Math.round(options.horizonHours * perHour));
  const indexOf = new Map(local.map((s, i) => [s, i]));
  const actual: Record<Queue, (number | null)[]> = { presales: local.map(() => null), aftersales: local.map(() => null) };
  for (const a of actuals) {
    const i = indexOf.get(a.start.slice(0, 16));
    if (i !== undefined) actual[a.queue][i] = (actual[a.queue][i] ?? 0) + a.receptions;
  }

  const basis = {} as Record<Queue, ReforecastBasis>;
  const reforecastOf = {} as Record<Queue, number[]>;
  for (const q of QUEUES) {
    const forecast = staffing.intervals.map((row) => row[q].humanReceptions);
    let actualSum = 0;
    let forecastSum = 0;
    let seen = 0;
    for (let i = windowFrom; i < nowIndex; i++) {
      const a = actual[q][i];
      if (a === null || a === undefined) continue;
      actualSum += a;
      forecastSum += forecast[i]!;
      seen++;
    }
    const clamp = (factor: number) => Math.min(options.maxRatio, Math.max(1 / options.maxRatio, factor));
    let factorAt: (i: number) => number;
    if (seen === 0) {
      basis[q] = { code: "no-actuals", hours: options.windowHours };
      factorAt = () => 1;
    } else if (options.method === "ratio") {
      const ratio = forecastSum > 0 ? actualSum / forecastSum : 1;
      const applied = clamp(ratio);
      basis[q] = { code: "ratio", hours: options.windowHours, ratio, applied, capped: applied !== ratio };
      factorAt = () => applied;
    } else {
      const perInterval = actualSum / seen;
      basis[q] = { code: "run-rate", hours: options.windowHours, perInterval, forecastPerInterval: forecastSum / seen };
      factorAt = (i) => (forecast[i]! > 0 ? clamp(perInterval / forecast[i]!) : 0);
    }
    reforecastOf[q] = forecast.map((f, i) => {
      if (i < nowIndex) return actual[q][i] ?? f;
      return i < horizonTo ? f * factorAt(i) : f;
    });
  }

  const required = {
    presales: queueRequirement(plan, "presales", reforecastOf.presales),
    aftersales: queueRequirement(plan, "aftersales", reforecastOf.aftersales),
  };
  const cell = (q: Queue, i: number): ReforecastCell => ({
    forecast: staffing.intervals[i]![q].humanReceptions,
    actual: actual[q][i] ?? null,
    reforecast: reforecastOf[q][i]!,
    requiredBefore: staffing.intervals[i]![q].scheduledAgents,
    required: (required[q][i] as RequirementRow).scheduledAgents,
  });
  return {
    now: staffing.intervals[nowIndex]!.start,
    nowIndex,
    method: options.method,
    windowHours: options.windowHours,
    horizonHours: options.horizonHours,
    maxRatio: options.maxRatio,
    basis,
    intervals: staffing.intervals.map((row, i) => ({ start: row.start, presales: cell("presales", i), aftersales: cell("aftersales", i) })),
  };
}

/** The re-forecast as the roster's demand: each interval's re-forecast requirement, the plan's peak band. */
export function reforecastDemand(staffing: StaffingResult, r: Reforecast) {
  return {
    peakBand: staffing.peakBand,
    intervals: r.intervals.map((row) => ({ start: row.start, presales: { scheduledAgents: row.presales.required }, aftersales: { scheduledAgents: row.aftersales.required } })),
  };
}
