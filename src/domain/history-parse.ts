/**
 * Last year's event by the hour (DESIGN.md §5): the rows of a customer-service tool's hourly
 * export, parsed and checked. Every bad cell is reported as `line N, column C (name)` and a
 * file with any bad cell yields no rows at all.
 *
 * Times are local wall-clock hours of the shop (the dataset's zone), kept as written
 * (`wall-clock.ts`): the comparison aligns last year's Nov 10 18:00 with this year's
 * Nov 10 18:00, clock to clock.
 */
import { type Coded, echo, InputError, type InputIssue, issue } from "./errors.ts";
import type { CsvRecord } from "./staff.ts";
import { hoursBetween, type LocalHour, localHour, plusHours } from "./wall-clock.ts";

/** One hour of last year's event. Optional columns the file lacks are null. */
export type HistoryRow = {
  /** Local hour start, "YYYY-MM-DDTHH:00". */
  hour: string;
  presales: number;
  aftersales: number;
  /** Agents on duty (在线客服数). */
  agents: number | null;
  /** Average first response, seconds (平均首响). */
  firstResponseSec: number | null;
  /** Sales through customer service, yuan (客服销售额, the CS tool's 销售额). */
  salesYuan: number | null;
  /** Orders from pre-sales chats (询单成交订单数). */
  orders: number | null;
};

type Field = keyof HistoryRow;

/** Column names, English and Chinese (时间,售前接待量,售后接待量,在线客服数,平均首响(秒),销售额,订单数). */
export const HISTORY_COLUMNS = {
  hour: ["time", "hour", "时间", "日期时间", "小时"],
  presales: ["presales", "presalesReceptions", "售前接待量", "售前接待人数"],
  aftersales: ["aftersales", "aftersalesReceptions", "售后接待量", "售后接待人数"],
  agents: ["agents", "agentsOnDuty", "在线客服数", "在岗客服数"],
  firstResponseSec: ["firstResponseSec", "avgFirstResponseSec", "平均首响(秒)", "平均首响"],
  salesYuan: ["salesYuan", "sales", "销售额", "销售额(元)", "客服销售额"],
  orders: ["orders", "订单数", "成交订单数"],
} as const satisfies Record<Field, readonly string[]>;

const REQUIRED: readonly Field[] = ["hour", "presales", "aftersales"];
/** Bad cells listed one by one; beyond this a file is broken throughout, and a count says how much. */
const MAX_ISSUES = 200;
const OPTIONAL_NUMBERS = ["agents", "firstResponseSec", "salesYuan", "orders"] as const satisfies readonly Field[];

/** Which optional columns a dataset has. */
export type HistoryColumns = Record<(typeof OPTIONAL_NUMBERS)[number], boolean>;

export type HistoryParse = { rows: HistoryRow[]; columns: HistoryColumns };

/** Header text as compared: trimmed, case-folded, full-width brackets made ASCII, spaces dropped. */
export function headerKey(text: string): string {
  return text.trim().toLowerCase().replace(/（/g, "(").replace(/）/g, ")").replace(/\s+/g, "");
}

const HEADER_LOOKUP = new Map<string, Field>((Object.entries(HISTORY_COLUMNS) as [Field, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [headerKey(n), field] as const)));

/** "2025-11-10 18:00", "2025/11/10 8:00", "2025-11-10T18:00:00", "2025.11.10 18:00". */
const HOUR_PATTERN = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Reads a local hour stamp; null if it is not a real date and time. Minutes and seconds
 * must be zero: the rows are hours.
 */
function parseHour(text: string): LocalHour | "not-on-the-hour" | null {
  const m = HOUR_PATTERN.exec(text);
  if (!m) return null;
  const hour = localHour(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]));
  if (hour === null) return null;
  if (m[5] !== "00" || (m[6] !== undefined && m[6] !== "00")) return "not-on-the-hour";
  return hour;
}

