/**
 * What every CLI command shares: its output channels and exit codes, its flag spec (parsed
 * here, listed by `--help`), and reading the files and the database a command names (a missing
 * or malformed file is bad input naming it).
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { InputError, type InputIssue } from "../domain/errors.ts";
import type { Lang } from "../domain/export.ts";
import type { RosterResult } from "../domain/roster.ts";
import { parseStaff } from "../domain/staff.ts";
import { CLI_SOLVE_LIMIT_SEC, dbFileOf } from "../config.ts";
import { cliIssue } from "./text.ts";

export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of standard input (`--password-stdin`); the process's own when absent. */
  stdin?: () => Promise<string>;
};

export const EXIT = { ok: 0, notMet: 1, badInput: 2, internal: 3 } as const;

/** One flag of a command: its name without the dashes, its value's placeholder (none for a switch; `multiple` when it may repeat), one line of help each language. */
export type FlagSpec = { name: string; value?: string; multiple?: true; zh: string; en: string };

/** A command's flags and help: what `--help` prints and what `args` parses. */
export type CommandSpec = {
  /** "roster", or "history import" for a subcommand. */
  name: string;
  /** What follows the name in the usage line, e.g. "PLAN.json --staff STAFF.csv [选项]". */
  usage: string;
  summary: { zh: string; en: string };
  /** How many file (or name) arguments it takes. */
  positionals: number;
  flags: FlagSpec[];
  example: string;
};

export type Command = { spec: CommandSpec; run: (argv: string[], io: Io, lang: Lang) => number | Promise<number> };

/** A command with subcommands (`history import|list|estimate`, `users add|…`). */
export type CommandGroup = { name: string; summary: { zh: string; en: string }; subcommands: Record<string, Command> };

/** Parses `argv` against the command's flags (strings, or booleans for switches); bad input names the flag. */
export function args(argv: string[], spec: CommandSpec) {
  const options: NonNullable<ParseArgsConfig["options"]> = Object.fromEntries(
    spec.flags.map((f) => [f.name, { type: f.value === undefined ? ("boolean" as const) : ("string" as const), ...(f.multiple ? { multiple: true } : {}) }]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: spec.positionals > 0, strict: true });
  } catch (error) {
    throw new InputError([argumentIssue(error as NodeJS.ErrnoException, spec.name)]);
  }
  const n = parsed.positionals.length;
  if (n !== spec.positionals) {
    throw new InputError([cliIssue("arguments", `需要 ${spec.positionals} 个文件参数，收到 ${n} 个（peakcrew ${spec.name} --help）`, `expected ${spec.positionals} file argument(s), got ${n}`)]);
  }
  return { values: parsed.values as Record<string, string | boolean | string[] | undefined>, positionals: parsed.positionals };
}

function argumentIssue(error: NodeJS.ErrnoException, command: string) {
  const option = /'(-[^' ]+)/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return cliIssue("arguments", `未知选项 ${option}（全部选项见 peakcrew ${command} --help）`, error.message);
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return cliIssue("arguments", `选项 ${option} 需要一个值`, error.message);
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return cliIssue("arguments", `多余的参数：${/'([^']*)'/.exec(error.message)?.[1] ?? ""}`, error.message);
    default:
      return { path: "arguments", message: error.message };
  }
}

/** A flag whose value is not a number. */
function notANumber(flag: string, raw: unknown): InputIssue {
  return cliIssue(flag, `不是数字：“${raw}”`, `not a number: "${raw}"`);
}

/** Reads the number flags (`{flag: field}`) that were given into `fields`; a value that is not a number is an issue naming its flag. */
export function readNumberFlags(values: Record<string, unknown>, flags: Record<string, string>, fields: Record<string, unknown>, issues: InputIssue[]): void {
  for (const [flag, field] of Object.entries(flags)) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(n)) issues.push(notANumber(`--${flag}`, raw));
    else fields[field] = n;
  }
}

/**
 * The request `parse` makes of the flags' fields, or InputError with every issue: those found
 * reading the flags, then the schema's at the flags that gave the fields (`flagOf`; a flag already
 * reported once is not repeated).
 */
