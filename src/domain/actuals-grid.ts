/**
 * The night's rows on the plan's grid: which interval a time falls in, the file's own
 * interval length, and summing finer rows into (or splitting coarser rows over) the plan's
 * intervals. Notes gather what was skipped or assumed, by message, with the lines concerned.
 */
import { DateTime } from "luxon";
import type { ActualRow } from "./actuals.ts";
import { buildGrid } from "./curve.ts";
import { type Coded, issue } from "./errors.ts";
import { QUEUES, type QueueName } from "./staffing.ts";

const MINUTE_MS = 60_000;

/** The plan's grid: zone, interval length and the window (local date-times). Without a window, intervals start on the clock (18:00, 18:30, …) and no row is out of it. */
export type ActualsGrid = { zone: string; intervalMin: number; window?: { start: string; end: string } | undefined };

/** A grid made concrete: where interval 0 starts and how many there are. */
export type GridFrame = { zone: string; intervalMin: number; startMs: number; count: number };

/** A row's time: its start, epoch ms, and the length of the range it writes (null for a plain time). */
export type Slot = { startMs: number; rangeMin: number | null };
/** One queue's figures from one row of the file. */
export type Entry = Slot & { line: number; queue: QueueName; count: number; agents: number | null; firstResponseSec: number | null };

/** The file's interval: its ranges' length, else from the gaps between its times. */
export function intervalOf(entries: Entry[], planIntervalMin: number, notes: Notes, bad: (e: Entry, problem: Coded) => void): number {
  const ranged = entries.filter((e) => e.rangeMin !== null);
  const first = ranged[0];
  if (first) {
    for (const e of ranged) {
      if (e.rangeMin !== first.rangeMin) {
        bad(
          e,
          issue(
            "actuals_mixed_lengths",
            { minutes: e.rangeMin as number, firstMinutes: first.rangeMin as number, line: first.line },
            `a ${e.rangeMin}-minute row among ${first.rangeMin}-minute rows (line ${first.line})`,
          ),
        );
      }
    }
    return first.rangeMin as number;
  }
  const starts = [...new Set(entries.map((e) => e.startMs))];
  if (starts.length === 1) {
    notes.add(`the file has one time only; its rows are taken as ${planIntervalMin}-minute rows, like the plan's`);
    return planIntervalMin;
  }
  const t0 = starts[0] as number;
  return [60, 30, 15].find((min) => starts.every((t) => (t - t0) % (min * MINUTE_MS) === 0)) ?? 15;
}

/** The plan's grid over its window: where interval 0 starts and how many there are. */
export function windowFrame(grid: ActualsGrid & { window: { start: string; end: string } }): GridFrame {
  const { startMs, starts } = buildGrid({ ...grid.window, zone: grid.zone }, grid.intervalMin);
  return { zone: grid.zone, intervalMin: grid.intervalMin, startMs, count: starts.length };
}

/** The plan's window frame; without a window, intervals from the local midnight before the earliest row, unbounded. */
export function frameOf(grid: ActualsGrid, earliestMs: number): GridFrame {
  if (grid.window) return windowFrame({ ...grid, window: grid.window });
  const midnight = DateTime.fromMillis(earliestMs, { zone: grid.zone }).startOf("day").toMillis();
  return { zone: grid.zone, intervalMin: grid.intervalMin, startMs: midnight, count: Number.POSITIVE_INFINITY };
}

/**
 * Where a local start ("YYYY-MM-DDTHH:mm") falls on the grid: the interval's index, or why it
 * is not the start of one of the window's intervals.
 */
export function placeStart(start: string, frame: GridFrame): { index: number } | { problem: Coded } {
  const dt = DateTime.fromISO(start, { zone: frame.zone });
  if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== start.slice(0, 16))
    return { problem: issue("actuals_time_not_exist", { value: start, zone: frame.zone }, `${start} is not a time that exists in ${frame.zone}`) };
  const offsetMin = (dt.toMillis() - frame.startMs) / MINUTE_MS;
  if (offsetMin % frame.intervalMin !== 0) {
    const before = Math.floor(offsetMin / frame.intervalMin);
    const [first, second] = [localAt(frame, before, " "), localAt(frame, before + 1, " ")];
    return {
      problem: issue(
        "actuals_start_off_grid",
        { value: start, interval: frame.intervalMin, first, second },
        `${start} is not on the plan's ${frame.intervalMin}-minute grid (intervals start at ${first}, ${second}, …)`,
      ),
    };
  }
  const index = offsetMin / frame.intervalMin;
  if (index < 0 || index >= frame.count) {
    const [from, to] = [localAt(frame, 0, " "), localAt(frame, frame.count, " ")];
    return { problem: issue("actuals_start_outside", { value: start, from, to }, `${start} is outside the plan's window ${from} – ${to}`) };
  }
  return { index };
}

/** The local start of interval `index`, "YYYY-MM-DDTHH:mm" (or with `separator` between date and time). */
function localAt(frame: GridFrame, index: number, separator = "T"): string {
  return DateTime.fromMillis(frame.startMs + index * frame.intervalMin * MINUTE_MS, { zone: frame.zone }).toFormat(`yyyy-MM-dd'${separator}'HH:mm`);
}

