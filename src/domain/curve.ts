/**
 * The planning window, its interval grid and inquiry curves (DESIGN.md §2).
 *
 * All clock arithmetic goes through luxon with the plan's zone. Positions on the grid are
 * real elapsed minutes from the window start, so a daylight-saving zone still gets
 * intervals of equal length.
 */
import { DateTime } from "luxon";
import { InputError, issue } from "./errors.ts";

export type IntervalMin = 15 | 30 | 60;

export type Window = {
  /** Local date-time in `zone`, ISO without offset, e.g. "2026-11-10T00:00". */
  start: string;
  end: string;
  zone: string;
};

export type Grid = {
  zone: string;
  intervalMin: number;
  startMs: number;
  /** Start of each interval, ISO with offset in the plan's zone. */
  starts: string[];
};

/** Parses a local ISO date-time in `zone`; throws InputError naming `path` if it is not one. */
export function localTime(iso: string, zone: string, path: string): DateTime {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new InputError([{ path, ...issue("not_date_time", { value: iso }, `not a date-time: ${dt.invalidExplanation ?? iso}`) }]);
  return dt;
}

/**
 * Cuts the window into intervals of `intervalMin` minutes. The window must be a whole
 * number of intervals long.
 */
export function buildGrid(window: Window, intervalMin: number): Grid {
  const start = localTime(window.start, window.zone, "window.start");
  const end = localTime(window.end, window.zone, "window.end");
  const minutes = end.diff(start, "minutes").minutes;
  if (minutes <= 0) throw new InputError([{ path: "window.end", ...issue("end_after_start", { start: "window.start" }, "must be after window.start") }]);
  if (minutes % intervalMin !== 0) {
    throw new InputError([{ path: "window.end", ...issue("window_whole_intervals", { interval: intervalMin }, `the window must be a whole number of ${intervalMin}-minute intervals`) }]);
  }
  const count = minutes / intervalMin;
  return { zone: window.zone, intervalMin, startMs: start.toMillis(), starts: isoInstants(start.toMillis(), intervalMin * 60_000, count, window.zone) };
}

/** A zone changes its offset at most once in this span (real zones: months apart). */
const OFFSET_BLOCK_MS = 6 * 3_600_000;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}/;

/**
 * `count` instants `stepMs` apart from `startMs`, as luxon's ISO with the zone's offset
 * (e.g. 2026-11-10T00:00:00.000+08:00). Asking the zone for its offset is luxon's slow part
 * (Intl), so it is asked at both ends of each 6-hour block; where the two agree the block's
 * instants are formatted with that offset, and only a block holding a change goes through
 * luxon instant by instant. The strings are the same as luxon's.
 */
export function isoInstants(startMs: number, stepMs: number, count: number, zone: string): string[] {
  const starts = new Array<string>(count);
  let i = 0;
  while (i < count) {
    const blockStartMs = startMs + i * stepMs;
    const first = DateTime.fromMillis(blockStartMs, { zone });
    const firstIso = first.toISO() as string;
    const offsetMs = first.offset * 60_000;
    const blockEnd = Math.min(count, i + Math.max(1, Math.floor(OFFSET_BLOCK_MS / stepMs)));
    const sameOffset = DateTime.fromMillis(startMs + (blockEnd - 1) * stepMs, { zone }).offset === first.offset && ISO_MS.test(firstIso);
    const suffix = firstIso.slice(23);
    for (; i < blockEnd; i++) {
      const ms = startMs + i * stepMs;
      starts[i] = sameOffset ? `${new Date(ms + offsetMs).toISOString().slice(0, 23)}${suffix}` : (DateTime.fromMillis(ms, { zone }).toISO() as string);
    }
  }
  return starts;
}

/**
 * Moves amounts from one grid to another on a shared minute axis, assuming each source
 * amount is spread evenly over its interval: a target interval receives each source
 * amount in proportion to their overlap. Totals are preserved wherever the target grid
 * covers the source (15 ↔ 30 ↔ 60 minutes, or any other lengths).
 *
 * @param values source amounts (counts or shares), one per source interval
 * @param fromStartMin source grid start, minutes on the shared axis
 * @param toStartMin target grid start, minutes on the same axis
 */
export function resample(values: readonly number[], fromStartMin: number, fromIntervalMin: number, toStartMin: number, toIntervalMin: number, toCount: number): number[] {
  const out = new Array<number>(toCount).fill(0);
  for (let i = 0; i < values.length; i++) {
    const s0 = fromStartMin + i * fromIntervalMin;
    const s1 = s0 + fromIntervalMin;
    const value = values[i] as number;
    const first = Math.max(0, Math.floor((s0 - toStartMin) / toIntervalMin));
    for (let k = first; k < toCount; k++) {
      const t0 = toStartMin + k * toIntervalMin;
      if (t0 >= s1) break;
      const overlap = Math.min(s1, t0 + toIntervalMin) - Math.max(s0, t0);
      if (overlap > 0) out[k] = (out[k] as number) + (value * overlap) / fromIntervalMin;
    }
  }
  return out;
}

