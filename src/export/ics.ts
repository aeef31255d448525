/**
 * A roster as iCalendar (RFC 5545) via ical-generator: one event per shift, times in the
 * plan's zone (TZID, with its VTIMEZONE from @touch4it/ical-timezones) so calendars show
 * 18:00 Shanghai time wherever the phone is.
 */
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical from "ical-generator";
import { DateTime } from "luxon";
import { exportText, type Lang } from "../domain/export.ts";
import type { RosterResult } from "../domain/roster.ts";

export type CalendarOptions = {
  /** Plan name: the calendar's name and part of each event's id. */
  planName: string;
  /** Stable id of the plan, so re-exported events replace (not duplicate) imported ones. */
  planId: number | string;
  /** Only this person's shifts; all shifts when absent. */
  personId?: string | undefined;
  lang: Lang;
};

/** The roster's shifts (or one person's) as an .ics text. */
export function rosterCalendar(roster: RosterResult, options: CalendarOptions): string {
  const text = exportText(options.lang);
  const shifts = roster.shifts.filter((s) => options.personId === undefined || s.personId === options.personId);
  const person = options.personId === undefined ? undefined : shifts[0]?.name;
  const calendar = ical({
    name: person ? `${options.planName} · ${person}` : options.planName,
    prodId: { company: "PeakCrew", product: "roster", language: options.lang === "zh" ? "ZH" : "EN" },
    timezone: { name: roster.zone, generator: getVtimezoneComponent },
  });
  const at = (iso: string) => DateTime.fromISO(iso, { zone: roster.zone });
  for (const shift of shifts) {
    const breaks = shift.breaks.map((b) => `${at(b.start).toFormat("HH:mm")}–${at(b.end).toFormat("HH:mm")}`);
    const queue = text.queue[shift.queue];
    calendar.createEvent({
      id: `${options.planId}-${shift.personId}-${at(shift.start).toFormat("yyyyMMdd'T'HHmm")}@peakcrew`,
      start: at(shift.start),
      end: at(shift.end),
      timezone: roster.zone,
      summary: options.lang === "zh" ? `${queue}客服班 · ${shift.name}` : `${queue} shift · ${shift.name}`,
      description: [
        options.lang === "zh" ? `子账号：${shift.subAccount || "—"}` : `Sub-account: ${shift.subAccount || "—"}`,
        options.lang === "zh" ? `休息：${breaks.join("，") || "无"}` : `Break: ${breaks.join(", ") || "none"}`,
        options.lang === "zh" ? `时长：${shift.hours} 小时` : `Paid hours: ${shift.hours}`,
        options.planName,
      ].join("\n"),
    });
  }
  return calendar.toString();
}
