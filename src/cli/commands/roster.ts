/** `peakcrew roster PLAN.json --staff STAFF.csv`: the named roster, checked against every rule; --out exports it. */
import { writeFileSync } from "node:fs";
import { extname } from "node:path";
import { loadCatalog } from "../../catalog.ts";
import { InputError } from "../../domain/errors.ts";
import { buildRoster, type RosterResult } from "../../domain/roster.ts";
import { planStaffing } from "../../domain/staffing.ts";
import { parsePlan } from "../../schemas.ts";
import { args, type Command, type CommandSpec, createSolve, EXIT, exportRoster, type Io, printJson, readJsonFile, rosterOutOf, staffOf, timeLimitOf } from "../io.ts";
import { hiringText, rosterText, shortfallLine } from "../roster-text.ts";
import { cliIssue, fmt, type Lang, label, pct, say } from "../text.ts";

const spec: CommandSpec = {
  name: "roster",
  usage: "PLAN.json --staff STAFF.csv [--out FILE.xlsx|.csv|.ics [--person ID]] [--json] [--time-limit-sec N]",
  summary: {
    zh: "按方案和人员名单排班到人，逐条校验规则（连续在岗、休息、可排时段、技能、工时）；人手不够时给出已证明的缺口下界和招聘建议。--out 导出排班，屏幕上只显示摘要。",
    en: "The roster by name from the plan and the staff list, checked against every rule (continuous duty, rest, availability, skills, hours); when hands are short, the proven bound on the shortfall and the hires that close it. --out exports it and prints a summary.",
  },
  positionals: 1,
  flags: [
    { name: "staff", value: "STAFF.csv", zh: "人员名单 CSV（必填；GBK 或 UTF-8）", en: "the staff list CSV (required; GBK or UTF-8)" },
    {
      name: "out",
      value: "FILE.xlsx|.csv|.ics",
      zh: "把排班导出到文件（按扩展名：Excel、CSV 或日历），屏幕上只显示摘要",
      en: "export the roster to a file (by extension: Excel, CSV or calendar); prints a summary instead of the table",
    },
    { name: "person", value: "ID", zh: "与 --out FILE.ics 一起用：只导出这个人的日历", en: "with --out FILE.ics: one person's calendar" },
    { name: "time-limit-sec", value: "N", zh: "求解时限（秒，默认 60）", en: "solve time limit in seconds (default 60)" },
    { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" },
  ],
  example: "data/samples/mid-size-double11.plan.json --staff data/samples/mid-size-double11.staff.csv --out 排班.xlsx",
};

async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, spec);
  const timeLimitSec = timeLimitOf(values["time-limit-sec"]);
  const out = rosterOutOf(values.out);
  const person = values.person as string | undefined;
  if (person !== undefined && (out === undefined || extname(out).toLowerCase() !== ".ics")) {
    throw new InputError([cliIssue("--person", "须与 --out FILE.ics 一起用：一个人的日历", "goes with --out FILE.ics: one person's calendar")]);
  }
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const staffing = planStaffing(plan, loadCatalog());
  const result = buildRoster(plan, staffing, await staffOf(values.staff, plan.zone), { solve: await createSolve(), clock: () => performance.now(), timeLimitSec });
  if (person !== undefined && !result.shifts.some((s) => s.personId === person)) {
    throw new InputError([cliIssue("--person", `“${person}”在这份排班里没有班次`, `"${person}" has no shift in this roster`)]);
  }
  if (out !== undefined) writeFileSync(out, await exportRoster(result, plan.name, out, lang, person));
  if (values.json) printJson(io, result);
  else io.stdout(out === undefined ? rosterText(result, lang) : rosterSummary(result, out, lang));
  return result.shortfallAgentHours > 0 || result.status === "timeout" ? EXIT.notMet : EXIT.ok;
}

/** What `--out` prints instead of the whole table: status, shifts, people, paid hours, the shortfall, where the file went. */
export function rosterSummary(r: RosterResult, file: string, lang: Lang): string {
  const summary = label("roster.summary", lang, {
    status: label(`roster.status.${r.status}`, lang),
    shifts: fmt(r.shifts.length),
    people: fmt(r.people.length),
    paid: fmt(r.paidHours),
    bound: r.lowerBoundHours === null ? "—" : fmt(r.lowerBoundHours),
    gap: pct(r.gap),
  });
  return [summary, shortfallLine(r, lang), ...(r.hiring ? [hiringText(r.hiring, lang)] : []), `${say(lang, "已写入：", "Written: ")}${file}`, ""].join("\n");
}

export const roster: Command = { spec, run };
