/**
 * `peakcrew replan PLAN.json --staff STAFF.csv --actuals ACTUALS.csv --now 2026-11-11T00:30`:
 * the night's re-plan (临时调配). Solves the roster from plan + staff as `roster` does, reads the
 * shop's export of the night so far (CSV or xlsx, GBK or UTF-8), re-forecasts and re-plans
 * from `now`, and prints the change list (or one JSON document with --json); --out exports
 * the new roster.
 */
import { writeFileSync } from "node:fs";
import { readActualsFile } from "../../actuals-file.ts";
import { loadCatalog } from "../../catalog.ts";
import { InputError } from "../../domain/errors.ts";
import { replanNight } from "../../domain/night.ts";
import { DEFAULT_REFORECAST } from "../../domain/reforecast.ts";
import { buildRoster } from "../../domain/roster.ts";
import { planStaffing } from "../../domain/staffing.ts";
import { parsePlan } from "../../schemas.ts";
import { args, type Command, type CommandSpec, createSolve, EXIT, exportRoster, type Io, printJson, readBytes, readJsonFile, rosterOutOf, staffOf, timeLimitOf } from "../io.ts";
import { nightText } from "../night-text.ts";
import { cliIssue, type Lang, say } from "../text.ts";

const spec: CommandSpec = {
  name: "replan",
  usage: "PLAN.json --staff STAFF.csv --actuals FILE.csv|.xlsx --now 2026-11-11T00:30 […]",
  summary: {
    zh: "当日调配（临时调配）：按方案和名单排班，读入当晚到目前的实际咨询量（千牛导出的 CSV 或 xlsx，GBK 或 UTF-8），重新预测并从此刻起调整排班，给出变更清单；--out 导出新排班。",
    en: "The night's re-plan (临时调配): rosters the plan and staff, reads the night's export so far (CSV or xlsx, GBK or UTF-8), re-forecasts and re-plans from now, and prints the change list; --out exports the new roster.",
  },
  positionals: 1,
  flags: [
    { name: "staff", value: "STAFF.csv", zh: "人员名单 CSV（必填）", en: "the staff CSV (required)" },
    { name: "actuals", value: "FILE.csv|.xlsx", zh: "当晚到目前的实际咨询量导出（必填）", en: "the night's export so far (required)" },
    { name: "now", value: "YYYY-MM-DDTHH:MM", zh: "此刻，方案时区的本地时间，须在时段网格上（必填）", en: "now, local time in the plan's zone, on the interval grid (required)" },
    { name: "notice-min", value: "N", zh: "变更至少提前通知的分钟数（默认 60）", en: "minutes' notice a change needs (default 60)" },
    {
      name: "method",
      value: "ratio|run-rate",
      zh: "重新预测方法：按实际/预测比例（默认），或按近期均值延续",
      en: "re-forecast method: actual ÷ forecast ratio (default), or the recent run-rate held",
    },
    { name: "window-hours", value: "H", zh: "用最近几小时的实际数据（默认 2）", en: "hours of actuals the re-forecast looks back on (default 2)" },
    { name: "out", value: "FILE.xlsx|.csv|.ics", zh: "把调配后的排班导出到文件", en: "export the re-planned roster to a file" },
    { name: "time-limit-sec", value: "N", zh: "求解时限（秒，默认 60）", en: "solve time limit in seconds (default 60)" },
    { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" },
  ],
  example: "data/samples/mid-size-double11.plan.json --staff data/samples/mid-size-double11.staff.csv --actuals data/samples/mid-size-double11.actuals.csv --now 2026-11-11T00:30",
};

/** `replan` (see the module comment); exit 1 when work is still short from now on, or no answer came in time. */
async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, spec);
  const o = replanOptions(values);
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
    printJson(io, { ...night, shifts: night.roster.shifts, actualsNotes: actuals.notes });
  } else {
    const notes = actuals.notes.length === 0 ? "" : `${say(lang, "实际数据说明：", "Notes on the actuals:")}\n${actuals.notes.map((n) => `  · ${n}`).join("\n")}\n`;
    const written = o.out === undefined ? "" : `${say(lang, "已写入：", "Written: ")}${o.out}\n`;
    io.stdout(`${nightText(night, lang)}${notes}${written}`);
  }
  return night.shortfallAgentHours.after > 0 || night.status === "timeout" ? EXIT.notMet : EXIT.ok;
}

/** --now as a local date-time; --notice-min and --window-hours as numbers. */
function replanOptions(values: Record<string, unknown>) {
  const now = values.now;
  if (typeof now !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(now)) {
    throw new InputError([cliIssue("--now", "必填：方案时段网格上的本地时间，如 2026-11-11T00:30", "is required: a local date-time on the plan's grid, e.g. 2026-11-11T00:30")]);
  }
  const noticeMin = values["notice-min"] === undefined ? 60 : Number(values["notice-min"]);
  if (!Number.isFinite(noticeMin) || noticeMin < 0 || noticeMin > 24 * 60) throw new InputError([cliIssue("--notice-min", "须为 0 到 1440 的分钟数", "must be minutes from 0 to 1440")]);
  const windowHours = values["window-hours"] === undefined ? DEFAULT_REFORECAST.windowHours : Number(values["window-hours"]);
  if (!(windowHours > 0 && windowHours <= 24)) throw new InputError([cliIssue("--window-hours", "须为大于 0、不超过 24 的小时数", "must be hours in (0, 24]")]);
  const method = values.method ?? "ratio";
  if (method !== "ratio" && method !== "run-rate") throw new InputError([cliIssue("--method", '须为 "ratio"（默认）或 "run-rate"', 'must be "ratio" (default) or "run-rate"')]);
  if (typeof values.actuals !== "string") throw new InputError([cliIssue("--actuals", "必填：当晚到目前的导出（CSV 或 xlsx）", "is required: the night's export so far (CSV or xlsx)")]);
  const out = rosterOutOf(values.out);
  return { now, noticeMin, windowHours, method: method as "ratio" | "run-rate", actualsFile: values.actuals, out };
}

export const replan: Command = { spec, run };
