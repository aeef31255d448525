/**
 * `peakcrew replan PLAN.json --staff STAFF.csv --actuals ACTUALS.csv --now 2026-11-11T00:30`:
 * the night's re-plan (临时调配). Solves the roster from plan + staff as `roster` does, reads the
 * shop's export of the night so far (CSV or xlsx, GBK or UTF-8), re-forecasts and re-plans
 * from `now`, and prints the change list (or one JSON document with --json); --out exports
 * the new roster.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { readActualsFile } from "../actuals-file.ts";
import { loadCatalog } from "../catalog.ts";
import { InputError } from "../domain/errors.ts";
import { replanNight } from "../domain/night.ts";
import { DEFAULT_REFORECAST } from "../domain/reforecast.ts";
import { buildRoster } from "../domain/roster.ts";
import { planStaffing } from "../domain/staffing.ts";
import { parsePlan } from "../schemas.ts";
import { createSolve } from "../solver/highs.ts";
import { args, EXIT, exportRoster, type Io, langOf, readJsonFile, staffOf, timeLimitOf } from "./common.ts";
import { nightText } from "./night-text.ts";

/** `replan` (see the module comment); exit 1 when work is still short from now on, or no answer came in time. */
export async function replanCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = args(
    argv,
    {
      staff: { type: "string" },
      actuals: { type: "string" },
      now: { type: "string" },
      "notice-min": { type: "string" },
      method: { type: "string" },
      "window-hours": { type: "string" },
      out: { type: "string" },
      lang: { type: "string" },
      json: { type: "boolean" },
      "time-limit-sec": { type: "string" },
    },
    1,
  );
  const o = replanOptions(values);
  const lang = langOf(values.lang);
  const timeLimitSec = timeLimitOf(values["time-limit-sec"]);
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const staffing = planStaffing(plan, loadCatalog());
  const people = await staffOf(values.staff, plan.zone);
  const actuals = await readActualsFile(readBytes(o.actualsFile, "--actuals"), { zone: plan.zone, intervalMin: plan.intervalMin, window: plan.window, fileName: o.actualsFile }).catch(
    (error: unknown) => {
      throw error instanceof InputError ? new InputError(error.issues.map((i) => ({ ...i, path: `--actuals: ${i.path}` }))) : error;
    },
  );
  const solve = await createSolve();
  const clock = () => performance.now();
  const roster = buildRoster(plan, staffing, people, { solve, clock, timeLimitSec, hiring: false });
  const night = replanNight(plan, staffing, people, roster, actuals.rows, {
    now: o.now,
    noticeMin: o.noticeMin,
    reforecast: { ...DEFAULT_REFORECAST, method: o.method, windowHours: o.windowHours },
    solve,
    clock,
    timeLimitSec,
  });
  if (o.out !== undefined) writeFileSync(o.out, await exportRoster(night.roster, plan.name, o.out, lang));
  if (values.json) {
    io.stdout(`${JSON.stringify({ ...night, shifts: night.roster.shifts, actualsNotes: actuals.notes })}\n`);
  } else {
    const notes = actuals.notes.length === 0 ? "" : `${lang === "zh" ? "实际数据说明" : "Notes on the actuals"}:\n${actuals.notes.map((n) => `  · ${n}`).join("\n")}\n`;
    const written = o.out === undefined ? "" : `${lang === "zh" ? "已写入" : "Written"}: ${o.out}\n`;
    io.stdout(`${nightText(night, lang)}${notes}${written}`);
  }
  return night.shortfallAgentHours.after > 0 || night.status === "timeout" ? EXIT.notMet : EXIT.ok;
}

function readBytes(file: string, path: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new InputError([{ path, message: `${file}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }]);
  }
}

/** --now as a local date-time; --notice-min and --window-hours as numbers. */
function replanOptions(values: Record<string, unknown>) {
  const now = values.now;
  if (typeof now !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(now)) {
    throw new InputError([{ path: "--now", message: "is required: a local date-time on the plan's grid, e.g. 2026-11-11T00:30" }]);
  }
  const noticeMin = values["notice-min"] === undefined ? 60 : Number(values["notice-min"]);
  if (!Number.isFinite(noticeMin) || noticeMin < 0 || noticeMin > 24 * 60) throw new InputError([{ path: "--notice-min", message: "must be minutes from 0 to 1440" }]);
  const windowHours = values["window-hours"] === undefined ? DEFAULT_REFORECAST.windowHours : Number(values["window-hours"]);
  if (!(windowHours > 0 && windowHours <= 24)) throw new InputError([{ path: "--window-hours", message: "must be hours in (0, 24]" }]);
  const method = values.method ?? "ratio";
  if (method !== "ratio" && method !== "run-rate") throw new InputError([{ path: "--method", message: 'must be "ratio" (default) or "run-rate"' }]);
  if (typeof values.actuals !== "string") throw new InputError([{ path: "--actuals", message: "is required: the night's export so far (CSV or xlsx)" }]);
  const out = values.out as string | undefined;
  if (out !== undefined && ![".xlsx", ".csv", ".ics"].includes(extname(out).toLowerCase())) throw new InputError([{ path: "--out", message: "must end in .xlsx, .csv or .ics" }]);
  return { now, noticeMin, windowHours, method: method as "ratio" | "run-rate", actualsFile: values.actuals, out };
}