type Interval = { receptions: number; agentsBySlot: Map<number, number>; weight: number; weighted: number; responses: number; responseSum: number; slots: Set<number> };

/**
 * Puts the file's rows on the plan's intervals, sorted by start, pre-sales first. Counts are
 * taken as spread evenly over their row's interval (as `resample` in curve.ts assumes): rows
 * finer than the plan's interval are summed into it; a coarser row gives each of the plan's
 * intervals it covers an equal share. Agents online is a level: summed over a slot's rows
 * (one per 子账号), averaged over the slots in an interval. First response is a mean weighted
 * by count (a plain mean where the counts are 0). A row may not straddle two intervals (an
 * issue via `bad`); parts outside the window are left out with a note.
 */
export function placeOnGrid(entries: Entry[], fileIntervalMin: number, frame: GridFrame, notes: Notes, bad: (e: Entry, problem: Coded) => void): ActualRow[] {
  const p = frame.intervalMin;
  const parts = Math.max(1, fileIntervalMin / p);
  const byKey = new Map<number, Interval>();
  for (const e of entries) {
    const offsetMin = (e.startMs - frame.startMs) / MINUTE_MS;
    const first = Math.floor(offsetMin / p);
    const span = DateTime.fromMillis(e.startMs, { zone: frame.zone }).toFormat("yyyy-MM-dd HH:mm");
    if (parts > 1 ? offsetMin % p !== 0 : offsetMin + fileIntervalMin > (first + 1) * p) {
      const [from, to] = [localAt(frame, first, " "), localAt(frame, first + 1, " ")];
      bad(
        e,
        issue(
          "actuals_straddles",
          { minutes: fileIntervalMin, span, interval: p, from, to },
          `the ${fileIntervalMin}-minute row from ${span} straddles the plan's ${p}-minute intervals ${from} and ${to}`,
        ),
      );
      continue;
    }
    for (let k = first; k < first + parts; k++) {
      if (k < 0 || k >= frame.count) {
        notes.add(`left out rows outside the plan's window ${localAt(frame, 0, " ")} – ${localAt(frame, frame.count, " ")}`, e.line);
        continue;
      }
      const key = k * 2 + QUEUES.indexOf(e.queue);
      const at = byKey.get(key) ?? { receptions: 0, agentsBySlot: new Map(), weight: 0, weighted: 0, responses: 0, responseSum: 0, slots: new Set() };
      byKey.set(key, at);
      at.receptions += e.count / parts;
      at.slots.add(e.startMs);
      if (e.agents !== null) at.agentsBySlot.set(e.startMs, (at.agentsBySlot.get(e.startMs) ?? 0) + e.agents);
      if (e.firstResponseSec !== null) {
        at.weight += e.count;
        at.weighted += e.count * e.firstResponseSec;
        at.responses++;
        at.responseSum += e.firstResponseSec;
      }
    }
  }
  if (parts > 1) notes.add(`the file has ${fileIntervalMin}-minute rows: each was split evenly into ${parts} of the plan's ${p}-minute intervals (agents online and first response copied to each)`);
  if (fileIntervalMin < p) notes.add(`the file has ${fileIntervalMin}-minute rows: they were summed into the plan's ${p}-minute intervals`);
  const rows: ActualRow[] = [];
  for (const key of [...byKey.keys()].sort((a, b) => a - b)) {
    const at = byKey.get(key) as Interval;
    const start = localAt(frame, Math.floor(key / 2));
    const queue = QUEUES[key % 2] as QueueName;
    if (at.slots.size < p / fileIntervalMin) notes.add(`some intervals have only part of their ${fileIntervalMin}-minute rows, so their counts may be short`, `${start.replace("T", " ")} ${queue}`);
    const agents = [...at.agentsBySlot.values()];
    rows.push({
      start,
      queue,
      receptions: tidy(at.receptions),
      agentsOnline: agents.length > 0 ? tidy(agents.reduce((s, a) => s + a, 0) / agents.length) : null,
      firstResponseSec: at.responses === 0 ? null : tidy(at.weight > 0 ? at.weighted / at.weight : at.responseSum / at.responses),
    });
  }
  return rows;
}

/** Rounds away floating-point dust (a split 0.1 + 0.2), keeping six decimals. */
function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Notes gathered by message, each with the lines (or intervals) it is about, in first-seen order. */
export class Notes {
  private readonly byMessage = new Map<string, Set<number | string>>();

  add(message: string, where?: number | string): void {
    const set = this.byMessage.get(message) ?? new Set();
    this.byMessage.set(message, set);
    if (where !== undefined) set.add(where);
  }

  get size(): number {
    return this.byMessage.size;
  }

  list(): string[] {
    return [...this.byMessage].map(([message, set]) => {
      const where = [...set];
      if (where.length === 0) return message;
      const shown = where.slice(0, 10).map((w) => (typeof w === "number" ? String(w) : w));
      const label = typeof where[0] === "number" ? (where.length === 1 ? "line" : "lines") : "";
      const more = where.length > 10 ? ` and ${where.length - 10} more` : "";
      return `${message}: ${label ? `${label} ` : ""}${shown.join(", ")}${more}`;
    });
  }
}
