/**
 * The CLI's words and numbers: labels shared with the page (web/labels.js), numbers with
 * thousands separators, percents as "80 %", plain-text tables, and input issues said in the
 * reader's language (web/issues.js). Chinese by default; English with `--lang en`.
 */
import type { InputIssue } from "../domain/errors.ts";
import type { Lang } from "../domain/export.ts";
import { issueText, pathText } from "../../web/issues.js";
import { label } from "../../web/labels.js";

export type { Lang };
export { label };

export type Cell = string | number;

/** One of two texts: the Chinese or the English. */
export function say(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}

const FORMATS = new Map<number, Intl.NumberFormat>();

/**
 * A number with thousands separators (zh-CN and en-US group alike: 1,234,567.5): integers as
 * they are, others to `digits` decimals (default 2, or 4 below 1), trailing zeros dropped.
 */
export function fmt(n: number, digits?: number): string {
  const d = digits ?? (Number.isInteger(n) ? 0 : Math.abs(n) < 1 ? 4 : 2);
  let format = FORMATS.get(d);
  if (!format) {
    format = new Intl.NumberFormat("zh-CN", { maximumFractionDigits: d });
    FORMATS.set(d, format);
  }
  return format.format(n === 0 ? 0 : n);
}

/** A fraction as a percent, "80 %" (as the page shows the same field); `digits` decimals at most. */
export function pct(x: number | null, digits = 2): string {
  return x === null ? "—" : `${fmt(x * 100, digits)} %`;
}

/** "售前" / "pre-sales": the page's queue names. */
export function queueName(queue: "presales" | "aftersales", lang: Lang): string {
  return label(`queue.${queue}`, lang);
}

/** One line per issue: "错误：chain.csSalesShare：不能大于 1" / "error: chain.csSalesShare: must be at most 1" ("第 3 行" for "line 3"). */
export function issueLines(issues: InputIssue[], lang: Lang): string {
  return issues.map((i) => (lang === "zh" ? `错误：${pathText(i.path, lang)}：${issueWords(i, lang)}` : `error: ${i.path}: ${issueWords(i, lang)}`)).join("\n");
}

/** An issue's words: the CLI's own issues carry both languages (see `cliIssue`); the rest go through web/issues.js. */
function issueWords(issue: InputIssue, lang: Lang): string {
  const p = issue.params;
  if (issue.code === "cli" && p && typeof p[lang] === "string") return p[lang] as string;
  return issueText(issue, lang);
}

/** An issue the CLI itself raises, in both languages (the English is also its `message`). */
export function cliIssue(path: string, zh: string, en: string): InputIssue {
  return { path, message: en, code: "cli", params: { zh, en } };
}

/** Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned. */
export function table(header: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)));
  const widths = header.map((h, i) => Math.max(width(h), ...text.map((r) => width(r[i] ?? ""))));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === "number"));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? pad(c, widths[i] as number, "left") : pad(c, widths[i] as number, "right")))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...text.map(line)].join("\n");
}

/** CJK characters take two terminal columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, to: number, side: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, to - width(s)));
  return side === "left" ? fill + s : s + fill;
}