export function parseAtFlags<T>(parse: (fields: unknown) => T, fields: Record<string, unknown>, issues: InputIssue[], flagOf: (path: string) => string): T {
  let request: T | undefined;
  try {
    request = parse(fields);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    for (const i of error.issues) {
      const path = flagOf(i.path);
      if (issues.some((k) => k.path === path)) continue;
      issues.push(i.code === "required" ? cliIssue(path, "必填", "is required") : { ...i, path });
    }
  }
  if (issues.length > 0 || request === undefined) throw new InputError(issues);
  return request;
}

/** Reads and JSON-parses a file; a missing or malformed file is bad input naming it. */
export function readJsonFile(file: string): unknown {
  const text = readTextFile(file, file);
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message;
    throw new InputError([cliIssue(file, `不是有效的 JSON：${reason}`, `not valid JSON: ${reason}`)]);
  }
}

/** Reads a text file; a missing file is bad input reported at `path` (the file, or the flag that named it). */
export function readTextFile(file: string, path: string = file): string {
  return readBytes(file, path).toString("utf8");
}

/** Reads a file's bytes; a missing file is bad input reported at `path` (the file, or the flag that named it). */
export function readBytes(file: string, path: string = file): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const where = path === file ? "" : `${file}: `;
    throw new InputError([cliIssue(path, `${where}无法读取：${code}`, `${where}cannot read: ${code}`)]);
  }
}

/** The command's answer as one JSON document on stdout (`--json`: unchanged, for machines). */
export function printJson(io: Io, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

export function timeLimitOf(value: unknown): number {
  const seconds = value === undefined ? CLI_SOLVE_LIMIT_SEC : Number(value);
  if (!(seconds > 0)) throw new InputError([cliIssue("--time-limit-sec", "须为正的秒数", "must be a positive number of seconds")]);
  return seconds;
}

/** The staff CSV a command names (the CSV reader loads here, not with every command). */
export async function staffOf(file: unknown, zone: string) {
  if (typeof file !== "string") throw new InputError([cliIssue("--staff", "必填：人员名单 CSV", "is required: the staff CSV")]);
  const { readCsv } = await import("../csv.ts");
  return parseStaff(readCsv(readTextFile(file, "--staff")), zone);
}

/** `--lang`: "zh" (the default) or "en". */
export function langOf(value: unknown): Lang {
  if (value === undefined || value === "zh" || value === "en") return (value ?? "zh") as Lang;
  throw new InputError([cliIssue("--lang", '须为 "zh"（默认）或 "en"', 'must be "zh" (default) or "en"')]);
}

/** --out for a roster: .xlsx, .csv or .ics. */
export function rosterOutOf(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (![".xlsx", ".csv", ".ics"].includes(extname(value).toLowerCase())) throw new InputError([cliIssue("--out", "须以 .xlsx、.csv 或 .ics 结尾", "must end in .xlsx, .csv or .ics")]);
  return value;
}

/** The database a command opens: --db, else PEAKCREW_DB, else data/peakcrew.db (what `serve` uses). SQLite loads here, not with every command. */
export async function openStore(db: unknown) {
  const { openDb } = await import("../store/db.ts");
  return openDb(dbFileOf(typeof db === "string" ? db : undefined));
}

/** HiGHS (WebAssembly) loads only for the commands that solve. */
export async function createSolve() {
  return (await import("../solver/highs.ts")).createSolve();
}

/** The roster in the format `file`'s extension names; each writer loads when asked for (exceljs alone takes longer to load than most commands take to run). */
export async function exportRoster(result: RosterResult, planName: string, file: string, lang: Lang, personId?: string): Promise<Buffer | string> {
  switch (extname(file).toLowerCase()) {
    case ".xlsx":
      return (await import("../export/xlsx.ts")).rosterWorkbook(result, planName, lang);
    case ".csv":
      return (await import("../export/csv.ts")).rosterCsv(result, lang);
    default:
      return (await import("../export/ics.ts")).rosterCalendar(result, { planName, planId: planName, personId, lang });
  }
}
