/**
 * Actuals so far (DESIGN.md §4 "On the night", §5 "read as they are"): the shop's real-time
 * export of inquiries per interval (千牛 / 赤兔), read as it is and put on the plan's grid.
 *
 * A file gives its counts either per queue in columns (售前咨询人数, 售后咨询人数, …) or in rows
 * marked by a group column (分组: 售前组 / 售后组), often one row per 子账号; rows of the same
 * interval and queue are summed. Summary rows and placeholder cells are skipped with a note;
 * any other bad cell is an issue `line N, column C (name)` and the file yields no rows at all.
 */
import { DateTime } from "luxon";
import { type ActualsGrid, type Entry, frameOf, intervalOf, Notes, placeOnGrid, type Slot } from "./actuals-grid.ts";
import { type Coded, echo, InputError, type InputIssue, issue } from "./errors.ts";
import { headerKey, notCount, parseAmount } from "./history-parse.ts";
import type { CsvRecord } from "./staff.ts";
import { QUEUES, type QueueName } from "./staffing.ts";

/** One interval and queue of the night so far. */
export type ActualRow = {
  /** Local interval start on the plan's grid, "YYYY-MM-DDTHH:mm". */
  start: string;
  queue: QueueName;
  /** Customers who came in the interval: 咨询人数 (arrivals), else 接待人数. */
  receptions: number;
  /** Agents online (在线客服数): summed over a slot's rows, averaged over the slots of the interval. */
  agentsOnline: number | null;
  /** Average first response, seconds: the mean over the interval's rows weighted by their counts. */
  firstResponseSec: number | null;
};

export type ActualsParse = { rows: ActualRow[]; notes: string[]; fileIntervalMin: number };

export { type ActualsGrid, type GridFrame, placeStart, windowFrame } from "./actuals-grid.ts";

type Metric = "inquiries" | "receptions" | "agentsOnline" | "firstResponseSec";

/** Column names. Each metric may also carry a queue prefix (售前咨询人数, presalesInquiries); bare presales / aftersales are counts. */
export const ACTUALS_COLUMNS = {
  time: ["时间", "时段", "日期时间", "时间段", "time", "datetime", "interval"],
  group: ["分组", "客服分组", "子账号分组", "组别", "group", "queue"],
  inquiries: ["咨询人数", "咨询量", "inquiries"],
  receptions: ["接待人数", "接待量", "receptions"],
  agentsOnline: ["在线客服数", "在线客服人数", "agentsOnline"],
  firstResponseSec: ["平均首响(秒)", "平均首响", "平均首次响应时长", "平均首次响应时长(秒)", "firstResponseSec"],
} as const satisfies Record<"time" | "group" | Metric, readonly string[]>;

const METRICS: readonly Metric[] = ["inquiries", "receptions", "agentsOnline", "firstResponseSec"];
const PREFIX: Record<QueueName, { zh: string; en: string }> = { presales: { zh: "售前", en: "presales" }, aftersales: { zh: "售后", en: "aftersales" } };
const SUMMARY_WORDS = ["汇总", "合计", "均值", "平均", "总计"];
const PLACEHOLDERS = new Set(["", "-", "--", "—", "——", "延迟统计"]);
const MAX_ISSUES = 200;

type Column = { index: number; name: string };
/** Which columns feed one queue's rows. */
type Reader = { queue: QueueName; count: Column; agents: Column | undefined; firstResponse: Column | undefined };

const HEADERS = new Map<string, { metric: Metric | "time" | "group"; queue: QueueName | null }>([
  ...(["time", "group"] as const).flatMap((metric) => ACTUALS_COLUMNS[metric].map((n) => [headerKey(n), { metric, queue: null }] as const)),
  ...METRICS.flatMap((metric) =>
    ACTUALS_COLUMNS[metric].flatMap((n) => [
      [headerKey(n), { metric, queue: null }] as const,
      ...QUEUES.map((queue) => [headerKey(/^[a-z]/i.test(n) ? PREFIX[queue].en + n[0]?.toUpperCase() + n.slice(1) : PREFIX[queue].zh + n), { metric, queue }] as const),
    ]),
  ),
  ...QUEUES.map((queue) => [queue, { metric: "inquiries" as const, queue }] as const),
]);

