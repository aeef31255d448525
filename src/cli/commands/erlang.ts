/**
 * `peakcrew erlang`: one interval's queueing answer, Erlang C (or Erlang A with a patience);
 * a list of handle times (`--aht-sec 180,210,240`) runs the chat model instead (erlang-chat.ts).
 */
import { InputError, type InputIssue } from "../../domain/errors.ts";
import { type ErlangResult, evaluateAgents, requiredAgents } from "../../domain/erlang.ts";
import { parseErlangRequest } from "../../schemas/erlang.ts";
import { args, type Command, type CommandSpec, EXIT, parseAtFlags, readNumberFlags, type Io, printJson } from "../io.ts";
import { cliIssue, fmt, type Lang, label, pct, say, table } from "../text.ts";
import { chatCommand } from "./erlang-chat.ts";

const spec: CommandSpec = {
  name: "erlang",
  usage: "--arrivals N --interval-min M --aht-sec S --target-sec T --service-level P […]",
  summary: {
    zh: "单个时段的排队计算：达到服务水平目标所需的在岗与排班人数（Erlang C；给出客户耐心时为 Erlang A）。--aht-sec 给一组逗号分隔的处理时长（按同时接待数）时改用 Erlang Chat 模型，K 为其个数。",
    en: "One interval's queueing answer: the productive and scheduled agents that meet the service-level target (Erlang C; Erlang A with a patience). A comma-separated list for --aht-sec (handle time by chats held) runs the Erlang Chat model instead, K = its length.",
  },
  positionals: 0,
  flags: [
    { name: "arrivals", value: "N", zh: "本时段进线的会话数", en: "chats arriving in the interval" },
    { name: "interval-min", value: "M", zh: "时段长度（分钟）", en: "interval length in minutes" },
    {
      name: "aht-sec",
      value: "S|S1,S2,…",
      zh: "平均处理时长（秒）；一组逗号分隔的值为同时接待 1…K 个会话时的处理时长（Erlang Chat）",
      en: "average handle time in seconds; a comma-separated list is the handle time at 1…K chats held (Erlang Chat)",
    },
    { name: "target-sec", value: "T", zh: "响应时间目标（秒）", en: "answer-within target in seconds" },
    { name: "service-level", value: "P", zh: "服务水平目标，小数：0.8 即 80 %", en: "service-level target as a fraction: 0.8 is 80 %" },
    { name: "max-occupancy", value: "O", zh: "最高占用率，小数（可选）", en: "occupancy cap as a fraction (optional)" },
    { name: "shrinkage", value: "R", zh: "损耗率，小数：排班人数 = 在岗 ÷ (1 − R)（可选）", en: "shrinkage as a fraction: scheduled = productive ÷ (1 − R) (optional)" },
    { name: "concurrency", value: "C", zh: "并发系数：处理时长 ÷ C（系数法；不用于一组处理时长）", en: "concurrency divisor: AHT ÷ C (factor method; not with a list of handle times)" },
    { name: "patience-sec", value: "Q", zh: "客户平均耐心（秒）；给出即用 Erlang A 并报告放弃率", en: "mean patience in seconds; switches to Erlang A and reports abandonment" },
    { name: "agents", value: "K", zh: "评估给定的在岗人数，而不是求最少人数", en: "evaluate this many productive agents instead of finding the least" },
    { name: "lines", value: "L", zh: "线路上限（只用于一组处理时长）", en: "most chats in the system (a list of handle times only)" },
    {
      name: "sl-convention",
      value: "virtual|answered",
      zh: "服务水平口径（只用于一组处理时长）：虚拟等待或按应答计",
      en: "service-level convention (a list of handle times only): virtual wait or answered within",
    },
    { name: "json", zh: "输出一份 JSON（机器读取，不随语言变化）", en: "print one JSON document (for machines; the same in either language)" },
  ],
  example: "--arrivals 100 --interval-min 30 --aht-sec 180 --target-sec 20 --service-level 0.8",
};

const NUMBER_FLAGS = {
  arrivals: "arrivals",
  "interval-min": "intervalMin",
  "aht-sec": "ahtSec",
  "target-sec": "targetSec",
  "service-level": "serviceLevel",
  "max-occupancy": "maxOccupancy",
  shrinkage: "shrinkage",
  concurrency: "concurrency",
  "patience-sec": "patienceSec",
  agents: "agents",
} as const;

function run(argv: string[], io: Io, lang: Lang): number {
  const { values } = args(argv, spec);
  if (typeof values["aht-sec"] === "string" && values["aht-sec"].includes(",")) return chatCommand(values, io, lang);
  for (const flag of ["lines", "sl-convention"]) {
    if (values[flag] !== undefined)
      throw new InputError([cliIssue(`--${flag}`, "只用于一组处理时长（--aht-sec 180,210,240：Erlang Chat 模型）", "applies only to a list of handle times (--aht-sec 180,210,240: the chat model)")]);
  }
  const fields: Record<string, number> = {};
  const issues: InputIssue[] = [];
  readNumberFlags(values, NUMBER_FLAGS, fields, issues);
  const flagOf: Record<string, string> = Object.fromEntries(Object.entries(NUMBER_FLAGS).map(([flag, field]) => [field, `--${flag}`]));
  const request = parseAtFlags(parseErlangRequest, fields, issues, (path) => flagOf[path] ?? path);
  const { agents, ...params } = request;
  const result = agents === undefined ? requiredAgents(params) : evaluateAgents(params, agents);
  if (values.json) printJson(io, result);
  else io.stdout(erlangText(result, agents !== undefined, lang));
  return result.meetsTarget ? EXIT.ok : EXIT.notMet;
}

function erlangText(r: ErlangResult, given: boolean, lang: Lang): string {
  const zh = lang === "zh";
  const sec = (x: number) => `${fmt(x)} ${say(lang, "秒", "s")}`;
  const rows: [string, string][] = [
    [say(lang, "模型", "model"), r.model === "erlang-a" ? say(lang, "Erlang A（M/M/n+M，含放弃）", "Erlang A (M/M/n+M, with abandonment)") : "Erlang C (M/M/n)"],
    [say(lang, "话务量（Erlang）", "traffic (Erlangs)"), fmt(r.trafficErlangs)],
    [say(lang, "有效处理时长", "effective handle time"), sec(r.effectiveAhtSec)],
    [zh ? `在岗人数${given ? "（给定）" : ""}` : `productive agents${given ? " (given)" : ""}`, fmt(r.productiveAgents)],
    [say(lang, "排班人数", "scheduled agents"), fmt(r.scheduledAgents)],
    [zh ? label("f.service.serviceLevel", lang) : "service level", r.stable ? pct(r.serviceLevel) : say(lang, "0 %（不稳定：人数 ≤ 话务量）", "0 % (unstable: agents ≤ traffic)")],
    [say(lang, "占用率", "occupancy"), pct(r.occupancy)],
    [say(lang, "等待概率", "wait probability"), pct(r.waitProbability)],
    [say(lang, "平均等待（ASA）", "average wait (ASA)"), r.asaSec === null ? say(lang, "无上限", "unbounded") : sec(r.asaSec)],
    ...(r.model === "erlang-a" ? ([[say(lang, "放弃率", "abandonment"), pct(r.abandonProbability)]] as [string, string][]) : []),
    [say(lang, "达到目标", "meets target"), r.meetsTarget ? say(lang, "是", "yes") : say(lang, "否", "no")],
  ];
  return `${table(say(lang, "指标,值", "figure,value").split(","), rows)}\n`;
}

export const erlang: Command = { spec, run };
