/** `peakcrew compare PLAN.json --history ID|FILE.csv`: this year's plan (and roster) against last year, hour by hour. */
import { loadCatalog } from "../../catalog.ts";
import { compareWithHistory } from "../../domain/compare.ts";
import { withIssuePaths } from "../../domain/errors.ts";
import { buildRoster } from "../../domain/roster.ts";
import { planStaffing } from "../../domain/staffing.ts";
import { parse, parsePlan, ToleranceSchema } from "../../schemas.ts";
import { args, type Command, type CommandSpec, createSolve, EXIT, type Io, printJson, readJsonFile, staffOf, timeLimitOf } from "../io.ts";
import type { Lang } from "../text.ts";
import { HISTORY_FLAG, loadHistory } from "./history.ts";
import { compareText } from "./history-text.ts";

const spec: CommandSpec = {
  name: "compare",
  usage: "PLAN.json --history ID|FILE.csv [--staff STAFF.csv] [--tolerance T] [--db FILE] [--json]",
  summary: {
    zh: "把今年的方案（给出人员名单时按排班在岗，否则按需求）与去年逐小时对比，列出每人接待量比去年更紧的时段和持平所需加的人数。",
    en: "This year's plan (its roster with --staff, else its requirement) against last year hour by hour: the hours where each agent takes more than last year, and the agents to match.",
  },
  positionals: 1,
  flags: [
    HISTORY_FLAG,
    { name: "staff", value: "STAFF.csv", zh: "人员名单 CSV：按排班在岗对比（不给则按需求）", en: "the staff CSV: compare the rostered agents (else the requirement)" },
    {
      name: "tolerance",
      value: "T",
      zh: "容差，小数：0.1 即每人接待量高出去年 10 % 以上才算更紧（默认 0.1）",
      en: "tolerance as a fraction: 0.1 flags hours over 110 % of last year's load (default 0.1)",
    },
    { name: "time-limit-sec", value: "N", zh: "排班求解时限（秒，默认 60）", en: "roster solve time limit in seconds (default 60)" },
    { name: "db", value: "FILE", zh: "数据库文件（--history 给编号时）", en: "database file (when --history is an id)" },
    { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" },
  ],
  example: "data/samples/mid-size-double11.plan.json --history data/samples/mid-size-double11.history.csv",
};

async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, spec);
  const plan = parsePlan(readJsonFile(positionals[0] as string));
  const tolerance = withIssuePaths(
    () => "--tolerance",
    () => parse(ToleranceSchema, values.tolerance),
  );
  const dataset = await loadHistory(values.history, values.db);
  const staffing = planStaffing(plan, loadCatalog());
  const roster =
    values.staff === undefined
      ? null
      : buildRoster(plan, staffing, await staffOf(values.staff, plan.zone), { solve: await createSolve(), clock: () => performance.now(), timeLimitSec: timeLimitOf(values["time-limit-sec"]) });
  const comparison = compareWithHistory(staffing, roster, dataset.rows, tolerance);
  if (values.json) printJson(io, comparison);
  else io.stdout(compareText(comparison, lang));
  return EXIT.ok;
}

export const compare: Command = { spec, run };