/** A count or amount: digits with an optional decimal part and thousands commas ("1,234.5"); null otherwise. */
export function parseAmount(text: string): number | null {
  if (text === "") return null;
  let digits = 0;
  let dots = 0;
  let commas = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46) dots++;
    else if (c === 44) commas++;
    else return null;
  }
  if (digits === 0 || dots > 1 || text.charCodeAt(0) === 46 || text.charCodeAt(text.length - 1) === 46) return null;
  return Number(commas > 0 ? text.replace(/,/g, "") : text);
}

/**
 * Rows from CSV records (the first is the header). The hour, pre-sales and after-sales
 * columns are required; agents, first response, sales and orders are optional (a column
 * may be absent, or a cell empty). Rows come back sorted by hour; the same hour twice is an
 * error naming both lines. Hours missing from the file are allowed here (reported by
 * `describeHistory`); whoever needs them complete says so.
 */
export function parseHistory(records: CsvRecord[]): HistoryParse {
  const [header, ...body] = records;
  if (!header) throw new InputError([{ path: "line 1", ...issue("csv_empty", {}, "the file is empty; expected a header row") }]);
  const columnOf = new Map<Field, number>();
  header.cells.forEach((cell, index) => {
    const field = HEADER_LOOKUP.get(headerKey(cell));
    if (field && !columnOf.has(field)) columnOf.set(field, index);
  });
  const missing = REQUIRED.filter((f) => !columnOf.has(f));
  if (missing.length > 0) {
    const columns = (f: Field) => HISTORY_COLUMNS[f].join(" / ");
    throw new InputError(missing.map((f) => ({ path: `line ${header.line}`, ...issue("csv_missing_column", { columns: columns(f) }, `missing column ${columns(f)}`) })));
  }

  const issues: InputIssue[] = [];
  let badCells = 0;
  const bad = (line: number, field: Field, problem: Coded) => {
    const index = columnOf.get(field) ?? 0;
    if (++badCells <= MAX_ISSUES) issues.push({ path: `line ${line}, column ${index + 1} (${header.cells[index]?.trim() || HISTORY_COLUMNS[field][0]})`, ...problem });
  };
  const fail = () => {
    if (badCells > MAX_ISSUES) issues.push({ path: "csv", ...issue("csv_more_bad_cells", { count: badCells - MAX_ISSUES }, `and ${badCells - MAX_ISSUES} more bad cells`) });
    return new InputError(issues);
  };
  // The loop runs 100,000 times for a decade of hours: plain indexes, no closures per row.
  const hourAt = columnOf.get("hour") as number;
  const presalesAt = columnOf.get("presales") as number;
  const aftersalesAt = columnOf.get("aftersales") as number;
  const optional = OPTIONAL_NUMBERS.flatMap((field) => {
    const index = columnOf.get(field);
    return index === undefined ? [] : [{ field, index }];
  });
  const rows: HistoryRow[] = [];
  const lines: number[] = [];
  for (const { line, cells } of body) {
    if (cells.join("").trim() === "") continue;
    const hourText = (cells[hourAt] ?? "").trim();
    const hour = parseHour(hourText);
    if (hour === null) bad(line, "hour", issue("history_bad_hour", { value: echo(hourText) }, `${echo(hourText)} is not a date and hour like 2025-11-10 18:00`));
    else if (hour === "not-on-the-hour") bad(line, "hour", issue("history_not_on_hour", { value: echo(hourText) }, `${echo(hourText)} is not on the hour; rows are hours (18:00, 19:00, …)`));
    const presalesText = (cells[presalesAt] ?? "").trim();
    const presales = parseAmount(presalesText);
    if (presales === null) bad(line, "presales", notCount(presalesText));
    const aftersalesText = (cells[aftersalesAt] ?? "").trim();
    const aftersales = parseAmount(aftersalesText);
    if (aftersales === null) bad(line, "aftersales", notCount(aftersalesText));
    const row: HistoryRow = {
      hour: hour === null || hour === "not-on-the-hour" ? "" : hour,
      presales: presales ?? 0,
      aftersales: aftersales ?? 0,
      agents: null,
      firstResponseSec: null,
      salesYuan: null,
      orders: null,
    };
    for (const { field, index } of optional) {
      const text = (cells[index] ?? "").trim();
      if (text === "") continue;
      const value = parseAmount(text);
      if (value === null) bad(line, field, issue("csv_not_number", { value: echo(text) }, `${echo(text)} is not a number ≥ 0`));
      else row[field] = value;
    }
    rows.push(row);
    lines.push(line);
  }
  if (issues.length > 0) throw fail();
  if (rows.length === 0) throw new InputError([{ path: `line ${header.line + 1}`, ...issue("csv_no_rows", {}, "the file has a header but no rows") }]);

  // Exports come sorted; sort (an index permutation) only when this one is not. Labels sort as strings.
  let order: number[] | null = null;
  for (let i = 1; i < rows.length && !order; i++) {
    if ((rows[i] as HistoryRow).hour < (rows[i - 1] as HistoryRow).hour) {
      const hourOf = (i: number) => (rows[i] as HistoryRow).hour;
      order = [...rows.keys()].sort((a, b) => (hourOf(a) < hourOf(b) ? -1 : hourOf(a) > hourOf(b) ? 1 : 0));
    }
  }
  const at = (i: number) => (order ? (order[i] as number) : i);
  for (let i = 1; i < rows.length; i++) {
    const a = at(i - 1);
    const b = at(i);
    if ((rows[a] as HistoryRow).hour === (rows[b] as HistoryRow).hour) {
      const [first, second] = [Math.min(lines[a] as number, lines[b] as number), Math.max(lines[a] as number, lines[b] as number)];
      const hour = (rows[b] as HistoryRow).hour.replace("T", " ");
      bad(second, "hour", issue("history_duplicate_hour", { hour, first, second }, `${hour} appears twice (lines ${first} and ${second})`));
    }
  }
  if (issues.length > 0) throw fail();
  const clean = order ? order.map((i) => rows[i] as HistoryRow) : rows;
  const columns = Object.fromEntries(OPTIONAL_NUMBERS.map((f) => [f, columnOf.has(f)])) as HistoryColumns;
  return { rows: clean, columns };
}

