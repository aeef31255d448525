/** `peakcrew design INSTANCE.json`: optimal shifts for a requirement curve (shared/bench format). */
import { DateTime } from "luxon";
import { type DesignResult, designShifts } from "../../domain/design.ts";
import { parseDesignInstance } from "../../schemas/design.ts";
import { args, type Command, type CommandSpec, createSolve, EXIT, type Io, printJson, readJsonFile, timeLimitOf } from "../io.ts";
import { fmt, type Lang, label, pct, say, table } from "../text.ts";

const spec: CommandSpec = {
  name: "design",
  usage: "INSTANCE.json [--json] [--time-limit-sec N]",
  summary: {
    zh: "按一条需求曲线求成本最低的班次组合（shared/bench 的算例格式），并给出下界与差距。",
    en: "The least-cost shifts for one requirement curve (the shared/bench instance format), with the lower bound and the gap.",
  },
  positionals: 1,
  flags: [
    { name: "time-limit-sec", value: "N", zh: "求解时限（秒，默认 60）", en: "solve time limit in seconds (default 60)" },
    { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" },
  ],
  example: "../shared/bench/instances/d11-S.json",
};

const STATUS: Record<DesignResult["status"], { zh: string; en: string }> = {
  optimal: { zh: "最优", en: "optimal" },
  feasible: { zh: "可行（未证明最优）", en: "feasible (not proven optimal)" },
  shortfall: { zh: "有缺口（允许的班次覆盖不了每个时段）", en: "short (the shifts allowed cannot cover every interval)" },
  infeasible: { zh: "无解", en: "infeasible" },
  timeout: { zh: "超时", en: "timed out" },
};

async function run(argv: string[], io: Io, lang: Lang): Promise<number> {
  const { values, positionals } = args(argv, spec);
  const timeLimitSec = timeLimitOf(values["time-limit-sec"]);
  const instance = parseDesignInstance(readJsonFile(positionals[0] as string));
  const result = designShifts(instance, { solve: await createSolve(), clock: () => performance.now(), timeLimitSec });
  if (values.json) printJson(io, result);
  else io.stdout(designText(result, lang));
  return result.status === "optimal" || result.status === "feasible" ? EXIT.ok : EXIT.notMet;
}

function designText(r: DesignResult, lang: Lang): string {
  const hhmm = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("MM-dd HH:mm");
  const status = STATUS[r.status][lang];
  const bound = r.lowerBound === null ? "—" : fmt(r.lowerBound);
  const stages = r.stages.map((s) => `${s.stage} ${fmt(Math.round(s.ms))} ms`).join(say(lang, "，", ", "));
  const head =
    lang === "zh"
      ? [
          `${r.name}：${status}。带薪工时 ${fmt(r.paidHours)}，成本 ${fmt(r.cost)}；下界 ${bound}，差距 ${pct(r.gap)}；用时 ${fmt(Math.round(r.solveMs))} ms。`,
          `候选班次 ${fmt(r.model.shifts)} 个 × 时段 ${fmt(r.model.intervals)} 个；各阶段：${stages}。`,
        ]
      : [
          `${r.name}: ${status}. Paid ${fmt(r.paidHours)} h, cost ${fmt(r.cost)}; lower bound ${bound}, gap ${pct(r.gap)}; ${fmt(Math.round(r.solveMs))} ms.`,
          `${fmt(r.model.shifts)} candidate shifts × ${fmt(r.model.intervals)} intervals; stages: ${stages}.`,
        ];
  const shifts = table(
    say(lang, `开始,结束,时长,${label("roster.break", lang)},人数`, "start,end,hours,break,agents").split(","),
    r.agentsPerShift.map((s) => [hhmm(s.start), hhmm(s.end), s.lengthHours, s.breaks.map((b) => `${hhmm(b.start).slice(6)}–${hhmm(b.end).slice(6)}`).join(" ") || "—", s.agents]),
  );
  const uncovered =
    r.uncovered.length === 0
      ? []
      : [
          "",
          say(lang, "无法覆盖：", "Cannot be covered:"),
          table(
            say(lang, "时段,缺", "interval,short").split(","),
            r.uncovered.map((u) => [hhmm(u.start), u.shortfall]),
          ),
        ];
  return [...head, "", shifts, ...uncovered, ""].join("\n");
}

export const design: Command = { spec, run };
