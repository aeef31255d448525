/**
 * The shop's per-agent service report (赤兔 / 千牛 客服绩效报表, DESIGN.md §3 "Chat", §5 "read as
 * they are"): one row per agent (客服昵称) over a period, with how many chats the agent served
 * (接待人数), how long a chat lasted on average (平均接待时长), how long the agent was online
 * (在线总时长) and the most chats it held at once (最大同时接待). Read here as it is exported;
 * `estimateChat` (chat-estimate.ts) turns the rows into the chat model's K, AHT and slowdown.
 *
 * Summary rows (汇总 / 合计 / 均值 / 平均 / 总计) and placeholder cells (`-`, blank, 延迟统计) are
 * skipped with a note; any other bad cell is an issue `line N, column C (header)` and a file
 * with any issue yields no rows at all.
 */
import { Notes } from "./actuals-grid.ts";
import { type Coded, InputError, type InputIssue, issue } from "./errors.ts";
import { headerKey, parseAmount } from "./history-parse.ts";
import type { CsvRecord } from "./staff.ts";

/** One agent's row. Optional columns the file lacks, or placeholder cells, are null. */
export type AgentServiceRow = {
  line: number;
  /** 客服昵称 (the sub-account), or `line N` when the file has no name column. */
  agent: string;
  /** 接待人数: chats the agent served in the period. */
  receptions: number;
  /** 平均接待时长: a chat's mean wall-clock duration, seconds (while the agent held other chats too). */
  handleSec: number;
  /** 在线总时长: the agent's time online in the period, seconds. */
  onlineSec: number;
  /** 最大同时接待: the most chats the agent held at once. */
  maxConcurrent: number | null;
  /** 咨询人数: customers who asked. */
  inquiries: number | null;
  /** 平均响应(秒): mean reply time. */
  avgResponseSec: number | null;
  /** 首次响应(秒): mean first-response time. */
  firstResponseSec: number | null;
  /** 答问比: agent replies ÷ customer questions, a ratio (85 % → 0.85). */
  replyRatio: number | null;
};

export type ChatReportParse = { rows: AgentServiceRow[]; notes: string[] };

type Field = Exclude<keyof AgentServiceRow, "line">;
type Kind = "text" | "count" | "duration" | "ratio";

/** Column names (compared case-folded, full-width brackets as ASCII, spaces dropped; a unit in brackets is read apart). */
export const CHAT_REPORT_COLUMNS = {
  agent: ["客服昵称", "客服", "客服名称", "子账号", "客服账号", "旺旺", "昵称", "agent", "name"],
  receptions: ["接待人数", "接待量", "接待数", "receptions"],
  handleSec: ["平均接待时长", "平均会话时长", "接待时长均值", "平均接待时间", "handleSec", "avgHandleSec"],
  onlineSec: ["在线总时长", "在线时长", "总在线时长", "onlineSec"],
  maxConcurrent: ["最大同时接待", "最大同时接待人数", "最大同时接待数", "最高同时接待", "最大并发", "maxConcurrent"],
  inquiries: ["咨询人数", "咨询量", "inquiries"],
  avgResponseSec: ["平均响应", "平均响应时长", "平均响应时间", "avgResponseSec"],
  firstResponseSec: ["首次响应", "首次响应时长", "平均首次响应", "平均首次响应时长", "平均首响", "firstResponseSec"],
  replyRatio: ["答问比", "replyRatio"],
} as const satisfies Record<Field, readonly string[]>;

const KIND: Record<Field, Kind> = {
  agent: "text",
  receptions: "count",
  handleSec: "duration",
  onlineSec: "duration",
  maxConcurrent: "count",
  inquiries: "count",
  avgResponseSec: "duration",
  firstResponseSec: "duration",
  replyRatio: "ratio",
};
const REQUIRED: readonly Field[] = ["receptions", "handleSec", "onlineSec"];
const OPTIONAL: readonly Field[] = ["maxConcurrent", "inquiries", "avgResponseSec", "firstResponseSec", "replyRatio"];
const SUMMARY_WORDS = ["汇总", "合计", "均值", "平均", "总计"];
const PLACEHOLDERS = new Set(["", "-", "--", "—", "——", "延迟统计", "/"]);
/** Bad cells listed one by one; beyond this a file is broken throughout, and a count says how much. */
const MAX_ISSUES = 50;
/** More chats at once than this from 接待人数 × 平均接待时长 ÷ 在线总时长 means a unit was misread. */
const MAX_PLAUSIBLE_CONCURRENCY = 20;