/** Scales non-negative weights to shares summing to 1. Throws if they sum to 0. */
export function toShares(weights: readonly number[], path: string): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) throw new InputError([{ path, ...issue("curve_no_weight", {}, "the curve has no weight inside the window") }]);
  return weights.map((w) => w / total);
}

/** A curve over the window: the share of the window's receptions in each interval. */
export type CurveSpec = { kind: "builtin"; id: string } | { kind: "shares" | "counts"; intervalMin: number; values: number[] };

/**
 * A built-in template: hourly weights from `anchor` (a local month-day at 00:00 in the
 * window's year, e.g. "11-10"), plus the after-sales shapes that go with it.
 */
export type CurveTemplate = {
  id: string;
  anchor: string;
  intervalMin: number;
  presalesWeights: number[];
  aftersalesIntradayHourly: number[];
  aftersalesLagDayShares: number[];
};

/**
 * Shares of the window's receptions per grid interval for a curve spec.
 * - builtin: the template's weights aligned by clock time (its anchor in the window's
 *   year), resampled and renormalised over the window; the window must lie inside it.
 * - shares / counts: values from the window start on their own grid, covering the window
 *   exactly; resampled to the plan's grid and normalised.
 */
export function curveShares(spec: CurveSpec, grid: Grid, templates: ReadonlyMap<string, CurveTemplate>, path: string): number[] {
  const count = grid.starts.length;
  const windowMin = count * grid.intervalMin;
  if (spec.kind === "builtin") {
    const template = templates.get(spec.id);
    if (!template) {
      const known = [...templates.keys()];
      throw new InputError([{ path: `${path}.id`, ...issue("curve_unknown_builtin", { id: spec.id, known }, `unknown built-in curve "${spec.id}"; known: ${known.join(", ")}`) }]);
    }
    const offsetMin = templateOffsetMin(template, grid);
    const spanMin = template.presalesWeights.length * template.intervalMin;
    if (offsetMin < 0 || offsetMin + windowMin > spanMin) {
      const span = describeSpan(template, grid);
      throw new InputError([{ path: "window", ...issue("curve_outside_builtin", { id: template.id, span }, `the built-in curve "${template.id}" covers ${span}; the window must lie inside it`) }]);
    }
    const weights = resample(template.presalesWeights, -offsetMin, template.intervalMin, 0, grid.intervalMin, count);
    return toShares(weights, path);
  }
  if (spec.values.length * spec.intervalMin !== windowMin) {
    throw new InputError([
      {
        path: `${path}.values`,
        ...issue(
          "curve_values_length",
          { count: spec.values.length, interval: spec.intervalMin, covered: spec.values.length * spec.intervalMin, window: windowMin },
          `${spec.values.length} values of ${spec.intervalMin} min cover ${spec.values.length * spec.intervalMin} min; the window is ${windowMin} min`,
        ),
      },
    ]);
  }
  if (spec.kind === "shares") {
    const total = spec.values.reduce((s, v) => s + v, 0);
    if (Math.abs(total - 1) > 1e-6) {
      throw new InputError([{ path: `${path}.values`, ...issue("curve_shares_sum", { sum: total }, `shares must sum to 1 (they sum to ${total}); give counts instead to have them scaled`) }]);
    }
  }
  return toShares(resample(spec.values, 0, spec.intervalMin, 0, grid.intervalMin, count), path);
}

/** Minutes from the template's anchor to the window start. */
export function templateOffsetMin(template: CurveTemplate, grid: Grid): number {
  return (grid.startMs - templateAnchor(template, grid).toMillis()) / 60_000;
}

function templateAnchor(template: CurveTemplate, grid: Grid): DateTime {
  const year = DateTime.fromMillis(grid.startMs, { zone: grid.zone }).year;
  return DateTime.fromISO(`${year}-${template.anchor}T00:00`, { zone: grid.zone });
}

function describeSpan(template: CurveTemplate, grid: Grid): string {
  const from = templateAnchor(template, grid);
  const to = from.plus({ minutes: template.presalesWeights.length * template.intervalMin });
  return `${from.toFormat("yyyy-MM-dd HH:mm")} – ${to.toFormat("yyyy-MM-dd HH:mm")} (${grid.zone})`;
}
