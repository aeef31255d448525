/**
 * Last year's hours laid against this year's window (DESIGN.md §5). The history step runs
 * parse (`history-parse.ts`) → align (here) → compare (`compare.ts`) or estimate
 * (`history-estimates.ts`); clock arithmetic is in `wall-clock.ts`.
 *
 * Alignment is by date and clock hour: this year's Nov 10 18:00 ↔ last year's Nov 10 18:00.
 * Last year's file need not cover the whole window: the comparison and the estimates use the
 * hours both years have, and the alignment lists the hours the file lacks.
 */
import { InputError, issue } from "./errors.ts";
import type { HistoryRow } from "./history-parse.ts";
import { type LocalHour, plusHours, spoken, type WindowHour, windowHours, yearsEarlier } from "./wall-clock.ts";

/** A run of the window's hours last year's data has no row for. */
export type MissingRun = {
  /** This year's first missing hour and the end of the run, ISO with the plan zone's offset. */
  from: string;
  to: string;
  hours: number;
  /** The same run in last year's local hours. */
  lastYear: { from: LocalHour; to: LocalHour };
};

/** How this year's window maps onto last year's hours: same month, day and clock hour. */
export type Alignment = {
  yearsBack: number;
  /** The plan's window start, local. */
  thisYearStart: string;
  /** The same month-day and hour `yearsBack` years earlier, local. */
  lastYearStart: string;
  /** Hours in the plan's window. */
  hours: number;
  /** The window's hours last year's data has: those the comparison and the estimates use. */
  hoursUsed: number;
  /** The window's hours last year's data lacks, as runs in time order (empty when it covers the window). */
  missing: MissingRun[];
};

export type Aligned = {
  alignment: Alignment;
  /** Last year's rows for the window's hours that have one, in time order. */
  rows: HistoryRow[];
  /** For each of `rows`, its hour's position in the window (0 = the window's first hour). */
  positions: number[];
};

/**
 * Aligns the plan's window (local date-times in `zone`) with the dataset by date and clock
 * hour: last year's Nov 10 18:00 ↔ this year's Nov 10 18:00 (a Feb 29 falls back to Feb 28).
 * "Last year" is the year of the dataset's first row. The window must start and end on the
 * hour. Hours the dataset lacks are listed in `alignment.missing`; a dataset with none of the
 * window's hours is an InputError on `history` saying what it covers and what was needed.
 * On a day the clocks go back, both of this year's 01:00 hours take last year's 01:00 row.
 */
export function alignWindow(window: { start: string; end: string; zone: string }, rows: readonly HistoryRow[]): Aligned {
  const hours = windowHours(window);
  const firstHour = hours[0] as WindowHour;
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) throw new InputError([{ path: "history", ...issue("history_no_rows", {}, "the dataset has no rows") }]);
  const thisYear = firstHour.dt.year;
  const yearsBack = thisYear - Number(first.hour.slice(0, 4));
  if (yearsBack < 0) {
    const year = first.hour.slice(0, 4);
    throw new InputError([{ path: "history", ...issue("history_future_year", { year, planYear: String(thisYear) }, `the dataset starts in ${year}, after the plan's year ${thisYear}`) }]);
  }

  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const lastYearStart = yearsEarlier(firstHour.dt, yearsBack);
  const windowEnd = firstHour.dt.plus({ hours: hours.length }).toISO() as string;
  const missing: MissingRun[] = [];
  const aligned: Aligned = { alignment: { yearsBack, thisYearStart: window.start, lastYearStart, hours: hours.length, hoursUsed: 0, missing }, rows: [], positions: [] };
  for (const [i, hour] of hours.entries()) {
    const label = yearsEarlier(hour.dt, yearsBack);
    const row = byHour.get(label);
    if (row) {
      aligned.rows.push(row);
      aligned.positions.push(i);
      continue;
    }
    const to = hours[i + 1]?.start ?? windowEnd;
    const run = missing.at(-1);
    if (run && run.to === hour.start) {
      run.to = to;
      run.hours++;
      run.lastYear.to = plusHours(label, 1);
    } else {
      missing.push({ from: hour.start, to, hours: 1, lastYear: { from: label, to: plusHours(label, 1) } });
    }
  }
  aligned.alignment.hoursUsed = aligned.rows.length;
  if (aligned.rows.length === 0) {
    const needed = `${spoken(lastYearStart)} – ${spoken(plusHours(yearsEarlier((hours.at(-1) as WindowHour).dt, yearsBack), 1))}`;
    const covers = `${spoken(first.hour)} – ${spoken(plusHours(last.hour, 1))}`;
    throw new InputError([
      {
        path: "history",
        ...issue(
          "history_no_overlap",
          { hours: hours.length, needed, covers },
          `the dataset has none of the window's ${hours.length} hours: aligned with the plan's window it needs hours in ${needed}, and it covers ${covers}`,
        ),
      },
    ]);
  }
  return aligned;
}
