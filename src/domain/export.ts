/**
 * A solved roster as the tables HR publishes (DESIGN.md §6): the shift list, one timeline
 * per day (people × 30-minute columns) and the coverage. Pure: the xlsx, csv and ics
 * writers in src/export/ only lay these out.
 *
 * Times are the plan zone's wall clock ("2026-11-10T18:00"), which is what a spreadsheet
 * shows and what HR means. Every text cell passes `neutralise`, so a name like
 * `=HYPERLINK(…)` arrives as text in Excel, LibreOffice and Sheets (OWASP "CSV injection").
 */
import type { RosterResult, RosterShift } from "./roster.ts";
import type { Queue } from "./staff.ts";

export type Lang = "zh" | "en";

/** A local wall-clock time, "YYYY-MM-DDTHH:mm", shown as a date-time cell. */
export type LocalTime = { local: string };
export type Cell = string | number | LocalTime | null;
export type Table = { headers: string[]; rows: Cell[][] };

/** What one 30-minute timeline cell holds. */
export type SlotState = Queue | "break" | null;
export type DayTimeline = {
  /** Local date, "YYYY-MM-DD". */
  date: string;
  /** "00:00", "00:30", … "23:30". */
  slots: string[];
  /** One row per person working that day: who, and each slot's state. */
  rows: { name: string; id: string; subAccount: string; queues: Queue[]; slots: SlotState[] }[];
};

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that a spreadsheet will not run: a value starting with = + - @, a tab or a carriage
 * return gets a leading apostrophe (OWASP's advice for CSV injection), which Excel and
 * LibreOffice show as text.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const TEXT = {
  zh: {
    list: ["工号", "姓名", "子账号", "技能/队列", "开始", "结束", "休息", "时长(小时)"],
    coverage: ["时段开始", "售前需求", "售前在岗", "售前缺口", "售后需求", "售后在岗", "售后稍后", "售后缺口"],
    queue: { presales: "售前", aftersales: "售后" },
    timeline: ["姓名", "工号", "队列"],
  },
  en: {
    list: ["ID", "Name", "Sub-account", "Queue", "Start", "End", "Break", "Hours"],
    coverage: ["Interval start", "Pre-sales required", "Pre-sales rostered", "Pre-sales short", "After-sales required", "After-sales rostered", "After-sales deferred", "After-sales short"],
    queue: { presales: "Pre-sales", aftersales: "After-sales" },
    timeline: ["Name", "ID", "Queue"],
  },
} as const;

/** Header and label text for a language. */
export function exportText(lang: Lang) {
  return TEXT[lang];
}

/** The plan-zone wall clock of an ISO time with offset (as the roster gives them). */
export function wallClock(iso: string): string {
  return iso.slice(0, 16);
}

/** One row per shift, in start order, keyed by 工号 (payroll keys on it): 工号, 姓名, 子账号, 技能/队列, 开始, 结束, 休息, 时长. */
export function shiftList(roster: RosterResult, lang: Lang): Table {
  const text = TEXT[lang];
  const shifts = [...roster.shifts].sort((a, b) => a.start.localeCompare(b.start) || a.name.localeCompare(b.name));
  return {
    headers: [...text.list],
    rows: shifts.map((s) => [
      neutralise(s.personId),
      neutralise(s.name),
      neutralise(s.subAccount),
      text.queue[s.queue],
      { local: wallClock(s.start) },
      { local: wallClock(s.end) },
      s.breaks.map((b) => `${wallClock(b.start).slice(11)}–${wallClock(b.end).slice(11)}`).join(", "),
      s.hours,
    ]),
  };
}

/** Per interval: each queue's requirement, who is on it, what waited (after-sales) and what is short. */
export function coverageTable(roster: RosterResult, lang: Lang): Table {
  return {
    headers: [...TEXT[lang].coverage],
    rows: roster.coverage.map((c) => [
      { local: wallClock(c.start) },
      c.presales.required,
      c.presales.rostered,
      c.presales.shortfall,
      c.aftersales.required,
      c.aftersales.rostered,
      c.aftersales.deferred,
      c.aftersales.shortfall,
    ]),
  };
}

const SLOT_MS = 30 * 60_000;

/**
 * One timeline per local day of the roster's window: a row per person with a shift that
 * day, a column per half hour. A slot shows the queue if the person works any part of it,
 * "break" if a break covers any part of it and no work does (with 15-minute rosters a
 * half-hour column can hold both; work wins).
 */
export function dayTimelines(roster: RosterResult): DayTimeline[] {
  const dates = new Set(roster.coverage.map((c) => wallClock(c.start).slice(0, 10)));
  const slots = Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`);
  return [...dates].sort().map((date) => {
    const dayWallMs = wallMs(`${date}T00:00`);
    const people = new Map<string, { name: string; id: string; subAccount: string; queues: Queue[]; slots: SlotState[] }>();
    for (const shift of [...roster.shifts].sort((a, b) => a.start.localeCompare(b.start))) {
      const [startMs, endMs] = [wallMs(shift.start), wallMs(shift.end)];
      if (endMs <= dayWallMs || startMs >= dayWallMs + 24 * 3_600_000) continue;
      const row = people.get(shift.personId) ?? {
        name: neutralise(shift.name),
        id: neutralise(shift.personId),
        subAccount: neutralise(shift.subAccount),
        queues: [],
        slots: new Array<SlotState>(48).fill(null),
      };
      if (!row.queues.includes(shift.queue)) row.queues.push(shift.queue);
      markSlots(row.slots, shift, dayWallMs);
      people.set(shift.personId, row);
    }
    return { date, slots, rows: [...people.values()] };
  });
}

function markSlots(slots: SlotState[], shift: RosterShift, dayWallMs: number): void {
  const overlaps = (slot: number, from: number, to: number) => from < dayWallMs + (slot + 1) * SLOT_MS && to > dayWallMs + slot * SLOT_MS;
  const start = wallMs(shift.start);
  const end = wallMs(shift.end);
  const breaks = shift.breaks.map((b) => [wallMs(b.start), wallMs(b.end)] as const);
  for (let slot = 0; slot < 48; slot++) {
    if (!overlaps(slot, start, end)) continue;
    const slotStart = dayWallMs + slot * SLOT_MS;
    const slotEnd = slotStart + SLOT_MS;
    // Work in the slot: the part of it inside the shift that no break covers.
    let worked = Math.min(end, slotEnd) - Math.max(start, slotStart);
    for (const [b0, b1] of breaks) worked -= Math.max(0, Math.min(b1, slotEnd) - Math.max(b0, slotStart));
    if (worked > 0) slots[slot] = shift.queue;
    else if (slots[slot] === null) slots[slot] = "break";
  }
}

/** Wall-clock milliseconds (the local fields read as if UTC) of an ISO time in the plan zone. */
function wallMs(iso: string): number {
  return Date.parse(`${wallClock(iso)}:00Z`);
}