const UNIT_SEC: Record<string, number> = { 秒: 1, s: 1, sec: 1, 分钟: 60, 分: 60, min: 60, 小时: 3600, 时: 3600, h: 3600, "%": 0.01 };
const HEADERS = new Map<string, Field>((Object.entries(CHAT_REPORT_COLUMNS) as [Field, readonly string[]][]).flatMap(([field, names]) => names.map((n) => [headerKey(n), field] as const)));

type Column = { index: number; name: string; field: Field /** What a bare number in it is worth (seconds, or 0.01 for %). */; scale: number };

/** A header cell: its field and the unit written in brackets ("平均接待时长(分钟)" → handleSec, 60). */
function columnOf(cell: string, index: number): Column | null {
  const key = headerKey(cell);
  const direct = HEADERS.get(key);
  if (direct) return { index, name: cell.trim(), field: direct, scale: 1 };
  const m = /^(.*)\(([^()]+)\)$/.exec(key);
  const field = m ? HEADERS.get(m[1] as string) : undefined;
  const scale = m ? UNIT_SEC[m[2] as string] : undefined;
  if (!field || scale === undefined) return null;
  return { index, name: cell.trim(), field, scale };
}

const DURATION_UNITS = /^(?:(\d+(?:\.\d+)?)\s*(?:天|d))?\s*(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min|m))?\s*(?:(\d+(?:\.\d+)?)\s*(?:秒|s))?$/i;

/**
 * A duration in seconds: "1分30秒", "2小时5分", "90秒", "1.5分钟", "00:01:30" (h:mm:ss), or a
 * bare number in the column's unit (seconds unless its header says 分钟 / 小时). "1:30" is
 * refused as ambiguous (m:ss or h:mm). Null when it is none of these.
 */
export function parseDuration(text: string, scale = 1): number | "ambiguous" | null {
  const t = text.replace(/\s+/g, "");
  const bare = parseAmount(t);
  if (bare !== null) return bare * scale;
  const clock = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(t);
  if (clock) {
    const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3])];
    return m < 60 && s < 60 ? h * 3600 + m * 60 + s : null;
  }
  if (/^\d+:\d{1,2}$/.test(t)) return "ambiguous";
  const units = DURATION_UNITS.exec(t);
  if (!units || t === "" || units.slice(1).every((u) => u === undefined)) return null;
  const [d, h, m, s] = units.slice(1).map((u) => Number(u ?? 0)) as [number, number, number, number];
  return d * 86_400 + h * 3600 + m * 60 + s;
}

/** A ratio: "85%" or "85.3 %" → 0.85…; a bare number as it is (in a "(%)" column, ÷ 100). */
export function parseRatio(text: string, scale = 1): number | null {
  const t = text.replace(/\s+/g, "");
  if (t.endsWith("%") || t.endsWith("％")) {
    const v = parseAmount(t.slice(0, -1));
    return v === null ? null : v / 100;
  }
  const v = parseAmount(t);
  return v === null ? null : v * (scale === 0.01 ? 0.01 : 1);
}

/**
 * Reads the report's rows (the first record is the header). 接待人数, 平均接待时长 and
 * 在线总时长 are required columns; 客服昵称, 最大同时接待, 咨询人数, 平均响应, 首次响应 and 答问比
 * are read when present. Counts may carry thousands separators; durations any form
 * `parseDuration` takes. An agent who served no chats (接待人数 0, or a placeholder in a
 * required cell) is skipped with a note: it says nothing about handle time.
 */
