/**
 * Last year's event by the hour (DESIGN.md §5): the rows of a customer-service tool's hourly
 * export, parsed and checked. Every bad cell is reported as `line N, column C (name)` and a
 * file with any bad cell yields no rows at all.
 *
 * Times are local wall-clock hours of the shop (the dataset's zone), kept as written: the
 * comparison aligns last year's Nov 10 18:00 with this year's Nov 10 18:00, clock to clock,
 * so no instant arithmetic is needed (or wanted) here.
 */
import { InputError, type InputIssue } from "./errors.ts";
import type { CsvRecord } from "./staff.ts";
import type { Plan } from "./staffing.ts";

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

const HEADER_LOOKUP = new Map<string, Field>(
  (Object.entries(HISTORY_COLUMNS) as [Field, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [headerKey(n), field] as const)),
);

/** "2025-11-10 18:00", "2025/11/10 8:00", "2025-11-10T18:00:00", "2025.11.10 18:00". */
const HOUR_PATTERN = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Reads a local hour stamp; null if it is not a real date and time. Minutes and seconds
 * must be zero: the rows are hours.
 */
function parseHour(text: string): { hour: string; wallMs: number } | "not-on-the-hour" | null {
  const m = HOUR_PATTERN.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const h = Number(m[4]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23) return null;
  if (m[5] !== "00" || (m[6] !== undefined && m[6] !== "00")) return "not-on-the-hour";
  return { hour: `${m[1]}-${pad(mo)}-${pad(d)}T${pad(h)}:00`, wallMs: Date.UTC(y, mo - 1, d, h) };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
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
  if (!header) throw new InputError([{ path: "line 1", message: "the file is empty; expected a header row" }]);
  const columnOf = new Map<Field, number>();
  header.cells.forEach((cell, index) => {
    const field = HEADER_LOOKUP.get(headerKey(cell));
    if (field && !columnOf.has(field)) columnOf.set(field, index);
  });
  const missing = REQUIRED.filter((f) => !columnOf.has(f));
  if (missing.length > 0) {
    throw new InputError(missing.map((f) => ({ path: `line ${header.line}`, message: `missing column ${HISTORY_COLUMNS[f].join(" / ")}` })));
  }

  const issues: InputIssue[] = [];
  let badCells = 0;
  const bad = (line: number, field: Field, message: string) => {
    const index = columnOf.get(field) ?? 0;
    if (++badCells <= MAX_ISSUES) issues.push({ path: `line ${line}, column ${index + 1} (${HISTORY_COLUMNS[field][0]})`, message });
  };
  const fail = () => {
    if (badCells > MAX_ISSUES) issues.push({ path: "csv", message: `and ${badCells - MAX_ISSUES} more bad cells` });
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
  const wallMs: number[] = [];
  const lines: number[] = [];
  for (const { line, cells } of body) {
    if (cells.join("").trim() === "") continue;
    const hourText = (cells[hourAt] ?? "").trim();
    const hour = parseHour(hourText);
    if (hour === null) bad(line, "hour", `"${hourText}" is not a date and hour like 2025-11-10 18:00`);
    else if (hour === "not-on-the-hour") bad(line, "hour", `"${hourText}" is not on the hour; rows are hours (18:00, 19:00, …)`);
    const presalesText = (cells[presalesAt] ?? "").trim();
    const presales = parseAmount(presalesText);
    if (presales === null) bad(line, "presales", `"${presalesText}" is not a count ≥ 0`);
    const aftersalesText = (cells[aftersalesAt] ?? "").trim();
    const aftersales = parseAmount(aftersalesText);
    if (aftersales === null) bad(line, "aftersales", `"${aftersalesText}" is not a count ≥ 0`);
    const row: HistoryRow = {
      hour: typeof hour === "object" && hour ? hour.hour : "",
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
      if (value === null) bad(line, field, `"${text}" is not a number ≥ 0`);
      else row[field] = value;
    }
    rows.push(row);
    wallMs.push(typeof hour === "object" && hour ? hour.wallMs : 0);
    lines.push(line);
  }
  if (issues.length > 0) throw fail();
  if (rows.length === 0) throw new InputError([{ path: `line ${header.line + 1}`, message: "the file has a header but no rows" }]);

  // Exports come sorted; sort (an index permutation) only when this one is not.
  let order: number[] | null = null;
  for (let i = 1; i < wallMs.length && !order; i++) {
    if ((wallMs[i] as number) < (wallMs[i - 1] as number)) order = [...wallMs.keys()].sort((a, b) => (wallMs[a] as number) - (wallMs[b] as number));
  }
  const at = (i: number) => (order ? (order[i] as number) : i);
  for (let i = 1; i < rows.length; i++) {
    const a = at(i - 1);
    const b = at(i);
    if (wallMs[a] === wallMs[b]) {
      const [first, second] = [Math.min(lines[a] as number, lines[b] as number), Math.max(lines[a] as number, lines[b] as number)];
      bad(second, "hour", `${(rows[b] as HistoryRow).hour.replace("T", " ")} appears twice (lines ${first} and ${second})`);
    }
  }
  if (issues.length > 0) throw fail();
  const clean = order ? order.map((i) => rows[i] as HistoryRow) : rows;
  const columns = Object.fromEntries(OPTIONAL_NUMBERS.map((f) => [f, columnOf.has(f)])) as HistoryColumns;
  return { rows: clean, columns };
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
  const span = (wallMsOf(last.hour) - wallMsOf(first.hour)) / HOUR_MS + 1;
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
    to: wallHour(wallMsOf(last.hour) + HOUR_MS),
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

export const HOUR_MS = 3_600_000;

/** Wall-clock milliseconds of a local hour "YYYY-MM-DDTHH:00" (its fields read as if UTC). */
export function wallMsOf(hour: string): number {
  return Date.parse(`${hour}:00Z`);
}

/** The local hour "YYYY-MM-DDTHH:00" of wall-clock milliseconds. */
export function wallHour(wallMs: number): string {
  return new Date(wallMs).toISOString().slice(0, 14).concat("00");
}

/** How this year's window maps onto last year's hours: same month, day and clock hour. */
export type Alignment = {
  yearsBack: number;
  /** The plan's window start, local. */
  thisYearStart: string;
  /** The same month-day and hour `yearsBack` years earlier, local. */
  lastYearStart: string;
  hours: number;
};

/**
 * Aligns the plan's window with the dataset by day offset: last year's Nov 10 18:00 ↔ this
 * year's Nov 10 18:00 (wall clock; a Feb 29 falls back to Feb 28). "Last year" is the year of
 * the dataset's first row. The window must start and end on the hour and lie inside the
 * dataset; an hour the dataset lacks there is an error naming it.
 */
export function alignWindow(window: { start: string; end: string }, rows: readonly HistoryRow[]): { alignment: Alignment; rows: HistoryRow[] } {
  const onTheHour = (local: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:00(:00)?$/.test(local) ? wallMsOf(local.slice(0, 16)) : Number.NaN;
  const startMs = onTheHour(window.start);
  const endMs = onTheHour(window.end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs)) {
    throw new InputError([{ path: "window", message: "to compare with hourly history the window must start and end on the hour" }]);
  }
  const first = rows[0];
  if (!first) throw new InputError([{ path: "history", message: "the dataset has no rows" }]);
  const thisYear = new Date(startMs).getUTCFullYear();
  const yearsBack = thisYear - Number(first.hour.slice(0, 4));
  if (yearsBack < 0) throw new InputError([{ path: "history", message: `the dataset starts in ${first.hour.slice(0, 4)}, after the plan's year ${thisYear}` }]);
  const shifted = new Date(startMs);
  shifted.setUTCFullYear(thisYear - yearsBack);
  if (shifted.getUTCDate() !== new Date(startMs).getUTCDate()) shifted.setUTCDate(0);
  const lastYearStartMs = shifted.getTime();
  const hours = Math.round((endMs - startMs) / HOUR_MS);

  const byHour = new Map(rows.map((r) => [r.hour, r]));
  const aligned: HistoryRow[] = [];
  const missing: string[] = [];
  for (let i = 0; i < hours; i++) {
    const hour = wallHour(lastYearStartMs + i * HOUR_MS);
    const row = byHour.get(hour);
    if (row) aligned.push(row);
    else missing.push(hour.replace("T", " "));
  }
  if (missing.length > 0) {
    const more = missing.length > 1 ? ` and ${missing.length - 1} more of the ${hours} hours aligned with the plan's window` : "";
    throw new InputError([{ path: "history", message: `the dataset has no row for ${missing[0]}${more}; it must cover ${wallHour(lastYearStartMs).replace("T", " ")} – ${wallHour(lastYearStartMs + hours * HOUR_MS).replace("T", " ")}` }]);
  }
  return { alignment: { yearsBack, thisYearStart: window.start, lastYearStart: wallHour(lastYearStartMs), hours }, rows: aligned };
}

/** The plan fields an estimate may set, and what the estimate means. */
export type EstimateKey =
  | "presalesCurve"
  | "salesTargetYuan"
  | "inquiryConversionRate"
  | "csAvgOrderValueYuan"
  | "saturationPerAgentDay"
  | "contactRate"
  | "lagDayShares"
  | "intradayHourly"
  | "firstResponseSec";

/**
 * One parameter estimated from last year, with how it was reached (`basis`, English and
 * Chinese) and the plan fields applying it sets (`paths`; none for figures shown only for
 * information). `value` is null when the dataset cannot give it; `basis` then says why.
 */
export type Estimate = { key: EstimateKey; value: number | number[] | null; paths: string[]; basis: { en: string; zh: string } };

export type HistoryDerivation = { alignment: Alignment; growthRate: number; estimates: Estimate[] };

/** What the derivation needs from the plan: its window and the shares it keeps. */
export type DerivationPlan = Pick<Plan, "window" | "workdayHours"> & {
  chain: Pick<Plan["chain"], "csSalesShare">;
  aftersales: Pick<Plan["aftersales"], "shopAvgOrderValueYuan">;
};

const BUSY_SHARE = 0.25;
const MAX_LAG_DAYS = 15;

/**
 * Parameter estimates for this year's plan from last year's hours aligned with its window
 * (DESIGN.md §5). The file is read as a customer-service tool's export: receptions are
 * chats customers opened (the plan's receptions, before the bot), 销售额 and 订单数 are the
 * sales and orders that came through pre-sales chats. Then:
 * - curve: last year's pre-sales receptions per hour of the window (only its shape is used);
 * - 询单转化率 = Σ orders ÷ Σ pre-sales receptions; 客服客单价 = Σ sales ÷ Σ orders;
 * - sales target = last year's CS sales ÷ the plan's 客服销售占比 × (1 + growthRate), so the
 *   chain forecasts last year's receptions × (1 + growthRate);
 * - receptions per agent-hour in the busiest quarter of the window's hours (when agents were
 *   fully busy), × the plan's workday hours = 客服饱和接待量 for both queues;
 * - after-sales contact rate = after-sales receptions from the window start to the end of
 *   the data, less the pre-event daily level, ÷ last year's shop orders (CS sales ÷ 客服销售占比
 *   ÷ the plan's shop order value);
 * - lag: after-sales per day from the day with most orders, less the pre-event daily level,
 *   as shares (at most 15 days); intraday shape: mean after-sales per clock hour over all days;
 * - first response: mean over the busy hours, for information (not applied).
 */
export function deriveFromHistory(rows: readonly HistoryRow[], columns: HistoryColumns, plan: DerivationPlan, growthRate: number): HistoryDerivation {
  const { alignment, rows: window } = alignWindow(plan.window, rows);
  const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);
  const span = `${alignment.lastYearStart.replace("T", " ")} – ${wallHour(wallMsOf(alignment.lastYearStart) + alignment.hours * HOUR_MS).replace("T", " ")}`;
  const unavailable = (key: EstimateKey, paths: string[], column: string, zhColumn: string): Estimate => ({
    key,
    value: null,
    paths,
    basis: { en: `the file has no ${column} column`, zh: `文件没有「${zhColumn}」列` },
  });
  const estimates: Estimate[] = [];

  const presales = sum(window.map((r) => r.presales));
  estimates.push({
    key: "presalesCurve",
    value: window.map((r) => r.presales),
    paths: ["presales.curve"],
    basis: { en: `pre-sales receptions per hour, ${span} (${fmt(presales)} in all)`, zh: `${span} 每小时售前接待量（共 ${fmt(presales)}）` },
  });

  const orders = columns.orders ? sum(window.map((r) => r.orders ?? 0)) : null;
  const sales = columns.salesYuan ? sum(window.map((r) => r.salesYuan ?? 0)) : null;
  if (sales === null) {
    estimates.push(unavailable("salesTargetYuan", ["chain.salesTargetYuan"], "sales", "销售额"));
  } else {
    const target = (sales / plan.chain.csSalesShare) * (1 + growthRate);
    estimates.push({
      key: "salesTargetYuan",
      value: round(target, 0),
      paths: ["chain.salesTargetYuan"],
      basis: {
        en: `last year's CS sales ${fmt(sales)} ÷ CS sales share ${fmt(plan.chain.csSalesShare)} × (1 + growth ${fmt(growthRate)})`,
        zh: `去年客服销售额 ${fmt(sales)} ÷ 客服销售占比 ${fmt(plan.chain.csSalesShare)} × (1 + 增长率 ${fmt(growthRate)})`,
      },
    });
  }
  if (orders === null) {
    estimates.push(unavailable("inquiryConversionRate", ["chain.inquiryConversionRate"], "orders", "订单数"));
  } else if (!(presales > 0) || orders > presales || orders === 0) {
    estimates.push({
      key: "inquiryConversionRate",
      value: null,
      paths: ["chain.inquiryConversionRate"],
      basis: { en: `orders ${fmt(orders)} ÷ pre-sales receptions ${fmt(presales)} is not a rate in (0, 1]`, zh: `订单数 ${fmt(orders)} ÷ 售前接待量 ${fmt(presales)} 不在 (0, 1] 内` },
    });
  } else {
    estimates.push({
      key: "inquiryConversionRate",
      value: round(orders / presales, 4),
      paths: ["chain.inquiryConversionRate"],
      basis: { en: `orders ${fmt(orders)} ÷ pre-sales receptions ${fmt(presales)}, ${span}`, zh: `订单数 ${fmt(orders)} ÷ 售前接待量 ${fmt(presales)}，${span}` },
    });
  }
  if (orders !== null && sales !== null && orders > 0) {
    estimates.push({
      key: "csAvgOrderValueYuan",
      value: round(sales / orders, 2),
      paths: ["chain.csAvgOrderValueYuan"],
      basis: { en: `sales ${fmt(sales)} ÷ orders ${fmt(orders)}`, zh: `销售额 ${fmt(sales)} ÷ 订单数 ${fmt(orders)}` },
    });
  } else {
    estimates.push(unavailable("csAvgOrderValueYuan", ["chain.csAvgOrderValueYuan"], "sales and orders", "销售额、订单数"));
  }

  const staffed = columns.agents ? window.filter((r) => (r.agents ?? 0) > 0) : [];
  const busy = [...staffed].sort((a, b) => b.presales + b.aftersales - (a.presales + a.aftersales)).slice(0, Math.max(1, Math.ceil(staffed.length * BUSY_SHARE)));
  if (staffed.length === 0) {
    estimates.push(unavailable("saturationPerAgentDay", ["presales.capacity", "aftersales.capacity"], "agents-on-duty", "在线客服数"));
  } else {
    const receptions = sum(busy.map((r) => r.presales + r.aftersales));
    const agentHours = sum(busy.map((r) => r.agents ?? 0));
    const perHour = receptions / agentHours;
    estimates.push({
      key: "saturationPerAgentDay",
      value: round(perHour * plan.workdayHours, 1),
      paths: ["presales.capacity", "aftersales.capacity"],
      basis: {
        en: `${fmt(receptions)} receptions ÷ ${fmt(agentHours)} agent-hours in the busiest ${busy.length} hours = ${fmt(perHour)} per agent-hour, × ${fmt(plan.workdayHours)} h workday`,
        zh: `最忙 ${busy.length} 小时接待 ${fmt(receptions)} ÷ ${fmt(agentHours)} 人·时 = 每人每小时 ${fmt(perHour)}，× 工作日 ${fmt(plan.workdayHours)} 小时`,
      },
    });
  }

  const background = aftersalesBackground(rows, columns);
  const fromWindow = rows.filter((r) => r.hour >= alignment.lastYearStart);
  const days = new Set(fromWindow.map((r) => r.hour.slice(0, 10))).size;
  const eventContacts = Math.max(0, sum(fromWindow.map((r) => r.aftersales)) - background.perDay * days);
  if (sales === null) {
    estimates.push(unavailable("contactRate", ["aftersales.contactRate"], "sales", "销售额"));
  } else {
    const shopOrders = sales / plan.chain.csSalesShare / plan.aftersales.shopAvgOrderValueYuan;
    const from = alignment.lastYearStart.replace("T", " ");
    estimates.push({
      key: "contactRate",
      value: round(eventContacts / shopOrders, 4),
      paths: ["aftersales.contactRate"],
      basis: {
        en: `after-sales receptions from ${from} to the end of the file, less the pre-event level ${fmt(background.perDay)} a day over ${days} days = ${fmt(eventContacts)}, ÷ last year's shop orders ${fmt(shopOrders)} (CS sales ÷ CS share ÷ shop order value ${fmt(plan.aftersales.shopAvgOrderValueYuan)})`,
        zh: `${from} 起到文件结束的售后接待量，减去活动前日均 ${fmt(background.perDay)} × ${days} 天 = ${fmt(eventContacts)}，÷ 去年店铺订单 ${fmt(shopOrders)}（客服销售额 ÷ 客服销售占比 ÷ 店铺客单价 ${fmt(plan.aftersales.shopAvgOrderValueYuan)}）`,
      },
    });
  }

  estimates.push(lagEstimate(rows, background));
  estimates.push(intradayEstimate(rows));

  const responded = busy.filter((r) => r.firstResponseSec !== null);
  estimates.push(
    responded.length === 0
      ? unavailable("firstResponseSec", [], "first-response", "平均首响(秒)")
      : {
          key: "firstResponseSec",
          value: round(sum(responded.map((r) => r.firstResponseSec ?? 0)) / responded.length, 1),
          paths: [],
          basis: { en: `mean over the same ${responded.length} busiest hours (for information)`, zh: `同样最忙 ${responded.length} 小时的平均值（仅供参考）` },
        },
  );
  return { alignment, growthRate, estimates };
}

/** Daily sums by local date. */
function byDay(rows: readonly HistoryRow[], value: (r: HistoryRow) => number): Map<string, number> {
  const days = new Map<string, number>();
  for (const r of rows) days.set(r.hour.slice(0, 10), (days.get(r.hour.slice(0, 10)) ?? 0) + value(r));
  return days;
}

/**
 * After-sales that is not the event's: the mean daily after-sales before the day with most
 * orders (or pre-sales receptions without an orders column), leaving out the day just before
 * it (itself part of the event). Zero when the file starts too late to tell.
 */
function aftersalesBackground(rows: readonly HistoryRow[], columns: HistoryColumns) {
  const drivers = byDay(rows, (r) => (columns.orders ? (r.orders ?? 0) : r.presales));
  const aftersales = byDay(rows, (r) => r.aftersales);
  const dates = [...drivers.keys()];
  const peakDay = dates.reduce((best, d) => ((drivers.get(d) ?? 0) > (drivers.get(best) ?? 0) ? d : best), dates[0] as string);
  const before = dates.filter((d) => d < peakDay).slice(0, -1).map((d) => aftersales.get(d) ?? 0);
  const perDay = before.length > 0 ? before.reduce((s, v) => s + v, 0) / before.length : 0;
  const driver = columns.orders ? { en: "orders", zh: "订单" } : { en: "pre-sales receptions", zh: "售前接待" };
  return { peakDay, perDay, driver, dates, aftersales };
}

function lagEstimate(rows: readonly HistoryRow[], background: ReturnType<typeof aftersalesBackground>): Estimate {
  const { peakDay, perDay, driver, dates, aftersales } = background;
  const after = dates.filter((d) => d >= peakDay).slice(0, MAX_LAG_DAYS);
  const excess = after.map((d) => Math.max(0, (aftersales.get(d) ?? 0) - perDay));
  const total = excess.reduce((s, v) => s + v, 0);
  const paths = ["aftersales.lagDayShares"];
  if (rows.length === 0 || after.length < 3 || !(total > 0)) {
    return { key: "lagDayShares", value: null, paths, basis: { en: `fewer than 3 days of after-sales after the day with most ${driver.en}`, zh: `${driver.zh}最多的那天之后售后数据不足 3 天` } };
  }
  const shares = excess.map((v) => round(v / total, 4));
  shares[0] = round(1 - shares.slice(1).reduce((s, v) => s + v, 0), 4);
  return {
    key: "lagDayShares",
    value: shares,
    paths,
    basis: {
      en: `after-sales per day from ${peakDay} (the day with most ${driver.en}) over ${after.length} days, less the pre-event level ${fmt(perDay)} a day, as shares`,
      zh: `${peakDay}（${driver.zh}最多的一天）起 ${after.length} 天的每日售后量，减去活动前日均 ${fmt(perDay)}，换算为占比`,
    },
  };
}

function intradayEstimate(rows: readonly HistoryRow[]): Estimate {
  const totals = new Array<number>(24).fill(0);
  const counts = new Array<number>(24).fill(0);
  for (const r of rows) {
    const h = Number(r.hour.slice(11, 13));
    totals[h] = (totals[h] as number) + r.aftersales;
    counts[h] = (counts[h] as number) + 1;
  }
  const means = totals.map((t, h) => ((counts[h] as number) > 0 ? round(t / (counts[h] as number), 2) : 0));
  const paths = ["aftersales.intradayHourly"];
  if (!means.some((m) => m > 0)) return { key: "intradayHourly", value: null, paths, basis: { en: "no after-sales receptions in the file", zh: "文件中没有售后接待" } };
  const days = Math.max(...counts);
  return { key: "intradayHourly", value: means, paths, basis: { en: `mean after-sales receptions at each clock hour over ${days} days`, zh: `${days} 天中每个整点的平均售后接待量` } };
}

/**
 * The plan with every available estimate applied: the curve becomes last year's hourly
 * counts; capacities become receptions per agent-day; the rest are set as estimated.
 * Fields without an estimate keep the plan's values.
 */
export function applyHistory<P extends Plan>(plan: P, derivation: HistoryDerivation): P {
  const next = structuredClone(plan);
  for (const { key, value } of derivation.estimates) {
    if (value === null) continue;
    switch (key) {
      case "presalesCurve":
        next.presales.curve = { kind: "counts", intervalMin: 60, values: value as number[] };
        break;
      case "salesTargetYuan":
        next.chain.salesTargetYuan = value as number;
        break;
      case "inquiryConversionRate":
        next.chain.inquiryConversionRate = value as number;
        break;
      case "csAvgOrderValueYuan":
        next.chain.csAvgOrderValueYuan = value as number;
        break;
      case "saturationPerAgentDay":
        next.presales.capacity = { basis: "perAgentDay", saturationPerAgentDay: value as number };
        next.aftersales.capacity = { basis: "perAgentDay", saturationPerAgentDay: value as number };
        break;
      case "contactRate":
        next.aftersales.contactRate = value as number;
        break;
      case "lagDayShares":
        next.aftersales.lagDayShares = value as number[];
        break;
      case "intradayHourly":
        next.aftersales.intradayHourly = value as number[];
        break;
      case "firstResponseSec":
        break;
    }
  }
  return next;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A figure for a basis line: integers with thousands separators, others to 2 decimals at most. */
function fmt(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