/**
 * Reads the shop's export of the night so far into actuals on the plan's grid.
 *
 * - Columns: a time (时间 / 时段 / 日期时间 / time: "2026-11-10 18:00", "2026/11/10 18:00:00",
 *   or a range "2026-11-10 18:00-18:30"; the date is required), counts per queue in columns or
 *   in rows marked by a group (分组 …) whose value contains 售前 or 售后. 咨询人数 (inquiries,
 *   the arrivals) is preferred to 接待人数 when the file has both. 在线客服数 and 平均首响(秒)
 *   are optional.
 * - Skipped with a note: rows whose first or group cell starts with 汇总 / 合计 / 均值 / 平均 /
 *   总计; rows whose group is neither queue; a count cell `-`, `--`, `—`, empty or 延迟统计
 *   (that row and queue); the same in an optional cell (left null).
 * - The file's interval (15, 30 or 60 min) is the length of its ranges, else the largest of
 *   them that every gap between its times is a multiple of. Finer rows are summed into the
 *   plan's intervals; coarser ones are split evenly, each part an equal share of the count
 *   (agents online and first response are levels, copied to each part). A row may not
 *   straddle two of the plan's intervals.
 * - Rows outside the plan's window are left out with a note.
 *
 * Throws InputError listing every bad cell as `line N, column C (header)`; notes are English.
 */
export function parseActuals(records: CsvRecord[], grid: ActualsGrid): ActualsParse {
  const [header, ...body] = records;
  if (!header) throw new InputError([{ path: "line 1", ...issue("csv_empty", {}, "the file is empty; expected a header row") }]);
  const notes = new Notes();
  const { time, group, byGroup, readers } = readHeader(header, notes);

  const issues: InputIssue[] = [];
  let badCells = 0;
  const bad = (line: number, column: Column, problem: Coded) => {
    if (++badCells <= MAX_ISSUES) issues.push({ path: `line ${line}, column ${column.index + 1} (${column.name})`, ...problem });
  };
  const fail = () => {
    if (badCells > MAX_ISSUES) issues.push({ path: "file", ...issue("csv_more_bad_cells", { count: badCells - MAX_ISSUES }, `and ${badCells - MAX_ISSUES} more bad cells`) });
    return new InputError(issues);
  };

  const entries: Entry[] = [];
  for (const { line, cells } of body) {
    if (cells.every((c) => c.trim() === "")) continue;
    const text = (column: Column | undefined) => (column ? (cells[column.index] ?? "").trim() : "");
    const summary = summaryWord(text({ index: 0, name: "" })) ?? summaryWord(text(group));
    if (summary) {
      notes.add(`skipped summary rows (${summary})`, line);
      continue;
    }
    const rowReaders = byGroup && group ? readers.filter((r) => r.queue === queueOfGroup(text(group))) : readers;
    if (byGroup && group && rowReaders.length === 0) {
      notes.add(`skipped rows whose ${group.name} is ${shown(text(group))}, neither 售前 nor 售后`, line);
      continue;
    }
    const counted = rowReaders.filter((reader) => {
      const countText = text(reader.count);
      if (PLACEHOLDERS.has(countText)) notes.add(`skipped ${reader.queue} rows whose ${reader.count.name} is ${shown(countText)}`, line);
      return !PLACEHOLDERS.has(countText);
    });
    if (counted.length === 0) continue;
    const slot = parseSlot(text(time), grid.zone);
    if ("message" in slot) bad(line, time, slot);
    for (const reader of counted) {
      const countText = text(reader.count);
      const count = parseAmount(countText);
      if (count === null) bad(line, reader.count, notCount(countText));
      const optional = (column: Column | undefined, unit: RegExp | null) => {
        const cell = text(column);
        if (!column || PLACEHOLDERS.has(cell)) {
          if (column) notes.add(`read ${column.name} ${shown(cell)} as unknown`, line);
          return null;
        }
        const value = parseAmount(unit ? cell.replace(unit, "") : cell);
        if (value === null) bad(line, column, issue("csv_not_number", { value: echo(cell) }, `${echo(cell)} is not a number ≥ 0`));
        return value;
      };
      const agents = optional(reader.agents, null);
      const firstResponseSec = optional(reader.firstResponse, /\s*(秒|s)$/i);
      if (!("message" in slot) && count !== null) entries.push({ ...slot, line, queue: reader.queue, count, agents, firstResponseSec });
    }
  }
  if (issues.length > 0) throw fail();
  if (entries.length === 0) {
    const message = `the file has no interval rows with a count${notes.size > 0 ? ` (${notes.list().join("; ")})` : ""}`;
    throw new InputError([{ path: `line ${header.line + 1}`, ...issue("actuals_no_rows", {}, message) }]);
  }

  const fileIntervalMin = intervalOf(entries, grid.intervalMin, notes, (e, m) => bad(e.line, time, m));
  if (issues.length > 0) throw fail();
  const frame = frameOf(
    grid,
    entries.reduce((min, e) => Math.min(min, e.startMs), Number.POSITIVE_INFINITY),
  );
  const rows = placeOnGrid(entries, fileIntervalMin, frame, notes, (e, m) => bad(e.line, time, m));
  if (issues.length > 0) throw fail();
  return { rows, notes: notes.list(), fileIntervalMin };
}

