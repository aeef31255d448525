/**
 * The staff pool (DESIGN.md §4 "Staff pool"): who may be rostered, for which queues, when.
 * Rows come from a CSV with English or Chinese headers; every bad cell is reported by line
 * and column, and a file with any bad cell yields no people at all.
 */
import { DateTime } from "luxon";
import { type Coded, echo, InputError, type InputIssue, issue } from "./errors.ts";
import { MAX_STAFF } from "./limits.ts";
import type { QueueName, StaffKind } from "./plan.ts";

export type { StaffKind } from "./plan.ts";
/** A queue a person works (the plan's queue names). */
export type Queue = QueueName;

export type Person = {
  id: string;
  name: string;
  subAccount: string;
  skills: Queue[];
  kind: StaffKind;
  /** Temps must be trained on Tmall rules before they may be rostered. */
  trained: boolean;
  /** When the person can work, epoch milliseconds, sorted; empty means any time. */
  availability: { startMs: number; endMs: number }[];
  /** Most paid hours in the planning window. */
  maxHours: number;
};

/** Column names, English and Chinese (工号,姓名,子账号,技能,类型,已培训,可排时段,最长工时). */
export const STAFF_COLUMNS = {
  id: ["id", "工号"],
  name: ["name", "姓名"],
  subAccount: ["subAccount", "子账号"],
  skills: ["skills", "技能"],
  kind: ["kind", "类型"],
  trained: ["trained", "已培训"],
  availability: ["availability", "可排时段"],
  maxHours: ["maxHours", "最长工时"],
} as const satisfies Record<keyof Person, readonly string[]>;

type Field = keyof typeof STAFF_COLUMNS;

const SKILLS: Record<string, Queue> = { presales: "presales", aftersales: "aftersales", 售前: "presales", 售后: "aftersales" };
const KINDS: Record<string, StaffKind> = { fulltime: "fulltime", temp: "temp", support: "support", 全职: "fulltime", 临时: "temp", 兼职: "temp", 支援: "support" };
const YES = new Set(["yes", "y", "true", "1", "是"]);
const NO = new Set(["no", "n", "false", "0", "否", ""]);

/** A CSV record and the 1-based line it starts on. */
export type CsvRecord = { line: number; cells: string[] };

/**
 * People from CSV records: the first record is the header. Skills are separated by `|`,
 * `/`, `,`, `、` or spaces; availability is ISO intervals (`start/end`, local times in
 * `zone` unless they carry an offset) separated by `;`. Throws InputError listing every bad
 * cell as `line N, column C (name)`.
 */
export function parseStaff(records: CsvRecord[], zone: string): Person[] {
  const [header, ...rows] = records;
  if (!header) throw new InputError([{ path: "line 1", ...issue("csv_empty", {}, "the file is empty; expected a header row") }]);
  const issues: InputIssue[] = [];
  const columnOf = new Map<Field, number>();
  for (const [field, names] of Object.entries(STAFF_COLUMNS) as [Field, readonly string[]][]) {
    const index = header.cells.findIndex((h) => names.includes(h.trim()));
    if (index >= 0) columnOf.set(field, index);
    else if (field !== "availability" && field !== "subAccount") {
      issues.push({ path: `line ${header.line}`, ...issue("csv_missing_column", { columns: names.join(" / ") }, `missing column ${names.join(" / ")}`) });
    }
  }
  if (issues.length > 0) throw new InputError(issues);

  const seen = new Map<string, number>();
  const people: Person[] = [];
  for (const row of rows) {
    if (row.cells.every((c) => c.trim() === "")) continue;
    const cell = (field: Field) => {
      const index = columnOf.get(field);
      return index === undefined ? "" : (row.cells[index] ?? "").trim();
    };
    const bad = (field: Field, problem: Coded) => {
      const index = columnOf.get(field) ?? 0;
      issues.push({ path: `line ${row.line}, column ${index + 1} (${header.cells[index]?.trim() || STAFF_COLUMNS[field][0]})`, ...problem });
    };
    const empty = issue("empty", {}, "empty");

    const id = cell("id");
    if (!id) bad("id", empty);
    else if (seen.has(id)) bad("id", issue("staff_duplicate_id", { line: seen.get(id) as number }, `duplicate of line ${seen.get(id)}`));
    else seen.set(id, row.line);
    const name = cell("name");
    if (!name) bad("name", empty);

    const skills = [
      ...new Set(
        cell("skills")
          .split(/[|/,、\s]+/)
          .filter(Boolean),
      ),
    ].flatMap((s) => {
      const queue = SKILLS[s.toLowerCase()] ?? SKILLS[s];
      if (!queue) bad("skills", issue("staff_unknown_skill", { value: echo(s) }, `unknown skill ${echo(s)}; use presales/aftersales (售前/售后)`));
      return queue ? [queue] : [];
    });
    if (cell("skills") === "") bad("skills", issue("staff_no_skills", {}, "empty; give presales and/or aftersales"));

    const kindText = cell("kind");
    const kind = KINDS[kindText.toLowerCase()] ?? KINDS[kindText];
    if (!kind) bad("kind", issue("staff_unknown_kind", { value: echo(kindText) }, `unknown kind ${echo(kindText)}; use fulltime/temp/support (全职/临时/支援)`));

    const trainedText = cell("trained").toLowerCase();
    const trained = YES.has(trainedText);
    if (!trained && !NO.has(trainedText)) bad("trained", issue("staff_not_yes_no", { value: echo(cell("trained")) }, `${echo(cell("trained"))} is not yes/no (是/否)`));

    const maxHours = Number(cell("maxHours"));
    if (cell("maxHours") === "" || !Number.isFinite(maxHours) || maxHours < 0)
      bad("maxHours", issue("staff_bad_hours", { value: echo(cell("maxHours")) }, `${echo(cell("maxHours"))} is not a number of hours ≥ 0`));

    const availability: Person["availability"] = [];
    for (const part of cell("availability")
      .split(";")
      .map((p) => p.trim())
      .filter(Boolean)) {
      const [from, to] = part.split("/");
      const start = from ? DateTime.fromISO(from, { zone }) : undefined;
      const end = to ? DateTime.fromISO(to, { zone }) : undefined;
      if (!start?.isValid || !end?.isValid || end <= start) {
        bad("availability", issue("staff_bad_availability", { value: echo(part) }, `${echo(part)} is not an ISO interval start/end, e.g. 2026-11-10T18:00/2026-11-11T02:00`));
        continue;
      }
      availability.push({ startMs: start.toMillis(), endMs: end.toMillis() });
    }
    availability.sort((a, b) => a.startMs - b.startMs);

    people.push({ id, name, subAccount: cell("subAccount"), skills, kind: kind ?? "fulltime", trained, availability, maxHours });
  }
  if (issues.length === 0 && people.length > MAX_STAFF) {
    issues.push({
      path: `line ${rows.at(-1)?.line ?? header.line}`,
      ...issue("staff_too_many", { count: people.length, maximum: MAX_STAFF }, `${people.length} people; a staff pool has at most ${MAX_STAFF.toLocaleString("en")}`),
    });
  }
  if (issues.length > 0) throw new InputError(issues);
  return people;
}
