/** `peakcrew staffing PLAN.json`: the chain, the curve and the agents each interval needs. */
import { DateTime } from "luxon";
import { loadCatalog } from "../../catalog.ts";
import { planStaffing, QUEUES, type StaffingResult } from "../../domain/staffing.ts";
import { parsePlan } from "../../schemas.ts";
import { args, type Command, type CommandSpec, EXIT, type Io, printJson, readJsonFile } from "../io.ts";
import { fmt, type Lang, label, queueName, say, table } from "../text.ts";

const spec: CommandSpec = {
  name: "staffing",
  usage: "PLAN.json [--json]",
  summary: {
    zh: "按方案算出人数公式（种子公式）、咨询曲线，以及每个时段售前、售后所需的在岗与排班人数。",
    en: "The plan's staffing chain (the seed formula), its curve, and the productive and scheduled agents each queue needs per interval.",
  },
  positionals: 1,
  flags: [{ name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" }],
  example: "data/samples/mid-size-double11.plan.json",
};

function run(argv: string[], io: Io, lang: Lang): number {
  const { values, positionals } = args(argv, spec);
  const result = planStaffing(parsePlan(readJsonFile(positionals[0] as string)), loadCatalog());
  if (values.json) printJson(io, result);
  else io.stdout(staffingText(result, lang));
  return EXIT.ok;
}

export function staffingText(r: StaffingResult, lang: Lang = "zh"): string {
  const c = r.chain;
  const step = (zh: string, en: string) => say(lang, zh, en);
  const chain = table(say(lang, "步骤,字段,值", "step,field,value").split(","), [
    [step("店铺销售额 × 客服销售占比", "shop sales × CS share"), "csSalesYuan", c.csSalesYuan],
    [step("÷ 客服客单价", "÷ CS average order"), "csBuyers", c.csBuyers],
    [step("÷ 询单转化率", "÷ inquiry conversion"), "presalesReceptions", c.presalesReceptions],
    [step("× (1 − 机器人解决率)", "× (1 − bot resolution)"), "humanReceptions", c.humanReceptions],
    [step("÷ 客服饱和接待量", "÷ saturation"), "agentsExact", c.agentsExact],
    [step("客服人数（向上取整）", "agents (rounded up)"), "agents", c.agents],
  ]);
  const hhmm = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat("MM-dd HH:mm");
  const summary = table(
    say(lang, "队列,接待量,人工接待量,高峰排班人数,高峰时间,排班人·时", "queue,receptions,to humans,peak agents,peak at,scheduled agent-h").split(","),
    QUEUES.map((q) => {
      const s = r.summary[q];
      return [queueName(q, lang), s.receptions, s.humanReceptions, s.peak.scheduledAgents, hhmm(s.peak.start), s.scheduledAgentHours];
    }),
  );
  const withSl = r.method === "service-level";
  const rows = r.intervals.map((row) => [
    hhmm(row.start),
    ...QUEUES.flatMap((q) => {
      const x = row[q];
      const cells: (string | number)[] = [x.humanReceptions, x.productiveAgents, x.scheduledAgents];
      if (withSl) cells.push("serviceLevel" in x ? Math.round(x.serviceLevel * 1000) / 10 : "—");
      return cells;
    }),
  ]);
  const queueCols = (q: (typeof QUEUES)[number]) => {
    const n = queueName(q, lang);
    return lang === "zh" ? [`${n}接待量`, `${n}在岗`, `${n}排班`, ...(withSl ? [`${n}服务水平 %`] : [])] : [`${n} recv`, `${n} prod`, `${n} sched`, ...(withSl ? [`${n} SL %`] : [])];
  };
  const intervals = table([say(lang, "时段", "start"), ...QUEUES.flatMap(queueCols)], rows);
  const method = label(`opt.${r.method}`, lang);
  return [
    say(lang, `人数公式（种子公式；客服饱和接待量 ${fmt(c.saturationPerAgentDay)} 人次/人·天）`, `Chain (seed formula; saturation ${fmt(c.saturationPerAgentDay)} receptions per agent-day)`),
    chain,
    "",
    say(
      lang,
      `公式得出的是日均人数，高峰需要更多。计算方法：${method}，每时段 ${r.intervalMin} 分钟，时区 ${r.zone}。`,
      `The chain's headcount is a daily average; the peak needs more. Method: ${method}, ${r.intervalMin}-minute intervals, ${r.zone}.`,
    ),
    ...modelLines(r, lang),
    say(
      lang,
      `售后咨询：${fmt(r.aftersales.orders)} 笔订单 → ${fmt(r.aftersales.contactsTotal)} 次咨询，其中 ${fmt(r.aftersales.contactsInWindow)} 次在窗口内。`,
      `After-sales: ${fmt(r.aftersales.orders)} orders → ${fmt(r.aftersales.contactsTotal)} contacts, ${fmt(r.aftersales.contactsInWindow)} inside the window.`,
    ),
    summary,
    "",
    say(lang, "每个时段（到人工的接待量；在岗与排班人数）", "Per interval (receptions reaching humans; productive and scheduled agents)"),
    intervals,
    "",
  ].join("\n");
}

/** One line per queue naming the service-level model it ran, in the page's words (none for the saturation method). */
function modelLines(r: StaffingResult, lang: Lang): string[] {
  if (!r.models) return [];
  const models = r.models;
  return QUEUES.map((q) => {
    const m = models[q];
    const queue = queueName(q, lang);
    return m.model === "factor"
      ? label("model.factor", lang, { queue, divisor: fmt(m.concurrency) })
      : label("model.chat", lang, { queue, k: m.parallel, aht: m.ahtSecByParallel.map((a) => fmt(a)).join("/") });
  });
}

export const staffing: Command = { spec, run };