/** The time, group and per-queue count columns of the header, or InputError naming what is missing. */
function readHeader(header: CsvRecord, notes: Notes) {
  const shared: Partial<Record<Metric, Column>> = {};
  const perQueue: Record<QueueName, Partial<Record<Metric, Column>>> = { presales: {}, aftersales: {} };
  let time: Column | undefined;
  let group: Column | undefined;
  header.cells.forEach((cell, index) => {
    const found = HEADERS.get(headerKey(cell));
    const column = { index, name: cell.trim() };
    if (!found) return;
    if (found.metric === "time") time ??= column;
    else if (found.metric === "group") group ??= column;
    else if (found.queue) perQueue[found.queue][found.metric] ??= column;
    else shared[found.metric] ??= column;
  });
  const wide = QUEUES.filter((q) => perQueue[q].inquiries ?? perQueue[q].receptions);
  const countOf = (columns: Partial<Record<Metric, Column>>) => {
    if (columns.inquiries && columns.receptions) notes.add(`counts are read from ${columns.inquiries.name} (arrivals); ${columns.receptions.name} is left aside`);
    return (columns.inquiries ?? columns.receptions) as Column;
  };
  const missing: Coded[] = [];
  if (!time) {
    const columns = ACTUALS_COLUMNS.time.join(" / ");
    missing.push(issue("actuals_missing_time", { columns }, `missing a time column (${columns})`));
  }
  if (wide.length === 0 && !(group && (shared.inquiries ?? shared.receptions))) {
    const columns = ACTUALS_COLUMNS.group.join(" / ");
    missing.push(
      issue(
        "actuals_missing_counts",
        { columns },
        `missing counts per queue (售前咨询人数 / 售后咨询人数, 售前接待人数 / 售后接待人数, presales / aftersales) or a group column (${columns}) with 咨询人数 or 接待人数`,
      ),
    );
  }
  if (!time || missing.length > 0) throw new InputError(missing.map((m) => ({ path: `line ${header.line}`, ...m })));
  if (wide.length === 0) {
    const count = countOf(shared);
    return { time, group, byGroup: true, readers: QUEUES.map((queue): Reader => ({ queue, count, agents: shared.agentsOnline, firstResponse: shared.firstResponseSec })) };
  }
  if (wide.length < QUEUES.length) notes.add(`the file counts ${wide.join(" and ")} only`);
  if (shared.agentsOnline && !wide.some((q) => perQueue[q].agentsOnline))
    notes.add(`${shared.agentsOnline.name} counts both queues together and cannot be split between them; agents online are left empty`);
  if (shared.firstResponseSec && !wide.some((q) => perQueue[q].firstResponseSec)) notes.add(`${shared.firstResponseSec.name} is the shop's average over both queues; each queue is given it`);
  const readers = wide.map(
    (queue): Reader => ({
      queue,
      count: countOf(perQueue[queue]),
      agents: perQueue[queue].agentsOnline,
      firstResponse: perQueue[queue].firstResponseSec ?? shared.firstResponseSec,
    }),
  );
  return { time, group, byGroup: false, readers };
}

