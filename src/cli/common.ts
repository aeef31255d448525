/**
 * What every CLI command shares: its output channels and exit codes, argument parsing, and
 * reading the files a command names (a missing or malformed file is bad input naming it).
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { InputError } from "../domain/errors.ts";
import type { Lang } from "../domain/export.ts";
import type { RosterResult } from "../domain/roster.ts";
import { parseStaff } from "../domain/staff.ts";
import { CLI_SOLVE_LIMIT_SEC } from "../config.ts";

export type Io = {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of standard input (`--password-stdin`); the process's own when absent. */
  stdin?: () => Promise<string>;
};

export const EXIT = { ok: 0, notMet: 1, badInput: 2, internal: 3 } as const;

export function args(argv: string[], options: NonNullable<ParseArgsConfig["options"]>, positionals: number) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: positionals > 0, strict: true });
  } catch (error) {
    throw new InputError([{ path: "arguments", message: (error as Error).message }]);
  }
  if (parsed.positionals.length !== positionals) {
    throw new InputError([{ path: "arguments", message: `expected ${positionals} file argument(s), got ${parsed.positionals.length}` }]);
  }
  return parsed;
}

/** Reads and JSON-parses a file; a missing or malformed file is bad input naming it. */
export function readJsonFile(file: string): unknown {
  const text = readTextFile(file, file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError([{ path: file, message: `not valid JSON: ${(error as Error).message}` }]);
  }
}

/** Reads a text file; a missing file is bad input reported at `path` (the file, or the flag that named it). */
export function readTextFile(file: string, path: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const reason = `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    throw new InputError([{ path, message: path === file ? reason : `${file}: ${reason}` }]);
  }
}

export function timeLimitOf(value: unknown): number {
  const seconds = value === undefined ? CLI_SOLVE_LIMIT_SEC : Number(value);
  if (!(seconds > 0)) throw new InputError([{ path: "--time-limit-sec", message: "must be a positive number of seconds" }]);
  return seconds;
}

/** The staff CSV a command names (the CSV reader loads here, not with every command). */
export async function staffOf(file: unknown, zone: string) {
  if (typeof file !== "string") throw new InputError([{ path: "--staff", message: "is required: the staff CSV" }]);
  const { readCsv } = await import("../csv.ts");
  return parseStaff(readCsv(readTextFile(file, "--staff")), zone);
}

export function langOf(value: unknown): Lang {
  if (value === undefined || value === "zh" || value === "en") return (value ?? "zh") as Lang;
  throw new InputError([{ path: "--lang", message: 'must be "zh" (default) or "en"' }]);
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
