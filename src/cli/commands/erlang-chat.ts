/**
 * `peakcrew erlang --aht-sec A1,A2,…`: the chat model (src/domain/chat.ts) for one interval,
 * K = the number of handle times. Text or one JSON document out; bad values exit 2 naming the flag.
 */
import { type ChatResult, chatFigures, requiredChatAgents } from "../../domain/chat.ts";
import type { InputIssue } from "../../domain/errors.ts";
import { parseChatRequest } from "../../schemas/erlang.ts";
import { EXIT, parseAtFlags, readNumberFlags, type Io, printJson } from "../io.ts";
import { cliIssue, fmt, type Lang, label, pct, say, table } from "../text.ts";

const NUMBER_FLAGS = {
  arrivals: "arrivals",
  "interval-min": "intervalMin",
  "target-sec": "targetSec",
  "service-level": "serviceLevel",
  "max-occupancy": "maxOccupancy",
  shrinkage: "shrinkage",
  "patience-sec": "patienceSec",
  lines: "lines",
  agents: "agents",
} as const;

const FLAG_OF: Record<string, string> = {
  ...Object.fromEntries(Object.entries(NUMBER_FLAGS).map(([flag, field]) => [field, `--${flag}`])),
  ahtSecByParallel: "--aht-sec",
  convention: "--sl-convention",
};

/** Runs the chat model on already-parsed flag values (strings, as parseArgs gives them). */
export function chatCommand(values: Record<string, unknown>, io: Io, lang: Lang): number {
  const fields: Record<string, unknown> = {};
  const issues: InputIssue[] = [];
  if (values.concurrency !== undefined) issues.push(cliIssue("--concurrency", "不适用于一组处理时长（Erlang Chat 模型）", "does not apply to a list of handle times (the chat model)"));
  readNumberFlags(values, NUMBER_FLAGS, fields, issues);
  const aht = String(values["aht-sec"])
    .split(",")
    .map((s) => s.trim());
  if (aht.some((s) => s === "" || !Number.isFinite(Number(s)))) {
    issues.push(cliIssue("--aht-sec", `应为逗号分隔的秒数，如 180,210,240：“${values["aht-sec"]}”`, `a comma-separated list of seconds, e.g. 180,210,240: "${values["aht-sec"]}"`));
  } else fields.ahtSecByParallel = aht.map(Number);
  const convention = values["sl-convention"];
  if (convention !== undefined) {
    if (convention === "virtual" || convention === "answered") fields.convention = convention === "virtual" ? "virtual" : "answeredWithin";
    else issues.push(cliIssue("--sl-convention", `须为 "virtual" 或 "answered"：“${convention}”`, `must be "virtual" or "answered": "${convention}"`));
  }
  const request = parseAtFlags(parseChatRequest, fields, issues, (path) => FLAG_OF[path.split(".")[0] as string] ?? path);
  const { agents, ...params } = request;
  const result = agents === undefined ? requiredChatAgents(params) : chatFigures(params, agents);
  if (values.json) printJson(io, result);
  else io.stdout(chatText(result, agents !== undefined, lang));
  return result.meetsTarget ? EXIT.ok : EXIT.notMet;
}

function chatText(r: ChatResult, given: boolean, lang: Lang): string {
  const zh = lang === "zh";
  const sec = (x: number | null) => (x === null ? say(lang, "无上限", "unbounded") : `${fmt(x)} ${say(lang, "秒", "s")}`);
  const chosen = r.convention === "virtual" ? label("opt.sl.virtual", lang) : label("opt.sl.answeredWithin", lang);
  const rows: [string, string][] = [
    [
      say(lang, "模型", "model"),
      zh ? `Erlang Chat 模型（erlang-chat）：每人最多同时接待 ${r.parallel} 个会话，处理时长按同时接待数` : `Erlang Chat (erlang-chat): up to ${r.parallel} chats per agent, handle time by chats held`,
    ],
    [zh ? `在岗人数${given ? "（给定）" : ""}` : `productive agents${given ? " (given)" : ""}`, fmt(r.productiveAgents)],
    [say(lang, "排班人数", "scheduled agents"), fmt(r.scheduledAgents)],
    [
      zh ? `服务水平（${chosen}，目标口径）` : `service level (${chosen.toLowerCase()}, the target's)`,
      r.stable ? pct(r.serviceLevel) : say(lang, "0 %（不稳定：接待能力 ≤ 进线）", "0 % (unstable: capacity ≤ arrivals)"),
    ],
    [say(lang, "服务水平，虚拟等待（不放弃的客户）", "service level, virtual (infinitely patient chat)"), pct(r.serviceLevelVirtual)],
    [say(lang, "服务水平，目标时间内应答 ÷ 全部进线", "service level, answered within T ÷ offered"), pct(r.serviceLevelAnsweredWithin)],
    [say(lang, "占用率（接待中的会话 ÷ 人数 × K）", "occupancy (chats in service ÷ agents × K)"), pct(r.occupancy)],
    [say(lang, "等待概率", "wait probability"), pct(r.waitProbability)],
    [say(lang, "每个进线会话的平均等待", "average wait per offered chat"), sec(r.asaSec)],
    [say(lang, "不放弃的客户的平均等待（CCmath ASA）", "average wait, infinitely patient chat (CCmath ASA)"), sec(r.virtualAsaSec)],
    [say(lang, "放弃率", "abandonment"), pct(r.abandonProbability)],
    [say(lang, "线路满而被拒", "blocked (lines full)"), pct(r.blockProbability)],
    [say(lang, "达到目标", "meets target"), r.meetsTarget ? say(lang, "是", "yes") : say(lang, "否", "no")],
  ];
  return `${table(say(lang, "指标,值", "figure,value").split(","), rows)}\n`;
}