export function parseChatReport(records: CsvRecord[]): ChatReportParse {
  const [header, ...body] = records;
  if (!header) throw new InputError([{ path: "line 1", ...issue("csv_empty", {}, "the file is empty; expected a header row") }]);
  const columns = new Map<Field, Column>();
  header.cells.forEach((cell, index) => {
    const column = columnOf(cell, index);
    if (column && !columns.has(column.field)) columns.set(column.field, column);
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length > 0) {
    const columns = (f: Field) => CHAT_REPORT_COLUMNS[f].slice(0, 3).join(" / ");
    throw new InputError(missing.map((f) => ({ path: `line ${header.line}`, ...issue("csv_missing_column", { columns: columns(f) }, `missing column ${columns(f)}`) })));
  }

  const notes = new Notes();
  const issues: InputIssue[] = [];
  let badCells = 0;
  const bad = (line: number, column: Column, problem: Coded) => {
    if (++badCells <= MAX_ISSUES) issues.push({ path: `line ${line}, column ${column.index + 1} (${column.name})`, ...problem });
  };
  const nameColumn = columns.get("agent");
  const rows: AgentServiceRow[] = [];
  for (const { line, cells } of body) {
    if (cells.every((c) => c.trim() === "")) continue;
    const text = (column: Column | undefined) => (column ? (cells[column.index] ?? "").trim() : "");
    const summary = SUMMARY_WORDS.find((w) => text({ index: 0, name: "", field: "agent", scale: 1 }).startsWith(w) || text(nameColumn).startsWith(w));
    if (summary) {
      notes.add(`skipped summary rows (${summary})`, line);
      continue;
    }
    const value = (field: Field): number | null => {
      const column = columns.get(field);
      const cell = text(column);
      if (!column || PLACEHOLDERS.has(cell)) return null;
      const kind = KIND[field];
      if (kind === "count") {
        const n = parseAmount(cell);
        if (n === null || !Number.isInteger(n)) bad(line, column, issue("csv_not_whole", { value: `"${cell}"` }, `"${cell}" is not a whole number ≥ 0`));
        return n;
      }
      if (kind === "ratio") {
        const r = parseRatio(cell, column.scale);
        if (r === null) bad(line, column, issue("chat_not_ratio", { value: `"${cell}"` }, `"${cell}" is not a ratio like 85% or 0.85`));
        return r;
      }
      const d = parseDuration(cell, column.scale);
      if (d === "ambiguous") {
        bad(line, column, issue("chat_ambiguous_duration", { value: cell }, `"${cell}" could be minutes:seconds or hours:minutes; write 0:${cell} or ${cell}:00 (h:mm:ss), or 1分30秒`));
      } else if (d === null) bad(line, column, issue("chat_not_duration", { value: `"${cell}"` }, `"${cell}" is not a duration like 1分30秒, 00:01:30 or 90 (seconds)`));
      return typeof d === "number" ? d : null;
    };
    const required = REQUIRED.map((f) => ({ field: f, cell: text(columns.get(f)) }));
    const blank = required.find((r) => PLACEHOLDERS.has(r.cell));
    const receptions = value("receptions");
    if (blank || receptions === 0) {
      notes.add(receptions === 0 ? "skipped agents who served no chats (接待人数 0)" : `skipped agents with no ${columns.get(blank?.field as Field)?.name}`, line);
      continue;
    }
    const handleSec = value("handleSec");
    const onlineSec = value("onlineSec");
    const optional = Object.fromEntries(OPTIONAL.map((f) => [f, value(f)])) as Pick<AgentServiceRow, "maxConcurrent" | "inquiries" | "avgResponseSec" | "firstResponseSec" | "replyRatio">;
    if (receptions === null || handleSec === null || onlineSec === null) continue;
    const handle = columns.get("handleSec") as Column;
    const online = columns.get("onlineSec") as Column;
    const notPositive = (column: Column) => issue("chat_not_positive", { value: `"${text(column)}"` }, `"${text(column)}" must be more than 0 for an agent who served chats`);
    if (handleSec <= 0) bad(line, handle, notPositive(handle));
    if (onlineSec <= 0) bad(line, online, notPositive(online));
    else if ((receptions * handleSec) / onlineSec > MAX_PLAUSIBLE_CONCURRENCY) {
      bad(
        line,
        online,
        issue(
          "chat_implausible",
          { receptions, handle: text(handle), online: text(online), maximum: MAX_PLAUSIBLE_CONCURRENCY },
          `${receptions} chats × ${text(handle)} in "${text(online)}" online is more than ${MAX_PLAUSIBLE_CONCURRENCY} chats at once; is the unit right (e.g. 8小时30分, 08:30:00, or a header 在线总时长(小时))?`,
        ),
      );
    }
    rows.push({ line, agent: text(nameColumn) || `line ${line}`, receptions, handleSec, onlineSec, ...optional });
  }
  if (badCells > MAX_ISSUES) issues.push({ path: "file", ...issue("csv_more_bad_cells", { count: badCells - MAX_ISSUES }, `and ${badCells - MAX_ISSUES} more bad cells`) });
  if (issues.length > 0) throw new InputError(issues);
  if (rows.length === 0) {
    const message = `the file has no agent who served chats${notes.size > 0 ? ` (${notes.list().join("; ")})` : ""}`;
    throw new InputError([{ path: `line ${header.line + 1}`, ...issue("chat_no_rows", {}, message) }]);
  }
  return { rows, notes: notes.list() };
}
