/**
 * Wall-clock hours (luxon): the hour labels of a history file, "YYYY-MM-DDTHH:00", and this
 * year's window hours in the plan's zone.
 *
 * A history file's hours are the shop's clock as written, with no zone attached: they are
 * counted on a calendar without daylight-saving gaps (luxon's UTC zone used as a plain
 * calendar). This year's window is real hours in the plan's zone, so a day with a
 * daylight-saving change has 23 or 25 of them, each labelled with its local clock hour.
 */
import { DateTime } from "luxon";
import { InputError, issue } from "./errors.ts";

/** A local hour "YYYY-MM-DDTHH:00"; labels sort in time order as strings. */
export type LocalHour = string;

/** The calendar the zone-less labels are counted on. */
const CALENDAR = { zone: "utc" } as const;
const LABEL = "yyyy-MM-dd'T'HH:00";

const pad = (n: number) => String(n).padStart(2, "0");
const monthDays = new Map<number, number>();

/** The label of a date and hour; null if there is no such day (Feb 30) or hour (24). */
export function localHour(year: number, month: number, day: number, hour: number): LocalHour | null {
  if (month < 1 || month > 12 || day < 1 || hour > 23) return null;
  const key = year * 100 + month;
  let days = monthDays.get(key);
  if (days === undefined) {
    days = DateTime.utc(year, month).daysInMonth as number;
    monthDays.set(key, days);
  }
  if (day > days) return null;
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}T${pad(hour)}:00`;
}

/** The label `hours` later (earlier when negative), by the calendar. */
export function plusHours(label: LocalHour, hours: number): LocalHour {
  return DateTime.fromISO(label, CALENDAR).plus({ hours }).toFormat(LABEL);
}

/** Hours from `from` to `to` by the calendar (negative when `to` is earlier). */
export function hoursBetween(from: LocalHour, to: LocalHour): number {
  return DateTime.fromISO(to, CALENDAR).diff(DateTime.fromISO(from, CALENDAR), "hours").hours;
}

/** "2025-11-10T18:00" → "2025-11-10 18:00", for messages. */
export function spoken(label: LocalHour): string {
  return label.replace("T", " ");
}

/** One hour of this year's window: when it starts (ISO with the zone's offset) and its clock label. */
export type WindowHour = { start: string; label: LocalHour; dt: DateTime };

/**
 * The hours of a window given as local date-times in `zone`, in order. The window must start
 * and end on the hour (InputError on `window` otherwise).
 */
export function windowHours(window: { start: string; end: string; zone: string }): WindowHour[] {
  const start = DateTime.fromISO(window.start, { zone: window.zone });
  const end = DateTime.fromISO(window.end, { zone: window.zone });
  const onTheHour = (dt: DateTime) => dt.isValid && dt.minute === 0 && dt.second === 0 && dt.millisecond === 0;
  const hours = end.diff(start, "hours").hours;
  if (!onTheHour(start) || !onTheHour(end) || !Number.isInteger(hours) || hours <= 0) {
    throw new InputError([{ path: "window", ...issue("window_not_on_hour", {}, "to compare with hourly history the window must start and end on the hour") }]);
  }
  return Array.from({ length: hours }, (_, i) => {
    const dt = start.plus({ hours: i });
    return { start: dt.toISO() as string, label: dt.toFormat(LABEL), dt };
  });
}

/**
 * The same month, day and clock hour `years` earlier, as a label: this year's Nov 10 18:00 ↔
 * last year's Nov 10 18:00. A Feb 29 falls back to Feb 28 (luxon clamps the day).
 */
export function yearsEarlier(dt: DateTime, years: number): LocalHour {
  return dt.setZone("utc", { keepLocalTime: true }).minus({ years }).toFormat(LABEL);
}