/** A cell as a note shows it. */
function shown(cell: string): string {
  return cell === "" ? "blank" : echo(cell);
}

function summaryWord(cell: string): string | null {
  return SUMMARY_WORDS.find((w) => cell.startsWith(w)) ?? null;
}

function queueOfGroup(cell: string): QueueName | null {
  const lower = cell.toLowerCase().replace(/[\s-]/g, "");
  if (cell.includes("售前") || lower.includes("presales")) return "presales";
  if (cell.includes("售后") || lower.includes("aftersales")) return "aftersales";
  return null;
}

/** "2026-11-10 18:00", "2026/11/10 18:00:00", "2026年11月10日 18:00", each optionally with "-18:30" (or ~, 至) after it. */
const TIME_PATTERN = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})(?:日\s*|[ T]+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*[-~～至–—]\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const QUARTER_SEC = 900;

/** A row's time: its start (epoch ms in `zone`) and the length of its range, if written; or why it is not one. */
function parseSlot(text: string, zone: string): Slot | Coded {
  const m = TIME_PATTERN.exec(text);
  const example = "a date and time like 2026-11-10 18:00 or 2026-11-10 18:00-18:30";
  const value = echo(text);
  if (!m) return text === "" ? issue("actuals_no_time", {}, `no time; expected ${example}`) : issue("actuals_bad_time", { value }, `${value} is not ${example}`);
  const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const dt = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: h, minute: min, second: sec }, { zone });
  if (!dt.isValid || dt.hour !== h || dt.minute !== min) return issue("actuals_time_not_exist", { value, zone }, `${value} is not a time that exists in ${zone}`);
  if ((min * 60 + sec) % QUARTER_SEC !== 0) return issue("actuals_not_quarter", { value }, `${value} does not start on a quarter hour; rows are 15, 30 or 60 minutes`);
  if (m[7] === undefined) return { startMs: dt.toMillis(), rangeMin: null };
  // An end written inclusively (18:29, 18:59:59) means the next quarter hour.
  let endSec = Number(m[7]) * 3600 + Number(m[8]) * 60 + Number(m[9] ?? 0);
  if (endSec % QUARTER_SEC === QUARTER_SEC - 60 || endSec % QUARTER_SEC === QUARTER_SEC - 1) endSec += QUARTER_SEC - (endSec % QUARTER_SEC);
  if (endSec > 24 * 3600 || Number(m[8]) > 59) return issue("actuals_bad_end", { value }, `${value} does not end at a time of day`);
  let rangeMin = (endSec - (h * 3600 + min * 60)) / 60;
  if (rangeMin <= 0) rangeMin += 24 * 60;
  if (![15, 30, 60].includes(rangeMin)) return issue("actuals_bad_span", { value, minutes: rangeMin }, `${value} spans ${rangeMin} minutes; rows are 15, 30 or 60 minutes`);
  return { startMs: dt.toMillis(), rangeMin };
}