/** "x" is not a count: the issue for a count cell. */
export function notCount(text: string): Coded {
  return issue("csv_not_count", { value: echo(text) }, `${echo(text)} is not a count ≥ 0`);
}

/** What a dataset spans, for lists and for the person importing it. */
export type HistorySummary = {
  /** First hour and the end of the last one, local. */
  from: string;
  to: string;
  hours: number;
  /** Hours between `from` and `to` the file has no row for. */
  missingHours: number;
  columns: HistoryColumns;
  totals: { presales: number; aftersales: number; salesYuan: number | null; orders: number | null };
  /** The busiest hour by receptions (both queues). */
  peak: { hour: string; receptions: number; agents: number | null };
};

/** Summarises parsed rows (sorted, as `parseHistory` returns them). */
export function describeHistory({ rows, columns }: HistoryParse): HistorySummary {
  const first = rows[0] as HistoryRow;
  const last = rows.at(-1) as HistoryRow;
  const span = hoursBetween(first.hour, last.hour) + 1;
  let peak = first;
  const totals = { presales: 0, aftersales: 0, salesYuan: 0, orders: 0 };
  for (const row of rows) {
    totals.presales += row.presales;
    totals.aftersales += row.aftersales;
    totals.salesYuan += row.salesYuan ?? 0;
    totals.orders += row.orders ?? 0;
    if (row.presales + row.aftersales > peak.presales + peak.aftersales) peak = row;
  }
  return {
    from: first.hour,
    to: plusHours(last.hour, 1),
    hours: rows.length,
    missingHours: span - rows.length,
    columns,
    totals: {
      presales: totals.presales,
      aftersales: totals.aftersales,
      salesYuan: columns.salesYuan ? totals.salesYuan : null,
      orders: columns.orders ? totals.orders : null,
    },
    peak: { hour: peak.hour, receptions: peak.presales + peak.aftersales, agents: peak.agents },
  };
}
